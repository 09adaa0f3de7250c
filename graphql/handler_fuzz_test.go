package graphql_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/graphql"
)

// FuzzHandler: no request body makes the GraphQL handler panic or answer
// 5xx; every answer is JSON. Queries run against the demo frameworks as a
// read-only client. Corpus: testdata/fuzz/FuzzHandler.
func FuzzHandler(f *testing.F) {
	for _, s := range []string{
		`{"query":"{ frameworks { identifier title } }"}`,
		`{"query":"query($q:String!){ search(query:$q){ total hits { item { identifier } } } }","variables":{"q":"fractions"}}`,
		`{"query":"{ __schema { types { name } } }"}`,
		`{"query":"{ a: frameworks { identifier } b: frameworks { title } }"}`,
		`{"query":"fragment F on Framework { identifier ...F } { frameworks { ...F } }"}`,
		`{"query":"mutation { deleteFramework(id:\"x\") }"}`,
		`{"query":"{ frameworks { items(first: 100000) { identifier } } }"}`,
		`{"query":"{"}`, `{"query":1}`, `[]`, `{"variables":"x"}`,
	} {
		f.Add([]byte(s))
	}
	n := newNode(f, graphql.Limits{}, &casefile.Principal{ClientID: "reader", Scopes: []string{casefile.ScopeRead}})
	n.importSeed(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		resp, err := http.Post(n.srv.URL, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode >= 500 {
			t.Fatalf("%d for %q: %s", resp.StatusCode, body, b)
		}
		if !json.Valid(b) {
			t.Fatalf("%d answer is not JSON for %q: %.200s", resp.StatusCode, body, b)
		}
	})
}
