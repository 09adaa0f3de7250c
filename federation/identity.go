package federation

import (
	"encoding/json"
	"io"

	"github.com/casenode/casenode/casefile"
)

// packageIdentity reads the CFDocument identifier of the CFPackage in r
// without holding the package in memory: it walks JSON tokens, skipping
// other members, and stops at the document. It accepts the bare package and
// the {"CFPackage": {...}} wrapper; anything else is Invalid.
func packageIdentity(r io.Reader) (string, error) {
	return findDocument(json.NewDecoder(r), true)
}

func findDocument(dec *json.Decoder, wrapper bool) (string, error) {
	if err := expectDelim(dec, '{'); err != nil {
		return "", err
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return "", notPackage(err)
		}
		k, _ := key.(string)
		switch {
		case equalFold(k, "CFDocument"):
			var d struct {
				Identifier string `json:"identifier"`
			}
			if err := dec.Decode(&d); err != nil {
				return "", notPackage(err)
			}
			if d.Identifier == "" {
				return "", casefile.Errorf(casefile.Invalid, "CFPackage has a CFDocument without an identifier")
			}
			return d.Identifier, nil
		case equalFold(k, "CFPackage") && wrapper:
			return findDocument(dec, false)
		default:
			if err := skipValue(dec); err != nil {
				return "", notPackage(err)
			}
		}
	}
	return "", casefile.Errorf(casefile.Invalid, "answer is not a CFPackage: no CFDocument")
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

// skipValue consumes one JSON value token by token (streaming).
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

func notPackage(err error) error {
	if fe, ok := err.(*casefile.Error); ok {
		return fe
	}
	return casefile.Errorf(casefile.Invalid, "answer is not valid JSON (%s)", jsonProblem(err))
}

// sameFramework reports whether two identifiers name one framework (equal,
// or one is the name-based UUID of the other).
func sameFramework(a, b string) bool {
	if a == b {
		return true
	}
	return (!casefile.IsUUID(a) && casefile.NameUUID(a) == b) || (!casefile.IsUUID(b) && casefile.NameUUID(b) == a)
}
