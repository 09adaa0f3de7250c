package graphql_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/graphql"
	"github.com/casenode/casenode/seed"
)

func TestLimitsRejectWithCodes(t *testing.T) {
	n := newNode(t, graphql.Limits{MaxDepth: 6, MaxQueryLength: 2000, MaxBodyBytes: 4096, MaxFields: 700}, nil)
	n.importSeed(t)
	exp := seed.Expected()

	deep := `{ frameworks { nodes { roots { children { children { children { children { identifier } } } } } } } }`
	if r := n.query(t, "", deep, nil); r.status != http.StatusBadRequest || r.code() != "invalid" {
		t.Errorf("too deep: %d %+v", r.status, r.Errors)
	}
	long := "{ frameworks { totalCount } }" + strings.Repeat(" ", 2000)
	if r := n.query(t, "", long, nil); r.status != http.StatusBadRequest || r.code() != "invalid" {
		t.Errorf("too long: %d %+v", r.status, r.Errors)
	}
	// Within depth and length, but resolving more fields than the budget.
	wide := `query($id: ID!) { framework(id: $id) { items(first: 2000) { nodes { identifier uri fullStatement humanCodingScheme educationLevel subject language notes } } } }`
	if r := n.query(t, "", wide, map[string]any{"id": exp.Frameworks.Progression}); r.status != http.StatusOK {
		t.Errorf("67 items × 8 fields within budget: %d %+v", r.status, r.Errors)
	}
	wider := strings.Replace(wide, "items(first: 2000)", "a: items(first: 2000) { totalCount } items(first: 2000)", 1)
	wider = strings.Replace(wider, "notes }", "notes children { identifier uri fullStatement humanCodingScheme parents { identifier uri } } }", 1)
	if r := n.query(t, "", wider, map[string]any{"id": exp.Frameworks.Progression}); r.status != http.StatusBadRequest || r.code() != "invalid" || len(r.Data) > 0 && string(r.Data) != "null" {
		t.Errorf("over the field budget: %d %+v, %d bytes of data", r.status, r.Errors, len(r.Data))
	}
	syntax := `{ frameworks { `
	if r := n.query(t, "", syntax, nil); r.status != http.StatusBadRequest || r.code() != "invalid" {
		t.Errorf("syntax error: %d %+v", r.status, r.Errors)
	}
	unknown := `{ frameworks { nope } }`
	if r := n.query(t, "", unknown, nil); r.status != http.StatusBadRequest || r.code() != "invalid" {
		t.Errorf("unknown field: %d %+v", r.status, r.Errors)
	}

	post := func(body string, ct string) (int, string) {
		resp, err := http.Post(n.srv.URL, ct, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	big, _ := json.Marshal(map[string]any{"query": "{ frameworks { totalCount } }", "variables": map[string]any{"pad": strings.Repeat("x", 5000)}})
	if st, body := post(string(big), "application/json"); st != http.StatusRequestEntityTooLarge || !strings.Contains(body, `"code":"invalid"`) {
		t.Errorf("body over the cap: %d %s", st, body)
	}
	if st, body := post("not json", "application/json"); st != http.StatusBadRequest || !strings.Contains(body, `"code":"invalid"`) {
		t.Errorf("bad JSON: %d %s", st, body)
	}
	if st, body := post("{ frameworks { totalCount } }", "application/graphql"); st != http.StatusOK || !strings.Contains(body, `"totalCount":3`) {
		t.Errorf("application/graphql body: %d %s", st, body)
	}
}

func TestGetServesTheConsoleOrQueries(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	n.importSeed(t)
	get := func(q, accept string) (int, string, string) {
		req, _ := http.NewRequest(http.MethodGet, n.srv.URL+"?query="+url.QueryEscape(q), nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
	}
	st, ct, body := get("", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	if st != http.StatusOK || !strings.HasPrefix(ct, "text/html") || !strings.Contains(body, `id="graphiql"`) || strings.Contains(body, "https://") {
		t.Errorf("GraphiQL page: %d %s (external assets must not be loaded)", st, ct)
	}
	for _, asset := range []string{"graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js", "start.js"} {
		if !strings.Contains(body, "/graphql/assets/"+asset) {
			t.Errorf("GraphiQL page does not load %s", asset)
		}
		resp, err := http.Get(n.srv.URL + "/graphql/assets/" + asset)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || resp.ContentLength == 0 {
			t.Errorf("asset %s: %d", asset, resp.StatusCode)
		}
	}
	st, ct, body = get("{ frameworks { totalCount } }", "application/json")
	if st != http.StatusOK || !strings.HasPrefix(ct, "application/json") || !strings.Contains(body, `"totalCount":3`) {
		t.Errorf("GET query: %d %s %s", st, ct, body)
	}
	st, _, body = get(`mutation { removeAssociation(id: "x") }`, "")
	if st == http.StatusOK && !strings.Contains(body, "POST") {
		t.Errorf("GET mutation ran: %d %s", st, body)
	}
	req, _ := http.NewRequest(http.MethodPut, n.srv.URL, bytes.NewReader(nil))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("PUT: %d", resp.StatusCode)
	}
}

func TestRequestTimeoutAnswersUnavailable(t *testing.T) {
	n := newNode(t, graphql.Limits{Timeout: time.Nanosecond}, nil)
	n.importSeed(t)
	r := n.query(t, "", `{ frameworks { totalCount } }`, nil)
	if r.code() != "unavailable" || !strings.Contains(r.Errors[0].Message, "too long") {
		t.Errorf("timed-out request: %d %+v", r.status, r.Errors)
	}
}
