package graphql_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/casenode/casenode/graphql"
	"github.com/casenode/casenode/seed"
)

// Answers are the bytes json.Encoder writes for {"data": …}: compact, with
// <, > and & escaped, whatever the statements hold.
func TestResponseBytesAsTheEncoderWrites(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	pkg := seed.Synth(seed.SynthOptions{Items: 30, Seed: 3})
	pkg.CFItems[0].FullStatement = "Compare <b>a</b> & b, \"quoted\", line\u2028separator, tab\tand é ✓"
	pkg.CFItems[1].Notes = "x < y > z && w"
	n.importPackage(t, pkg)
	for _, q := range []string{
		`{ framework(id: "` + pkg.CFDocument.Identifier + `") { title itemCount items(first: 20) { nodes { identifier fullStatement notes } pageInfo { hasNextPage endCursor } } } }`,
		`{ frameworks(first: 5) { totalCount nodes { identifier title subject educationLevel provenance { source fetchedAt } } } }`,
		`{ item(id: "` + pkg.CFItems[0].Identifier + `") { fullStatement abbreviatedStatement children { identifier } framework { title } } }`,
	} {
		body, _ := json.Marshal(map[string]any{"query": q})
		resp, err := http.Post(n.srv.URL, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var parsed struct {
			Data   json.RawMessage `json:"data,omitempty"`
			Errors []any           `json:"errors,omitempty"`
		}
		if err := json.Unmarshal(got, &parsed); err != nil || len(parsed.Errors) > 0 {
			t.Fatalf("%s: %v %s", q, err, got)
		}
		var want bytes.Buffer
		json.NewEncoder(&want).Encode(parsed)
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%.60s…:\n got %s\nwant %s", q, got, want.Bytes())
		}
		if strings.Contains(q, "fullStatement") && !bytes.Contains(got, []byte(`\u003cb\u003e`)) && strings.Contains(q, "framework(id") {
			t.Errorf("the statement's markup is not escaped as the encoder escapes it: %s", got)
		}
	}
}
