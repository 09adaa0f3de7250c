package graphql_test

import (
	"encoding/json"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/graphql"
)

// TestItemAchievement: Item.achievement is the OB 3.0 Achievement whose
// alignment points at the item, for every item of a framework page.
func TestItemAchievement(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	n.importSeed(t)
	var out struct {
		Frameworks struct {
			Nodes []struct {
				Title string
				Items struct {
					Nodes []struct {
						Identifier, URI   string
						HumanCodingScheme *string
						Achievement       *string
					}
				}
			}
		}
	}
	n.mustQuery(t, `{ frameworks(first: 1) { nodes { title items(first: 20) { nodes { identifier uri humanCodingScheme achievement } } } } }`, nil, &out)
	fw := out.Frameworks.Nodes[0]
	if len(fw.Items.Nodes) == 0 {
		t.Fatal("no items")
	}
	for _, it := range fw.Items.Nodes {
		if it.Achievement == nil {
			t.Fatalf("item %s: no achievement", it.Identifier)
		}
		var a casefile.Achievement
		if err := json.Unmarshal([]byte(*it.Achievement), &a); err != nil {
			t.Fatal(err)
		}
		al := a.Alignment[0]
		code := ""
		if it.HumanCodingScheme != nil {
			code = *it.HumanCodingScheme
		}
		if al.TargetURL != it.URI || al.TargetType != "CFItem" || al.TargetFramework != fw.Title || al.TargetCode != code || a.Type[0] != "Achievement" {
			t.Errorf("item %s: %+v", it.Identifier, al)
		}
	}
}
