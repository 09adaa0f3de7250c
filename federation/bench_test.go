package federation

import (
	"context"
	"fmt"
	"testing"

	"github.com/casenode/casenode/casefile"
)

const benchFrameworks, benchItems = 20, 200

// BenchmarkHarvest measures a first harvest and a no-change sync of a peer
// holding 20 frameworks of 200 items, from a plain CASE provider (listing +
// conditional CFPackage requests) and from a casenode (change feed). It
// reports requests and body bytes per sync besides the time.
//
//	go test -run '^$' -bench Harvest -benchtime 5x ./federation
func BenchmarkHarvest(b *testing.B) {
	for _, kind := range []string{"plain", "casenode"} {
		b.Run(kind+"/first", func(b *testing.B) {
			url := benchPeer(b, kind)
			var rep casefile.SyncReport
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				node := newTestNode(b, fmt.Sprintf("n%d", i))
				node.addPeer("p", url, casefile.PeerMirror)
				b.StartTimer()
				rep = benchSync(b, node)
				if len(rep.Imported) != benchFrameworks {
					b.Fatalf("first harvest imported %d frameworks: %+v", len(rep.Imported), rep.Errors)
				}
			}
			report(b, rep)
		})
		b.Run(kind+"/no-change", func(b *testing.B) {
			node := newTestNode(b, "n")
			node.addPeer("p", benchPeer(b, kind), casefile.PeerMirror)
			benchSync(b, node)
			b.ResetTimer()
			var rep casefile.SyncReport
			for i := 0; i < b.N; i++ {
				rep = benchSync(b, node)
				if len(rep.Imported) != 0 || len(rep.Errors) != 0 {
					b.Fatalf("no-change sync: %+v", rep)
				}
			}
			report(b, rep)
		})
	}
}

// benchPeer starts a peer holding the benchmark frameworks.
func benchPeer(b *testing.B, kind string) string {
	if kind == "plain" {
		p := newProvider(b)
		for i := range benchFrameworks {
			name := fmt.Sprintf("bench%02d", i)
			p.put(name, pkgJSON(name, p.srv.URL, benchItems, "bench"))
		}
		return p.srv.URL
	}
	n := newTestNode(b, "peer")
	for i := range benchFrameworks {
		n.importJSON(pkgJSON(fmt.Sprintf("bench%02d", i), n.base, benchItems, "bench"))
	}
	return n.base
}

func benchSync(b *testing.B, n *testNode) casefile.SyncReport {
	reps, err := n.svc.Sync(context.Background(), "p")
	if err != nil || len(reps) != 1 {
		b.Fatal(err)
	}
	return reps[0]
}

func report(b *testing.B, rep casefile.SyncReport) {
	b.ReportMetric(float64(rep.Requests), "requests/sync")
	b.ReportMetric(float64(rep.Bytes), "bytes/sync")
}
