package credential

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
	"github.com/casenode/casenode/internal/testnode"
)

// realNode is a store and search index holding TEKS and CCSS, with the
// crosswalk and the credential service over them.
func realNode(tb testing.TB) (*Service, *casefile.Package, *casefile.Package) {
	tb.Helper()
	n := testnode.New(tb, testnode.WithBaseURL(testBase), testnode.WithDBName("c.db"), testnode.WithCrosswalk())
	var pkgs []*casefile.Package
	for _, name := range []string{"tx-teks-math-ch111.tea.cfpackage.json", "ccss-math-2010.opensalt.cfpackage.json"} {
		data, err := os.ReadFile(fixture.Path(tb, "real", name))
		if err != nil {
			tb.Fatal(err)
		}
		p, _, err := casefile.Decode(bytes.NewReader(data), casefile.DecodeOptions{BaseURL: testBase})
		if err != nil {
			tb.Fatal(err)
		}
		n.ImportBytes(name, data)
		pkgs = append(pkgs, p)
	}
	s, err := New(Config{BaseURL: testBase, Store: n.DB, Crosswalk: n.Crosswalk, Similar: n.Index})
	if err != nil {
		tb.Fatal(err)
	}
	return s, pkgs[0], pkgs[1]
}

// transcript is a CLR 2.0 credential with one achievement per item, aligned
// by the items' uris.
func transcript(items []casefile.Item) []byte {
	var list []any
	for i, it := range items {
		list = append(list, map[string]any{"id": fmt.Sprintf("urn:uuid:a-%d", i), "type": []string{"Achievement"}, "name": it.HumanCodingScheme,
			"alignment": []any{map[string]any{"type": []string{"Alignment"}, "targetName": it.HumanCodingScheme, "targetUrl": it.URI, "targetType": "CFItem"}}})
	}
	b, _ := json.Marshal(map[string]any{"type": []string{"VerifiableCredential", "ClrCredential"}, "name": "bench",
		"credentialSubject": map[string]any{"type": "ClrSubject", "achievement": list, "verifiableCredential": []any{}}})
	return b
}

// BenchmarkResolveTranscript resolves a 100-achievement CLR aligned to TEKS
// items into CCSS counterparts (explicit, transitive and suggested).
func BenchmarkResolveTranscript(b *testing.B) {
	s, teks, ccss := realNode(b)
	body := transcript(teks.CFItems[100:200])
	b.ResetTimer()
	for b.Loop() {
		rep, err := s.Resolve(context.Background(), body, ccss.CFDocument.Identifier)
		if err != nil || rep.Summary.Resolved != 100 {
			b.Fatalf("%v %+v", err, rep.Summary)
		}
	}
}
