package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
)

// The round trip as a publisher sees it: what the node exports of a stored
// framework, in the version the file was published in, has the same set of
// object identifiers as the file (lower-cased) and every member the file
// gave, with the same value up to the documented normalisations (time
// notation, enumeration spelling, a string where an array belongs, number
// formatting). See casefile/normalize.go for that list.

// classKeys are the members whose elements are CASE objects with their own
// identifier.
var classKeys = map[string]bool{
	"CFDocument": true, "CFItems": true, "CFAssociations": true, "CFConcepts": true, "CFSubjects": true,
	"CFLicenses": true, "CFItemTypes": true, "CFAssociationGroupings": true, "CFRubrics": true,
	"CFRubricCriteria": true, "CFRubricCriterionLevels": true,
}

// droppedMembers are members the decoder removes by design (they repeat the
// package structure).
var droppedMembers = map[string]bool{"CFPackageURI": true, "CFDocumentURI": true, "CFItemAssociationURI": true}

// caseInsensitive are enumerations whose spelling the decoder corrects.
var caseInsensitive = map[string]bool{"adoptionStatus": true, "associationType": true}

// checkAsPublished compares the stored package, encoded in the file's own
// version, with the file's bytes.
func checkAsPublished(t *testing.T, raw []byte, stored *casefile.Package) {
	t.Helper()
	var out bytes.Buffer
	if err := casefile.EncodePackage(&out, stored, stored.Version); err != nil {
		t.Fatal(err)
	}
	want, got := publishedObjects(t, raw), publishedObjects(t, out.Bytes())
	if missing, extra := keyDiff(want, got), keyDiff(got, want); len(missing)+len(extra) > 0 {
		t.Fatalf("identifiers differ from the file: %d missing (%s), %d added (%s)",
			len(missing), firstFew(missing), len(extra), firstFew(extra))
	}
	var diffs []string
	for _, k := range sortedKeys(want) {
		for _, d := range memberDiffs(want[k], got[k]) {
			diffs = append(diffs, k+"."+d)
		}
	}
	if len(diffs) > 0 {
		t.Fatalf("%d fields lost or changed in the %s export, first: %s", len(diffs), stored.Version, firstFew(diffs))
	}
}

// publishedObjects indexes every CASE object of a package by class and
// lower-cased identifier.
func publishedObjects(t *testing.T, data []byte) map[string]map[string]any {
	t.Helper()
	var root any
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	if m, ok := root.(map[string]any); ok && m["CFPackage"] != nil {
		root = m["CFPackage"]
	}
	out := map[string]map[string]any{}
	var walk func(class string, v any)
	walk = func(class string, v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(class, e)
			}
		case map[string]any:
			if id, ok := x["identifier"].(string); ok && class != "" {
				out[class+"/"+strings.ToLower(id)] = x
			}
			for k, e := range x {
				if classKeys[k] {
					walk(k, e)
				} else if k == "CFDefinitions" {
					walk("", e)
				}
			}
		}
	}
	walk("", root)
	return out
}

// memberDiffs lists the members of want that got lacks or holds differently.
func memberDiffs(want, got map[string]any) []string {
	var out []string
	ext, _ := got["extensions"].(map[string]any)
	for k, w := range want {
		if empty(w) || droppedMembers[k] || classKeys[k] {
			continue
		}
		g, ok := got[k]
		if !ok {
			g, ok = ext[k]
		}
		if !ok {
			out = append(out, k+" lost")
		} else if !sameValue(k, w, g) {
			out = append(out, fmt.Sprintf("%s changed: %s -> %s", k, short(w), short(g)))
			if x, ok := w.(map[string]any); ok {
				y, _ := g.(map[string]any)
				out = append(out, memberDiffs(x, y)...)
			}
		}
	}
	return out
}

func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

// sameValue compares a published value with the exported one, allowing the
// documented normalisations.
func sameValue(key string, w, g any) bool {
	switch x := w.(type) {
	case string:
		return sameString(key, x, g)
	case float64:
		return fmt.Sprint(x) == fmt.Sprint(g) || fmt.Sprint(x) == g
	case bool:
		return fmt.Sprint(x) == fmt.Sprint(g)
	case []any:
		y, ok := g.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameValue(key, x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := g.(map[string]any)
		return ok && len(memberDiffs(x, y)) == 0
	}
	return false
}

func sameString(key, w string, g any) bool {
	if y, ok := g.([]any); ok && len(y) == 1 { // a string where an array belongs
		g = y[0]
	}
	s := fmt.Sprint(g)
	switch {
	case s == w, caseInsensitive[key] && strings.EqualFold(s, w):
		return true
	case key == "identifier" || strings.HasSuffix(key, "Id"):
		return strings.EqualFold(s, w) // upper-case identifiers are lowered
	}
	return sameInstant(w, s)
}

// sameInstant reports whether two time notations name the same instant or
// day (a time without zone is UTC).
func sameInstant(a, b string) bool {
	layouts := []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"}
	parse := func(s string) (time.Time, bool) {
		for _, l := range layouts {
			if t, err := time.Parse(l, s); err == nil {
				return t, true
			}
		}
		return time.Time{}, false
	}
	ta, oka := parse(a)
	tb, okb := parse(b)
	return oka && okb && ta.Equal(tb)
}

func keyDiff(a, b map[string]map[string]any) []string {
	var out []string
	for k := range a {
		if _, ok := b[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func sortedKeys(m map[string]map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func firstFew(list []string) string {
	if len(list) > 5 {
		return strings.Join(list[:5], "; ") + "; …"
	}
	return strings.Join(list, "; ")
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 120 {
		return string(b[:120]) + "…"
	}
	return string(b)
}
