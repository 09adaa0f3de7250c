package server

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// matcher evaluates parsed filters over decoded JSON records. Values compare
// case-insensitively: dates and numbers by value, other strings by the
// Unicode Collation Algorithm. It is not safe for concurrent use.
type matcher struct {
	coll *collate.Collator
}

func newMatcher() *matcher {
	return &matcher{coll: collate.New(language.Und, collate.IgnoreCase)}
}

// match reports whether record satisfies e.
func (m *matcher) match(e filterExpr, record map[string]any) bool {
	switch e := e.(type) {
	case filterClause:
		vals, isArray, found := fieldValues(record, e.field)
		return m.clause(e, vals, isArray, found)
	case filterBool:
		for _, t := range e.terms {
			if m.match(t, record) != e.and {
				return !e.and
			}
		}
		return e.and
	}
	return false
}

// clause applies one predicate. Arrays: "=" needs the value's comma list to
// equal the whole set, "~" matches when any listed value occurs in any
// element, orderings hold for any element.
func (m *matcher) clause(c filterClause, vals []string, isArray, found bool) bool {
	if !found {
		return c.op == "!="
	}
	if isArray {
		switch c.op {
		case "=":
			return m.sameSet(splitList(c.value), vals)
		case "!=":
			return !m.sameSet(splitList(c.value), vals)
		case "~":
			for _, want := range splitList(c.value) {
				for _, v := range vals {
					if containsFold(v, want) {
						return true
					}
				}
			}
			return false
		}
	}
	if c.op == "!=" {
		for _, v := range vals {
			if m.compare(v, c.value) == 0 {
				return false
			}
		}
		return true
	}
	for _, v := range vals {
		if m.scalar(c.op, v, c.value) {
			return true
		}
	}
	return false
}

func (m *matcher) scalar(op, have, want string) bool {
	switch op {
	case "~":
		return containsFold(have, want)
	case "=":
		return m.compare(have, want) == 0
	}
	c := m.compare(have, want)
	switch op {
	case ">":
		return c > 0
	case ">=":
		return c >= 0
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	}
	return false
}

// compare orders two values: as instants when both are dates or date-times,
// as numbers when both are numbers, else by case-insensitive collation.
func (m *matcher) compare(a, b string) int {
	if ta, ok := parseInstant(a); ok {
		if tb, ok := parseInstant(b); ok {
			return ta.Compare(tb)
		}
	}
	if fa, err := strconv.ParseFloat(a, 64); err == nil {
		if fb, err := strconv.ParseFloat(b, 64); err == nil {
			switch {
			case fa < fb:
				return -1
			case fa > fb:
				return 1
			}
			return 0
		}
	}
	if strings.EqualFold(a, b) {
		return 0
	}
	return m.coll.CompareString(a, b)
}

func (m *matcher) sameSet(want, have []string) bool {
	used := make([]bool, len(have))
	if len(want) != len(have) {
		return false
	}
	for _, w := range want {
		hit := false
		for i, h := range have {
			if !used[i] && m.compare(h, w) == 0 {
				used[i], hit = true, true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

func splitList(s string) []string {
	parts := strings.Split(s, ",")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func containsFold(have, want string) bool {
	return strings.Contains(strings.ToLower(have), strings.ToLower(want))
}

func parseInstant(s string) (time.Time, bool) {
	if len(s) < 10 || s[4] != '-' {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// fieldValues resolves a dotted path in a record to its leaf values as
// strings; isArray is true when the path crosses or ends in an array. A link
// object without a sub-field stands for its title, identifier and uri.
func fieldValues(record map[string]any, path []string) (vals []string, isArray, found bool) {
	cur := []any{record}
	for _, name := range path {
		var next []any
		for _, c := range cur {
			obj, ok := c.(map[string]any)
			if !ok {
				continue
			}
			v, ok := lookupFold(obj, name)
			if !ok {
				continue
			}
			if arr, ok := v.([]any); ok {
				isArray = true
				next = append(next, arr...)
				continue
			}
			next = append(next, v)
		}
		if len(next) == 0 && !isArray {
			return nil, false, false
		}
		cur = next
	}
	for _, c := range cur {
		vals = append(vals, leafStrings(c)...)
	}
	return vals, isArray, true
}

func leafStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case json.Number:
		return []string{v.String()}
	case bool:
		return []string{strconv.FormatBool(v)}
	case map[string]any:
		var out []string
		for _, k := range []string{"title", "identifier", "uri"} {
			if s, ok := v[k].(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// lookupFold finds a member by exact name, else case-insensitively.
func lookupFold(obj map[string]any, name string) (any, bool) {
	if v, ok := obj[name]; ok {
		return v, true
	}
	for k, v := range obj {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}
