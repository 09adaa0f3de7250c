package search

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
)

// FuzzSearchQuery: no query text makes parsing, query building or the search
// itself panic or fail with anything but Invalid; a search never returns
// more hits than asked for. It searches a real index of the demo frameworks.
// Corpus: testdata/fuzz/FuzzSearchQuery.
func FuzzSearchQuery(f *testing.F) {
	for _, s := range []string{"fractions", `"add and subtract" fractions`, "5.NF.1", "CCSS.MATH.CONTENT.5.NF.A.1", `"unclosed`,
		"frac*", "~!@#$%^&*()", "a AND b OR -c", `""`, "+title:x", "/regexp.*/"} {
		f.Add(s, false)
	}
	db := openStore(f)
	for _, fw := range seed.Frameworks() {
		pkg, _, err := casefile.Decode(bytes.NewReader(fw.Data), casefile.DecodeOptions{BaseURL: "http://f.test"})
		if err != nil {
			f.Fatal(err)
		}
		importPkg(f, db, pkg)
	}
	ix := openIndex(f, filepath.Join(f.TempDir(), "index"), db)
	f.Fuzz(func(t *testing.T, q string, fuzzy bool) {
		pq := parseQuery(q)
		if !pq.empty() {
			searchQuery(pq, casefile.SearchRequest{Query: q}, fuzzy)
		}
		res, err := ix.Search(context.Background(), casefile.SearchRequest{Query: q, Size: 5})
		if err != nil {
			if casefile.ErrorCode(err) != casefile.Invalid {
				t.Fatalf("query %q: %v (code %s)", q, err, casefile.ErrorCode(err))
			}
			return
		}
		if len(res.Hits) > 5 {
			t.Fatalf("query %q: %d hits with size 5", q, len(res.Hits))
		}
	})
}
