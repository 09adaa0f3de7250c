package casefile_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
)

const testBase = "http://node.test"

func decodeFile(t testing.TB, path string) (*casefile.Package, []casefile.Warning) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, ws, err := casefile.Decode(f, casefile.DecodeOptions{BaseURL: testBase})
	if err != nil {
		t.Fatalf("%s: decode: %v", filepath.Base(path), err)
	}
	return p, ws
}

func encode(t testing.TB, p *casefile.Package, v casefile.Version) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := casefile.EncodePackage(&b, p, v); err != nil {
		t.Fatalf("encode %s: %v", v, err)
	}
	return b.Bytes()
}

// TestRoundTripFixtures decodes every real, 1.1 and OpenSALT fixture, encodes
// it as 1.1 and 1.0, validates both against the official schema (1.0 output
// must already lack every 1.1-only field), decodes the 1.1 output again and
// compares every object field by field.
func TestRoundTripFixtures(t *testing.T) {
	var files []string
	for _, dir := range []string{"real", "v1p1", "opensalt"} {
		files = append(files, fixture.Files(t, dir)...)
	}
	for _, path := range files {
		name := filepath.Base(filepath.Dir(path)) + "/" + filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			p, _ := decodeFile(t, path)
			out11 := encode(t, p, casefile.V1p1)
			validateAgainstSchema(t, name+" (1.1)", out11)
			noNulls(t, name, out11)
			out10 := encode(t, p, casefile.V1p0)
			validateAgainstSchema(t, name+" (1.0)", out10)
			assertNo11Fields(t, out10)
			again, ws, err := casefile.Decode(bytes.NewReader(out11), casefile.DecodeOptions{BaseURL: testBase})
			if err != nil {
				t.Fatalf("decode own 1.1 output: %v", err)
			}
			if len(ws) > 0 {
				t.Errorf("own 1.1 output gave %d warnings, first: %s", len(ws), ws[0])
			}
			comparePackages(t, p, again)
		})
	}
}
