package store

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/casenode/casenode/casefile"
)

func TestCompactTopIsLossless(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"A":"","B":null,"C":"x"}`, `{"C":"x"}`},
		{`{"A":[],"B":{},"C":0,"D":false}`, `{"A":[],"B":{},"C":0,"D":false}`},
		{`{"E":{"x":"","y":null},"F":["",null]}`, `{"E":{"x":"","y":null},"F":["",null]}`},
		{`{"G":"a\"b,\\","H":""}`, `{"G":"a\"b,\\"}`},
		{`{"A":""}`, `{}`},
		{`{}`, `{}`},
		{`[1,""]`, `[1,""]`},
	}
	for _, c := range cases {
		var w bytes.Buffer
		compactTop(&w, []byte(c.in))
		if w.String() != c.want {
			t.Errorf("compactTop(%s) = %s, want %s", c.in, w.String(), c.want)
		}
	}
	p := testPackage("alpha", 1, 1)
	it := p.CFItems[0]
	it.ConceptKeywords = []string{} // empty, not nil: must survive
	it.Extensions = casefile.Fields{"e": json.RawMessage(`{"k":"","n":null}`)}
	it.Notes = "line \"one\"\n"
	b, err := newEncoder().encode(&it)
	if err != nil {
		t.Fatal(err)
	}
	var back casefile.Item
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, it) {
		t.Fatalf("round trip through %s:\n got %+v\nwant %+v (%v)", b, back, it, err)
	}
}
