package federation

import (
	"encoding/json"
	"io"

	"github.com/casenode/casenode/casefile"
)

// packageScan is what a CFPackage claims to be: its framework identifier and
// the identifiers of its items.
type packageScan struct {
	document string
	items    []string
}

// scanPackage reads the CFDocument identifier and the CFItems identifiers of
// the CFPackage in r, streaming: one array element at a time is held in
// memory. It accepts the bare package and the {"CFPackage": {...}} wrapper;
// anything else is Invalid.
func scanPackage(r io.Reader) (packageScan, error) {
	var ps packageScan
	err := scanObject(json.NewDecoder(r), &ps, true)
	if err == nil && ps.document == "" {
		err = casefile.Errorf(casefile.Invalid, "answer is not a CFPackage: no CFDocument")
	}
	return ps, err
}

func scanObject(dec *json.Decoder, ps *packageScan, wrapper bool) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return notPackage(err)
		}
		k, _ := key.(string)
		switch {
		case equalFold(k, "CFDocument"):
			var d struct {
				Identifier string `json:"identifier"`
			}
			if err := dec.Decode(&d); err != nil {
				return notPackage(err)
			}
			if d.Identifier == "" {
				return casefile.Errorf(casefile.Invalid, "CFPackage has a CFDocument without an identifier")
			}
			ps.document = d.Identifier
		case equalFold(k, "CFItems"):
			err = eachElement(dec, func() error {
				var it struct {
					Identifier string `json:"identifier"`
				}
				err := dec.Decode(&it)
				if it.Identifier != "" {
					ps.items = append(ps.items, it.Identifier)
				}
				return err
			})
		case equalFold(k, "CFPackage") && wrapper:
			err = scanObject(dec, ps, false)
		default:
			err = skipValue(dec)
		}
		if err != nil {
			return notPackage(err)
		}
	}
	_, err := dec.Token() // closing brace
	return notPackage(err)
}

// eachElement calls fn once per element of the array (or null) at dec.
func eachElement(dec *json.Decoder, fn func() error) error {
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return err
	}
	if tok != json.Delim('[') {
		return casefile.Errorf(casefile.Invalid, "CFItems is not a list")
	}
	for dec.More() {
		if err := fn(); err != nil {
			return err
		}
	}
	_, err = dec.Token()
	return err
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return notPackage(err)
	}
	if tok != d {
		return casefile.Errorf(casefile.Invalid, "answer is not a CFPackage object")
	}
	return nil
}

// skipValue consumes one JSON value, streaming: arrays one element at a
// time, objects one member at a time.
func skipValue(dec *json.Decoder) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('['):
		for dec.More() {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return err
			}
		}
		_, err = dec.Token()
	case json.Delim('{'):
		for dec.More() {
			if _, err := dec.Token(); err != nil {
				return err
			}
			if err := skipValue(dec); err != nil {
				return err
			}
		}
		_, err = dec.Token()
	}
	return err
}

func notPackage(err error) error {
	if err == nil {
		return nil
	}
	if fe, ok := err.(*casefile.Error); ok {
		return fe
	}
	return casefile.Errorf(casefile.Invalid, "answer is not valid JSON (%s)", jsonProblem(err))
}
