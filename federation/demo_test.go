package federation

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
)

// Two fresh nodes seed the same demo frameworks; peering them is not a conflict.
func TestDemoFrameworksAreNotConflicts(t *testing.T) {
	ctx := context.Background()
	a, b := newTestNode(t, "a"), newTestNode(t, "b")
	for _, n := range []*testNode{a, b} {
		for _, f := range seed.Frameworks() {
			prov := casefile.Provenance{Source: casefile.SourceSeed, Location: "seed/" + f.Name}
			if _, err := n.imp.Import(ctx, bytes.NewReader(f.Data), prov); err != nil {
				t.Fatal(err)
			}
		}
	}
	a.addPeer("b", b.base, casefile.PeerMirror)
	rep := a.sync("b")
	conflicts, err := a.db.Conflicts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(conflicts) != 0 || len(rep.Imported) != 0 {
		t.Fatalf("peering two freshly seeded nodes: %d conflicts, %d imported; want none: %+v", len(conflicts), len(rep.Imported), conflicts)
	}
	if len(rep.Skipped) != len(seed.Frameworks()) || !strings.Contains(strings.Join(rep.Skipped, "\n"), "demo framework") {
		t.Fatalf("skipped %v; want each demo framework skipped as such", rep.Skipped)
	}
}
