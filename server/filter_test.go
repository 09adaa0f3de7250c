package server

import (
	"strings"
	"testing"
)

func TestParseFilter(t *testing.T) {
	good := map[string]string{
		"title='a'":                              "title = a",
		"title = 'a'":                            "title = a",
		"CFPackageURI.title~'x y'":               "CFPackageURI.title ~ x y",
		"a='1' AND b!='2' OR c>='3'":             "((a = 1 AND b != 2) OR c >= 3)",
		"a='1' OR b<'2' AND c<='3'":              "(a = 1 OR (b < 2 AND c <= 3))",
		"a='it''s' and b>'x'":                    "(a = it's AND b > x)",
		"title='AND OR'":                         "title = AND OR",
		"title='''; DROP TABLE items;--'":        "title = '; DROP TABLE items;--",
		"lastChangeDateTime>'2016-12-12T00:00Z'": "lastChangeDateTime > 2016-12-12T00:00Z",
	}
	for in, want := range good {
		e, err := parseFilter(in)
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if got := showFilter(e); got != want {
			t.Errorf("%s parsed as %s, want %s", in, got, want)
		}
	}
	bad := []string{"", "title", "title=", "title='a", "title=a", "='a'", "title=='a'", "title='a' AND", "title='a' title='b'",
		"title='a'AND b='c'", "ti tle='a'", "a..b='c'", "title='a' XOR b='c'", strings.Repeat("a='1' AND ", 40) + "a='1'",
		strings.Repeat("x", 5000)}
	for _, in := range bad {
		if e, err := parseFilter(in); err == nil {
			t.Errorf("%.40q should not parse, got %s", in, showFilter(e))
		}
	}
}

func showFilter(e filterExpr) string {
	switch e := e.(type) {
	case filterClause:
		return strings.Join(e.field, ".") + " " + e.op + " " + e.value
	case filterBool:
		op := " OR "
		if e.and {
			op = " AND "
		}
		parts := make([]string, len(e.terms))
		for i, t := range e.terms {
			parts[i] = showFilter(t)
		}
		return "(" + strings.Join(parts, op) + ")"
	}
	return "?"
}
