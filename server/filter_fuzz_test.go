package server

import (
	"strings"
	"testing"
)

// FuzzParseFilter: no filter text makes the parser or the evaluator panic;
// an accepted filter is within the length and clause limits and evaluates
// over a record without panicking. Corpus: testdata/fuzz/FuzzParseFilter.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"title='a'", "a='1' AND b!='2' OR c>='3'", "CFPackageURI.title~'x y'",
		"a='it''s' and b>'x'", "lastChangeDateTime>'2016-12-12T00:00Z'", "subject='Math,Science'", "title='a", "a..b='c'"} {
		f.Add(s)
	}
	record := map[string]any{"title": "Alpha", "subject": []any{"Math", "Science"}, "lastChangeDateTime": "2020-01-01T00:00:00Z",
		"CFPackageURI": map[string]any{"title": "x y", "uri": "http://x"}, "n": 3.5, "ok": true, "none": nil}
	m := newMatcher()
	f.Fuzz(func(t *testing.T, src string) {
		e, err := parseFilter(src)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		if len(src) > maxFilterLength {
			t.Fatalf("accepted a %d-character filter", len(src))
		}
		if n := len(filterFields(e)); n == 0 || n > maxFilterClauses {
			t.Fatalf("accepted a filter with %d clauses: %q", n, src)
		}
		m.match(e, record)
		if strings.TrimSpace(src) == "" {
			t.Fatal("accepted an empty filter")
		}
	})
}
