package casefile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// DecodeOptions controls lenient decoding.
type DecodeOptions struct {
	// BaseURL is the node's base URL, e.g. "http://127.0.0.1:8080"; it is used
	// to mint uris for objects that arrive without one ("urn:uuid:{id}" when
	// empty).
	BaseURL string
	// MaxBytes bounds the input; 0 means no limit. Larger input is rejected
	// with code invalid. The importer sets it from Limits.MaxImportBytes.
	MaxBytes int64
	// Limits bound fields, objects and object counts (zero fields: defaults).
	Limits Limits
	// parallel is the use of cores by the large arrays (decode_array.go).
	parallel parallelism
}

// Decode reads one CFPackage leniently, streaming (items and associations are
// read a chunk at a time and decoded on all cores, see decode_array.go),
// normalises it (reporting each change as a Warning with its JSON path) and
// validates it. A `{"CFPackage":{…}}` wrapper and a top-level array holding
// exactly one package are accepted. A package that cannot be imported
// returns *Error{Code: Invalid, Problems: [...]}.
func Decode(r io.Reader, opt DecodeOptions) (*Package, []Warning, error) {
	pkgs, ws, err := decodeInput(r, opt, false)
	if err != nil {
		return nil, ws, err
	}
	return pkgs[0], ws, nil
}

// DecodeMany accepts a single package, a top-level array of packages, or a
// {"CFPackage":…} wrapper; each element is decoded as by Decode. When any
// package is rejected, none is returned (nothing is half-imported) and the
// problems' paths say which element failed ("$[3].CFItems[7].identifier").
func DecodeMany(r io.Reader, opt DecodeOptions) ([]*Package, []Warning, error) {
	return decodeInput(r, opt, true)
}

// errTooLarge is returned by limitReader once the input exceeds its limit.
var errTooLarge = errors.New("input too large")

type limitReader struct {
	r    io.Reader
	left int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

// stream walks the input's tokens; it owns the json.Decoder.
type stream struct {
	dec  *json.Decoder
	opt  DecodeOptions
	path string // where the decoder is, for syntax errors
}

func decodeInput(r io.Reader, opt DecodeOptions, many bool) ([]*Package, []Warning, error) {
	if opt.MaxBytes > 0 {
		r = &limitReader{r: r, left: opt.MaxBytes + 1}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3) // a UTF-8 byte order mark, as spreadsheet tools write
	}
	s := &stream{dec: json.NewDecoder(br), opt: opt, path: "$"}
	pkgs, ws, err := s.top(many)
	if err != nil {
		return nil, ws, s.wrapErr(err)
	}
	if _, err := s.dec.Token(); err != io.EOF {
		if err == nil {
			err = &Error{Code: Invalid, Message: "$: unexpected data after the end of the package",
				Problems: []Problem{{Path: "$", Message: "unexpected data after the end of the package"}}}
		}
		return nil, ws, s.wrapErr(err)
	}
	return pkgs, ws, nil
}

// wrapErr turns a read or syntax error into a user-facing *Error.
func (s *stream) wrapErr(err error) error {
	var ce *Error
	if errors.As(err, &ce) {
		return err
	}
	if errors.Is(err, errTooLarge) {
		return InputTooLarge(s.opt.MaxBytes)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		msg := "malformed JSON"
		if se != nil {
			msg += " at byte " + strconv.FormatInt(se.Offset, 10) + ": " + se.Error()
		} else {
			msg += ": unexpected end of input"
		}
		return &Error{Code: Invalid, Message: s.path + ": " + msg, Problems: []Problem{{Path: s.path, Message: msg}}, Err: err}
	}
	return &Error{Code: Invalid, Message: s.path + ": cannot read input", Err: err}
}

func (s *stream) top(many bool) ([]*Package, []Warning, error) {
	tok, err := s.dec.Token()
	if err != nil {
		return nil, nil, err
	}
	switch tok {
	case json.Delim('{'):
		res, err := s.packageObject("$")
		if err != nil {
			return nil, res.warnings, err
		}
		if len(res.problems) > 0 {
			return nil, res.warnings, invalidError(res.problems, res.total)
		}
		return []*Package{res.pkg}, res.warnings, nil
	case json.Delim('['):
		return s.packageArray(many)
	}
	return nil, nil, notPackage("$", "input is a JSON "+jsonKind(tok)+", not a CASE package (an object with CFDocument)")
}

func jsonKind(tok json.Token) string {
	switch tok.(type) {
	case string:
		return "string"
	case nil:
		return "null"
	case bool:
		return "boolean"
	}
	return "number"
}

func notPackage(path, msg string) *Error {
	return &Error{Code: Invalid, Message: path + ": " + msg, Problems: []Problem{{Path: path, Message: msg}}}
}

// packageArray decodes a top-level array of packages. All must be valid.
func (s *stream) packageArray(many bool) ([]*Package, []Warning, error) {
	var pkgs []*Package
	var all []Warning
	var probs []Problem
	total := 0
	for i := 0; s.dec.More(); i++ {
		path := "$[" + strconv.Itoa(i) + "]"
		s.path = path
		tok, err := s.dec.Token()
		if err != nil {
			return nil, all, err
		}
		if tok != json.Delim('{') {
			probs = append(probs, Problem{Path: path, Message: "must be a CASE package object"})
			total++
			if err := s.skip(tok); err != nil {
				return nil, all, err
			}
			continue
		}
		res, err := s.packageObject(path)
		all = append(all, res.warnings...)
		var ce *Error
		if errors.As(err, &ce) && ce.Code == Invalid && ce.Err == nil {
			probs = append(probs, ce.Problems...)
			total += len(ce.Problems)
			continue
		} else if err != nil {
			return nil, all, err
		}
		if len(res.problems) > 0 {
			probs = append(probs, res.problems...)
			total += res.total
			continue
		}
		pkgs = append(pkgs, res.pkg)
	}
	if _, err := s.dec.Token(); err != nil {
		return nil, all, err
	}
	if len(probs) > 0 {
		return nil, all, invalidError(probs, total)
	}
	if len(pkgs) == 0 {
		return nil, all, notPackage("$", "input is an empty array, not a CASE package")
	}
	if !many && len(pkgs) > 1 {
		return nil, all, notPackage("$", fmt.Sprintf("input is an array of %d packages; import it as a file of several packages", len(pkgs)))
	}
	return pkgs, all, nil
}

// skip consumes the rest of a value whose first token was tok.
func (s *stream) skip(tok json.Token) error {
	d, ok := tok.(json.Delim)
	if !ok || (d != '{' && d != '[') {
		return nil
	}
	for depth := 1; depth > 0; {
		t, err := s.dec.Token()
		if err != nil {
			return err
		}
		if d, ok := t.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
	return nil
}
