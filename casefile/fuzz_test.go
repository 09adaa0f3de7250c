package casefile_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// FuzzDecode: no input may make Decode panic; whatever it accepts encodes to
// JSON that decodes again without problems.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"legacy-quirks.json", "wrapped-v1p1.json", "rejected.json", "two-packages.json", "documents-list.json"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"CFDocument":{},"CFItems":[null,1,"x",{"identifier":["A"]}],"CFAssociations":{}}`))
	f.Add([]byte(`[{"CFPackage":{"CFPackage":{}}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, _, err := casefile.Decode(bytes.NewReader(data), casefile.DecodeOptions{BaseURL: "http://f.test", MaxBytes: 1 << 20})
		if err != nil {
			if casefile.ErrorCode(err) != casefile.Invalid {
				t.Fatalf("error with code %s: %v", casefile.ErrorCode(err), err)
			}
			return
		}
		for _, v := range []casefile.Version{casefile.V1p1, casefile.V1p0} {
			var b bytes.Buffer
			if err := casefile.EncodePackage(&b, p, v); err != nil {
				t.Fatalf("encode %s of an accepted package: %v", v, err)
			}
			if _, _, err := casefile.Decode(&b, casefile.DecodeOptions{BaseURL: "http://f.test"}); err != nil {
				t.Fatalf("own %s output rejected: %v\n%s", v, err, b.Bytes())
			}
		}
	})
}
