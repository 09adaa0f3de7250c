package casefile_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// Structural oddities: an item with the document's identifier is rejected
// at its path; a self-association and an isChildOf cycle are imported as
// published, each with a warning at its JSON path.
func TestStructuralOdditiesWarned(t *testing.T) {
	doc := "d1000000-0000-4000-8000-000000000000"
	a, b := "a1000000-0000-4000-8000-000000000001", "b1000000-0000-4000-8000-000000000002"
	item := func(id string) string {
		return fmt.Sprintf(`{"identifier":%q,"uri":"https://x.test/%s","fullStatement":"s","lastChangeDateTime":"2024-01-01T00:00:00Z"}`, id, id)
	}
	assoc := func(n int, typ, from, to string) string {
		return fmt.Sprintf(`{"identifier":"c1000000-0000-4000-8000-00000000000%d","uri":"https://x.test/c%d","associationType":%q,
			"lastChangeDateTime":"2024-01-01T00:00:00Z","originNodeURI":{"identifier":%q,"uri":"https://x.test/%s","title":"o"},
			"destinationNodeURI":{"identifier":%q,"uri":"https://x.test/%s","title":"d"}}`, n, n, typ, from, from, to, to)
	}
	body := `{"CFDocument":{"identifier":"` + doc + `","uri":"https://x.test/doc","creator":"c","title":"t","lastChangeDateTime":"2024-01-01T00:00:00Z"},
		"CFItems":[` + strings.Join([]string{item(a), item(b), item(doc)}, ",") + `],
		"CFAssociations":[` + strings.Join([]string{assoc(1, "isChildOf", a, b), assoc(2, "isChildOf", b, a), assoc(3, "exactMatchOf", a, a)}, ",") + `]}`
	_, _, err := casefile.Decode(strings.NewReader(body), casefile.DecodeOptions{})
	var ce *casefile.Error
	if !errors.As(err, &ce) || len(ce.Problems) != 1 || ce.Problems[0].Path != "$.CFItems[2].identifier" {
		t.Fatalf("item with the document's identifier: %v", err)
	}
	body = strings.Replace(body, ","+item(doc), "", 1)
	p, ws, err := casefile.Decode(strings.NewReader(body), casefile.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.CFItems) != 2 || len(p.CFAssociations) != 3 {
		t.Fatalf("objects not kept as published: %d items, %d associations", len(p.CFItems), len(p.CFAssociations))
	}
	if !hasWarning(ws, "$.CFAssociations[2]", "association links an object to itself") {
		t.Errorf("no self-association warning in %v", ws)
	}
	if !hasWarning(ws, "$.CFAssociations[0]", "isChildOf cycle") && !hasWarning(ws, "$.CFAssociations[1]", "isChildOf cycle") {
		t.Errorf("no isChildOf cycle warning in %v", ws)
	}
}

// A deep isChildOf chain (no cycle) gives no warning and no stack trouble.
func TestDeepChildChainNoCycle(t *testing.T) {
	const depth = 20000
	var b strings.Builder
	b.WriteString(`{"CFDocument":{"identifier":"d2000000-0000-4000-8000-000000000000","uri":"https://x.test/doc","creator":"c","title":"t","lastChangeDateTime":"2024-01-01T00:00:00Z"},"CFItems":[`)
	id := func(i int) string { return fmt.Sprintf("e2000000-0000-4000-8000-%012d", i) }
	for i := range depth {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"identifier":%q,"uri":"https://x.test/%d","fullStatement":"s","lastChangeDateTime":"2024-01-01T00:00:00Z"}`, id(i), i)
	}
	b.WriteString(`],"CFAssociations":[`)
	for i := 1; i < depth; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"identifier":"f2000000-0000-4000-8000-%012d","uri":"https://x.test/a%d","associationType":"isChildOf","lastChangeDateTime":"2024-01-01T00:00:00Z",
			"originNodeURI":{"identifier":%q,"uri":"https://x.test/%d","title":"o"},"destinationNodeURI":{"identifier":%q,"uri":"https://x.test/%d","title":"d"}}`, i, i, id(i), i, id(i-1), i-1)
	}
	b.WriteString(`]}`)
	_, ws, err := casefile.Decode(strings.NewReader(b.String()), casefile.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		if strings.Contains(w.Message, "cycle") {
			t.Fatalf("cycle warning on a chain: %s", w)
		}
	}
}
