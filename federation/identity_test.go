package federation

import (
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

func TestScanPackage(t *testing.T) {
	id := fid("x")
	item := casefile.NameUUID("i")
	cases := []struct {
		name, body string
		items      int
		wantErr    string
	}{
		{"bare package", `{"CFDocument":{"identifier":"` + id + `"},"CFItems":[{"identifier":"` + item + `"}]}`, 1, ""},
		{"document after items", `{"CFItems":[{"identifier":"` + item + `","x":[1,{"y":2}]}],"CFAssociations":[{"a":1}],"CFDocument":{"identifier":"` + id + `"}}`, 1, ""},
		{"CFPackage wrapper", `{"CFPackage":{"CFDocument":{"identifier":"` + id + `"},"CFItems":null}}`, 0, ""},
		{"array of packages", `[{"CFDocument":{"identifier":"` + id + `"}}]`, 0, "not a CFPackage"},
		{"no document", `{"CFItems":[]}`, 0, "no CFDocument"},
		{"document without identifier", `{"CFDocument":{"title":"t"}}`, 0, "without an identifier"},
		{"truncated", `{"CFDocument":{"identifier":"` + id + `"},"CFItems":[{"ident`, 0, "truncated"},
		{"items not a list", `{"CFDocument":{"identifier":"` + id + `"},"CFItems":{"identifier":"x"}}`, 0, "not a list"},
	}
	for _, c := range cases {
		ps, err := scanPackage(strings.NewReader(c.body))
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%s: err %v, want %q", c.name, err, c.wantErr)
			}
			continue
		}
		if err != nil || ps.document != id || len(ps.items) != c.items {
			t.Errorf("%s: %+v %v", c.name, ps, err)
		}
	}
}
