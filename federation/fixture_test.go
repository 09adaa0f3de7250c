package federation

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
)

// Real published frameworks (CASE 1.0) harvested from a provider that only
// speaks 1.0 and lists its documents as a bare array: every one is imported
// with provenance, progress is reported per framework, and a second sync is
// all 304s.
func TestHarvestRealFrameworks(t *testing.T) {
	prov := newProvider(t)
	prov.bare, prov.only10 = true, true
	for _, path := range fixture.Files(t, "real") {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > 1500<<10 { // the large ones are covered by the store's tests
			continue
		}
		scan, err := scanPackage(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		prov.mu.Lock()
		prov.pkgs[scan.document] = b
		prov.order = append(prov.order, scan.document)
		prov.mu.Unlock()
	}
	node := newTestNode(t, "local")
	node.addPeer("pub", prov.srv.URL, casefile.PeerMirror)
	var steps []Progress
	reps, err := node.svc.SyncWithProgress(context.Background(), "pub", func(p Progress) { steps = append(steps, p) })
	if err != nil {
		t.Fatal(err)
	}
	rep := reps[0]
	if len(rep.Errors) != 0 || len(rep.Imported) != len(prov.order) {
		t.Fatalf("harvest of %d real frameworks: %+v", len(prov.order), rep)
	}
	if len(steps) != len(prov.order) || steps[len(steps)-1].Done != steps[len(steps)-1].Total {
		t.Errorf("progress: %+v", steps)
	}
	for _, id := range prov.order {
		fi, ok := node.framework(id)
		if !ok {
			fi2, err := node.svc.held(context.Background(), id)
			if err != nil || fi2 == nil {
				t.Errorf("framework %s not held after harvest", id)
				continue
			}
			fi = *fi2
		}
		if fi.Provenance.Source != casefile.SourcePeer || fi.Provenance.ETag == "" || fi.Items == 0 {
			t.Errorf("%s: %d items, provenance %+v", id, fi.Items, fi.Provenance)
		}
	}
	prov.condReqs.Store(0)
	again := node.sync("pub")
	if len(again.Imported) != 0 || again.Unchanged != len(prov.order) || prov.condReqs.Load() != int64(len(prov.order)) {
		t.Errorf("second sync: %+v (%d conditional requests)", again, prov.condReqs.Load())
	}
	t.Logf("%d real frameworks: first %d requests %d bytes in %s; second %d requests %d bytes",
		len(prov.order), rep.Requests, rep.Bytes, rep.Took, again.Requests, again.Bytes)
}
