package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
	"github.com/casenode/casenode/server"
)

// wiredNode is a seeded node wired as `casenode serve` wires it, with an
// admin token, answering in-process.
type wiredNode struct {
	h     http.Handler
	token string
}

func newWiredNode(t *testing.T) *wiredNode {
	t.Helper()
	ctx := context.Background()
	cfg := serveConfig{baseURL: "http://127.0.0.1:8080", name: "test", maxConcurrent: 64, tokenTTL: time.Hour,
		limits: casefile.Limits{MaxImportBytes: 64 << 20}, cacheMB: 16}
	n, err := openNode(ctx, cfg, t.TempDir(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.close)
	hash, err := server.HashSecret("s3cret-s3cret")
	if err != nil {
		t.Fatal(err)
	}
	if err := n.db.PutClient(ctx, casefile.Client{ID: "curator", SecretHash: hash, Scopes: []string{casefile.ScopeAdmin}}); err != nil {
		t.Fatal(err)
	}
	tok, _, _, err := n.auth.Issue(ctx, "curator", "s3cret-s3cret")
	if err != nil {
		t.Fatal(err)
	}
	return &wiredNode{h: n.srv, token: tok}
}

func (w *wiredNode) do(t *testing.T, method, path, ctype string, body io.Reader) (int, string) {
	t.Helper()
	req := httptest.NewRequest(method, path, body)
	req.Header.Set("Authorization", "Bearer "+w.token)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	rec := httptest.NewRecorder()
	w.h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

func (w *wiredNode) graphql(t *testing.T, query string, vars map[string]any) string {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	code, body := w.do(t, http.MethodPost, "/graphql", "application/json", bytes.NewReader(b))
	if code != http.StatusOK || strings.Contains(body, `"errors"`) {
		t.Fatalf("graphql %d: %.400s", code, body)
	}
	return body
}

// restSuggested returns the suggested pairs of the REST crosswalk, as "source target".
func (w *wiredNode) restSuggested(t *testing.T, source, target string) map[string]bool {
	t.Helper()
	q := url.Values{"source": {source}, "target": {target}, "suggest": {"true"}, "minScore": {"0.3"}}
	code, body := w.do(t, http.MethodGet, "/api/v1/crosswalk?"+q.Encode(), "", nil)
	if code != http.StatusOK {
		t.Fatalf("REST crosswalk %d: %.300s", code, body)
	}
	var cw casefile.Crosswalk
	if err := json.Unmarshal([]byte(body), &cw); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, r := range cw.Rows {
		for _, m := range r.Matches {
			if m.Kind == casefile.MatchSuggested {
				out[r.Source.Identifier+" "+m.Target.Identifier] = true
			}
		}
	}
	return out
}

// TestRejectedSuggestionDisappearsEverywhere: a suggestion rejected through
// GraphQL, or on the compare page, is offered by none of REST (JSON and
// CSV), GraphQL and the compare page.
func TestRejectedSuggestionDisappearsEverywhere(t *testing.T) {
	w := newWiredNode(t)
	fw := seed.Expected().Frameworks
	before := w.restSuggested(t, fw.Northwind, fw.Progression)
	var pairs [][2]string
	for p := range before {
		s, tg, _ := strings.Cut(p, " ")
		pairs = append(pairs, [2]string{s, tg})
	}
	if len(pairs) < 2 {
		t.Fatalf("the seed crosswalk suggests %d pairs", len(pairs))
	}
	viaGraphQL, viaPage := pairs[0], pairs[1]
	w.graphql(t, `mutation($s: ID!, $t: ID!) { rejectSuggestion(source: $s, target: $t) { decision by } }`,
		map[string]any{"s": viaGraphQL[0], "t": viaGraphQL[1]})
	form := url.Values{"source": {fw.Northwind}, "target": {fw.Progression}, "minScore": {"0.3"},
		"sourceItem": {viaPage[0]}, "targetItem": {viaPage[1]}}
	if code, body := w.do(t, http.MethodPost, "/compare/reject", "application/x-www-form-urlencoded", strings.NewReader(form.Encode())); code != http.StatusSeeOther {
		t.Fatalf("page reject %d: %.300s", code, body)
	}

	after := w.restSuggested(t, fw.Northwind, fw.Progression)
	gq := w.graphql(t, `query($s: ID!, $t: ID!) { crosswalk(source: $s, target: $t, suggest: true, minScore: 0.3, first: 1000) {
		rows { source { identifier } matches { kind target { identifier } } } csv } }`,
		map[string]any{"s": fw.Northwind, "t": fw.Progression})
	q := url.Values{"source": {fw.Northwind}, "target": {fw.Progression}, "suggest": {"true"}, "minScore": {"0.3"}, "format": {"csv"}}
	_, csv := w.do(t, http.MethodGet, "/api/v1/crosswalk?"+q.Encode(), "", nil)
	_, page := w.do(t, http.MethodGet, "/compare?"+url.Values{"source": {fw.Northwind}, "target": {fw.Progression}}.Encode(), "", nil)
	for _, p := range [][2]string{viaGraphQL, viaPage} {
		if after[p[0]+" "+p[1]] {
			t.Errorf("REST still suggests rejected %v", p)
		}
		if graphqlSuggests(t, gq, p) {
			t.Errorf("GraphQL still suggests rejected %v", p)
		}
		if csvSuggests(csv, p) {
			t.Errorf("CSV still suggests rejected %v", p)
		}
		offer := regexp.MustCompile(`name="sourceItem" value="` + p[0] + `"><input type="hidden" name="targetItem" value="` + p[1] + `">\s*<label`)
		if offer.MatchString(page) {
			t.Errorf("compare page still offers rejected %v", p)
		}
	}
	if !strings.Contains(page, "Rejected suggestions (2)") {
		t.Error("the compare page does not list the two rejections")
	}
	for p := range before {
		if s, tg, _ := strings.Cut(p, " "); [2]string{s, tg} != viaGraphQL && [2]string{s, tg} != viaPage && !after[p] {
			t.Errorf("suggestion %s vanished without being rejected", p)
		}
	}
}

func graphqlSuggests(t *testing.T, body string, p [2]string) bool {
	t.Helper()
	var out struct {
		Data struct {
			Crosswalk struct {
				Rows []struct {
					Source  struct{ Identifier string }
					Matches []struct {
						Kind   string
						Target struct{ Identifier string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	for _, r := range out.Data.Crosswalk.Rows {
		for _, m := range r.Matches {
			if r.Source.Identifier == p[0] && m.Target.Identifier == p[1] && m.Kind == "SUGGESTED" {
				return true
			}
		}
	}
	return false
}

// csvSuggests reports whether a CSV line names both items of p as a suggestion.
func csvSuggests(csv string, p [2]string) bool {
	for _, line := range strings.Split(csv, "\n") {
		if strings.Contains(line, p[0]) && strings.Contains(line, p[1]) && strings.Contains(line, casefile.MatchSuggested) {
			return true
		}
	}
	return false
}
