package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// docList is a decoded getAllCFDocuments answer.
type docList struct {
	CFDocuments []map[string]any
}

func (e *testEnv) titles(t *testing.T, query string) ([]string, reply) {
	t.Helper()
	r := e.get("/ims/case/v1p1/CFDocuments?" + query)
	if r.status != http.StatusOK {
		t.Fatalf("%s: status %d: %s", query, r.status, r.body)
	}
	var l docList
	r.json(t, &l)
	var out []string
	for _, d := range l.CFDocuments {
		out = append(out, d["title"].(string))
	}
	return out, r
}

func TestDocumentsPaging(t *testing.T) {
	e := newTestEnv(t, nil)
	importTestDocs(e)
	all, r := e.titles(t, "sort=title")
	if len(all) != 5 || r.header.Get("X-Total-Count") != "5" {
		t.Fatalf("all: %v, X-Total-Count %q", all, r.header.Get("X-Total-Count"))
	}
	page, r := e.titles(t, "sort=title&limit=2&offset=2")
	if !slices.Equal(page, all[2:4]) {
		t.Errorf("limit=2&offset=2 gave %v, want %v", page, all[2:4])
	}
	if got := r.header.Get("X-Total-Count"); got != "5" {
		t.Errorf("X-Total-Count = %q, want the total 5", got)
	}
	links := parseLinks(t, r.header.Get("Link"))
	for rel, want := range map[string]string{"first": "0", "prev": "0", "next": "4", "last": "4"} {
		u := links[rel]
		if u == nil || u.Query().Get("offset") != want || u.Query().Get("limit") != "2" || u.Query().Get("sort") != "title" {
			t.Errorf("Link rel=%s is %v, want offset=%s with limit=2 and sort=title kept", rel, u, want)
		}
		if u != nil && u.Scheme+"://"+u.Host+u.Path != testBase+"/ims/case/v1p1/CFDocuments" {
			t.Errorf("Link rel=%s does not use the base URL: %v", rel, u)
		}
	}
	last, r := e.titles(t, "sort=title&limit=2&offset=4")
	if len(last) != 1 || parseLinks(t, r.header.Get("Link"))["next"] != nil {
		t.Errorf("last page: %v, Link %s", last, r.header.Get("Link"))
	}
	beyond, _ := e.titles(t, "limit=2&offset=50")
	if len(beyond) != 0 {
		t.Errorf("offset beyond the end gave %v", beyond)
	}
}

func TestDocumentsSort(t *testing.T) {
	e := newTestEnv(t, nil)
	importTestDocs(e)
	asc, _ := e.titles(t, "sort=title&orderBy=asc")
	want := []string{"Alpha Mathematics", "bravo science", "Charlie English", "Delta Math Practices", "Échos d'histoire"}
	if !slices.Equal(asc, want) {
		t.Errorf("sort=title (case-insensitive, UCA) = %v, want %v", asc, want)
	}
	desc, _ := e.titles(t, "sort=title&orderBy=DESC")
	slices.Reverse(want)
	if !slices.Equal(desc, want) {
		t.Errorf("orderBy=desc = %v, want %v", desc, want)
	}
	byDate, _ := e.titles(t, "sort=lastChangeDateTime")
	if byDate[0] != "Delta Math Practices" || byDate[4] != "Échos d'histoire" {
		t.Errorf("sort=lastChangeDateTime = %v", byDate)
	}
	def, _ := e.titles(t, "")
	for _, q := range []string{"sort=noSuchField", "sort=" + url.QueryEscape("'; DROP TABLE items;--")} {
		got, _ := e.titles(t, q)
		if !slices.Equal(got, def) {
			t.Errorf("%s: %v, want the default order %v", q, got, def)
		}
	}
}

func TestDocumentsFilter(t *testing.T) {
	e := newTestEnv(t, nil)
	importTestDocs(e)
	cases := []struct {
		filter string
		want   []string
	}{
		{"title='alpha mathematics'", []string{"Alpha Mathematics"}},
		{"title!='Alpha Mathematics'", []string{"bravo science", "Charlie English", "Delta Math Practices", "Échos d'histoire"}},
		{"title~'MATH'", []string{"Alpha Mathematics", "Delta Math Practices"}},
		{"creator='state a' AND title~'english'", []string{"Charlie English"}},
		{"creator='Agency D' OR creator='Agency E'", []string{"Delta Math Practices", "Échos d'histoire"}},
		{"lastChangeDateTime>'2022-06-01T00:00:00Z'", []string{"Charlie English", "Échos d'histoire"}},
		{"lastChangeDateTime>='2022-06-01T00:00:00Z'", []string{"bravo science", "Charlie English", "Échos d'histoire"}},
		{"lastChangeDateTime<'2021-05-01T00:00:00Z'", []string{"Delta Math Practices"}},
		{"lastChangeDateTime<='2021-05-01'", []string{"Alpha Mathematics", "Delta Math Practices"}},
		{"adoptionStatus='ADOPTED'", []string{"Alpha Mathematics", "Charlie English", "Échos d'histoire"}},
		{"subject='Math'", []string{"Delta Math Practices"}},
		{"subject='algebra,math'", []string{"Alpha Mathematics"}},
		{"subject~'Math'", []string{"Alpha Mathematics", "Delta Math Practices"}},
		{"subject~'civics,science'", []string{"bravo science", "Échos d'histoire"}},
		{"CFPackageURI.title~'english'", []string{"Charlie English"}},
		{"subjectURI.title='Mathematics' AND creator='State B'", []string{"bravo science"}},
		{"identifier='" + id("delta") + "'", []string{"Delta Math Practices"}},
		{"statusStartDate='2020-01-01'", []string{"Alpha Mathematics", "bravo science", "Charlie English", "Delta Math Practices", "Échos d'histoire"}},
		{"title='O''Brien'", nil},
		{"title='''; DROP TABLE items;--'", nil},
		{"title~'é'", []string{"Échos d'histoire"}},
		{"creator='State A' AND title~'alpha' OR creator='Agency E'", []string{"Alpha Mathematics", "Échos d'histoire"}},
	}
	for _, c := range cases {
		got, r := e.titles(t, "sort=title&filter="+url.QueryEscape(c.filter))
		if !slices.Equal(got, c.want) {
			t.Errorf("filter %s = %v, want %v", c.filter, got, c.want)
		}
		if r.header.Get("X-Total-Count") != itoa(len(c.want)) {
			t.Errorf("filter %s: X-Total-Count %s, want %d", c.filter, r.header.Get("X-Total-Count"), len(c.want))
		}
	}
	if n := len(mustDocs(t, e)); n != 5 {
		t.Fatalf("after SQL-looking filters the store holds %d documents, want 5", n)
	}
}

func mustDocs(t *testing.T, e *testEnv) []string {
	got, _ := e.titles(t, "")
	return got
}

func TestDocumentsFields(t *testing.T) {
	e := newTestEnv(t, nil)
	importTestDocs(e)
	for _, q := range []string{"fields=identifier,title", "fields=identifier&fields=title", "fields=identifier,%20title"} {
		r := e.get("/ims/case/v1p1/CFDocuments?" + q)
		var l docList
		r.json(t, &l)
		for _, d := range l.CFDocuments {
			if len(d) != 2 || d["identifier"] == nil || d["title"] == nil {
				t.Errorf("%s: document has %v, want only identifier and title", q, keys(d))
			}
		}
	}
	r := e.get("/ims/case/v1p1/CFDocuments?fields=identifier,noSuchField")
	var l docList
	r.json(t, &l)
	if len(l.CFDocuments[0]) < 10 {
		t.Errorf("an unknown field name must give the full record, got %v", keys(l.CFDocuments[0]))
	}
	r = e.get("/ims/case/v1p0/CFDocuments?fields=identifier,frameworkType")
	l = docList{}
	r.json(t, &l)
	if _, ok := l.CFDocuments[0]["frameworkType"]; ok || l.CFDocuments[0]["creator"] == nil {
		t.Errorf("1.0: frameworkType is not a 1.0 field, so the full 1.0 record is expected; got %v", keys(l.CFDocuments[0]))
	}
}

func TestDocumentsBadParameters(t *testing.T) {
	e := newTestEnv(t, nil)
	importTestDocs(e)
	cases := []struct{ query, minor, field string }{
		{"fields=", "invalid_selection_field", "fields"},
		{"fields=identifier,,title", "invalid_selection_field", "fields"},
		{"limit=0", "invalid_selection_field", "limit"},
		{"limit=ten", "invalid_selection_field", "limit"},
		{"offset=-1", "invalid_selection_field", "offset"},
		{"orderBy=sideways", "invalid_selection_field", "orderBy"},
		{"filter=", "invalid_selection_field", "filter"},
		{"filter=" + url.QueryEscape("title=alpha"), "invalid_selection_field", "filter"},
		{"filter=" + url.QueryEscape("title='alpha"), "invalid_selection_field", "filter"},
		{"filter=" + url.QueryEscape("title=='alpha'"), "invalid_selection_field", "filter"},
		{"filter=" + url.QueryEscape("title='a' AND"), "invalid_selection_field", "filter"},
		{"filter=" + url.QueryEscape("title='a' XOR title='b'"), "invalid_selection_field", "filter"},
		{"filter=" + url.QueryEscape("noSuchField='x'"), "invalid_selection_field", "filter"},
		{"filter=" + url.QueryEscape("CFPackageURI.nope='x'"), "invalid_selection_field", "filter"},
		{"filter=" + url.QueryEscape("'; DROP TABLE items;--"), "invalid_selection_field", "filter"},
		{"filter=" + url.QueryEscape("title='x'; DROP TABLE items;--"), "invalid_selection_field", "filter"},
		{"filter=" + url.QueryEscape("frameworkType='x'"), "invalid_selection_field", "filter"},
	}
	for _, c := range cases {
		root := "/ims/case/v1p1"
		if strings.Contains(c.query, "frameworkType") {
			root = "/ims/case/v1p0" // a 1.1-only field is unknown in 1.0
		}
		r := e.get(root + "/CFDocuments?" + c.query)
		st := imsx(t, r)
		if r.status != http.StatusBadRequest || st.CodeMajor != "failure" || st.CodeMinor == nil ||
			st.CodeMinor.Fields[0].Value != c.minor || st.CodeMinor.Fields[0].Name != c.field {
			t.Errorf("%s: %d %s, want 400 %s on %s", c.query, r.status, r.body, c.minor, c.field)
		}
	}
	r := e.get("/ims/case/v1p1/CFDocuments?filter=" + url.QueryEscape("noSuchField='x'"))
	if st := imsx(t, r); !strings.Contains(st.Description, "invalid_filter_field") {
		t.Errorf("an unknown filter field should be explained as invalid_filter_field: %q", st.Description)
	}
	if n := len(mustDocs(t, e)); n != 5 {
		t.Fatalf("the store holds %d documents after the bad requests, want 5", n)
	}
}

func TestDocumentsEmpty(t *testing.T) {
	e := newTestEnv(t, nil)
	r := e.get("/ims/case/v1p1/CFDocuments")
	if r.status != http.StatusOK || string(r.body) != `{"CFDocuments":[]}` || r.header.Get("X-Total-Count") != "0" {
		t.Errorf("empty registry: %d %s (X-Total-Count %q)", r.status, r.body, r.header.Get("X-Total-Count"))
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// imsx decodes a CASE error body.
func imsx(t *testing.T, r reply) imsxStatus {
	t.Helper()
	var st imsxStatus
	r.json(t, &st)
	return st
}

// parseLinks reads an RFC 5988 Link header into rel -> URL.
func parseLinks(t *testing.T, h string) map[string]*url.URL {
	t.Helper()
	out := map[string]*url.URL{}
	for _, part := range strings.Split(h, ", ") {
		target, params, ok := strings.Cut(part, ">; ")
		if !ok || !strings.HasPrefix(target, "<") || !strings.HasPrefix(params, `rel="`) {
			t.Fatalf("malformed Link entry %q", part)
		}
		u, err := url.Parse(target[1:])
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimSuffix(strings.TrimPrefix(params, `rel="`), `"`)] = u
	}
	return out
}
