package graphql_test

import (
	"encoding/json"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/graphql"
	"github.com/casenode/casenode/seed"
)

// TestProvenanceHiddenFromPublic: the provenance of a file import shows the
// file's base name, and of an upload "uploaded by an administrator", unless
// the caller has the admin scope.
func TestProvenanceHiddenFromPublic(t *testing.T) {
	admin := &casefile.Principal{ClientID: "root-client", Scopes: []string{casefile.ScopeAdmin}}
	n := newNode(t, graphql.Limits{}, admin)
	f := seed.Frameworks()[2]
	prov := casefile.Provenance{Source: casefile.SourceUpload, Location: casefile.UploadLocation(`C:\Users\bob\secret\mine.json`, "bob-client")}
	fw := n.tn.Import(f.Data, prov)[0].Framework
	const q = `query($id: ID!) { framework(id: $id) { provenance { source location } }
		frameworks { nodes { provenance { location } } } }`
	for _, c := range []struct{ client, want string }{
		{"anonymous", "mine.json (uploaded by an administrator)"},
		{"reader", "mine.json (uploaded by an administrator)"},
		{"", `C:\Users\bob\secret\mine.json (upload by bob-client)`},
	} {
		r := n.query(t, c.client, q, map[string]any{"id": fw})
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %+v", c.client, r.Errors)
		}
		var out struct {
			Framework struct {
				Provenance struct{ Source, Location string }
			}
			Frameworks struct {
				Nodes []struct{ Provenance struct{ Location string } }
			}
		}
		if err := json.Unmarshal(r.Data, &out); err != nil {
			t.Fatal(err)
		}
		if out.Framework.Provenance.Location != c.want || out.Framework.Provenance.Source != casefile.SourceUpload ||
			len(out.Frameworks.Nodes) != 1 || out.Frameworks.Nodes[0].Provenance.Location != c.want {
			t.Errorf("caller %q: %+v, want location %q", c.client, out, c.want)
		}
	}
}
