package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
)

// smallFramework is a framework of a root with n leaves; statement gives each
// leaf's text.
func smallFramework(base string, n int, statement func(i int) string) []byte {
	doc := casefile.NameUUID("history-doc")
	root := casefile.NameUUID("history-root")
	var items, assocs []string
	items = append(items, fmt.Sprintf(`{"identifier":%q,"uri":"%s/x/%s","humanCodingScheme":"H","fullStatement":"Root heading","lastChangeDateTime":"2026-11-20T09:00:00Z"}`, root, base, root))
	assocs = append(assocs, fmt.Sprintf(`{"identifier":%q,"uri":"%s/a/r","associationType":"isChildOf","originNodeURI":{"title":"r","identifier":%q,"uri":"%s/x/%s"},"destinationNodeURI":{"title":"d","identifier":%q,"uri":"%s/d"},"lastChangeDateTime":"2026-11-20T09:00:00Z"}`,
		casefile.NameUUID("history-a-root"), base, root, base, root, doc, base))
	for i := 1; i <= n; i++ {
		if statement(i) == "" {
			continue
		}
		id := casefile.NameUUID(fmt.Sprintf("history-item-%d", i))
		items = append(items, fmt.Sprintf(`{"identifier":%q,"uri":"%s/x/%s","humanCodingScheme":"H.%d","fullStatement":%q,"lastChangeDateTime":"2026-11-20T09:00:00Z"}`, id, base, id, i, statement(i)))
		assocs = append(assocs, fmt.Sprintf(`{"identifier":%q,"uri":"%s/a/%d","associationType":"isChildOf","originNodeURI":{"title":"i","identifier":%q,"uri":"%s/x/%s"},"destinationNodeURI":{"title":"r","identifier":%q,"uri":"%s/x/%s"},"lastChangeDateTime":"2026-11-20T09:00:00Z"}`,
			casefile.NameUUID(fmt.Sprintf("history-a-%d", i)), base, i, id, base, id, root, base, root))
	}
	return fmt.Appendf(nil, `{"CFDocument":{"identifier":%q,"uri":"%s/d","creator":"Tester","title":"History test","lastChangeDateTime":"2026-11-20T09:00:00Z"},"CFItems":[%s],"CFAssociations":[%s]}`,
		doc, base, strings.Join(items, ","), strings.Join(assocs, ","))
}

func TestFrameworkHistoryAndDiff(t *testing.T) {
	n := newTestNode(t)
	prov := casefile.Provenance{Source: casefile.SourceFile, Location: "history.json"}
	v1 := smallFramework(n.base, 3, func(i int) string { return fmt.Sprintf("Skill number %d", i) })
	n.importBytes(v1, prov)
	doc := casefile.NameUUID("history-doc")
	_, body, _ := get(t, n.web, "/frameworks/"+doc+"/history", nil)
	mustContain(t, body, "has not changed since it was first imported")
	// v2: item 2 reworded, item 3 removed, item 4 added.
	v2 := smallFramework(n.base, 4, func(i int) string {
		switch i {
		case 2:
			return "Skill number two, reworded"
		case 3:
			return ""
		}
		return fmt.Sprintf("Skill number %d", i)
	})
	n.importBytes(v2, prov)
	_, body, _ = get(t, n.web, "/frameworks/"+doc+"/history", nil)
	mustContain(t, body, `<table class="history">`, "what changed")
	_, body, _ = get(t, n.web, "/frameworks/"+doc+"/history?from=0", nil)
	mustContain(t, body, "1 added, 1 changed and 1 removed items", ">H.4<", ">H.2<", "Skill number two, reworded",
		"<code>"+casefile.NameUUID("history-item-3")+"</code>")
	mustNotContain(t, body, ">H.1<")
}

func TestFrameworkPageTools(t *testing.T) {
	n := newTestNode(t)
	e := seed.Expected()
	fw := e.Frameworks.Northwind
	_, body, _ := get(t, n.web, "/frameworks/"+fw, nil)
	mustContain(t, body, `name="framework" value="`+fw+`"`, `id="fw-q"`, "?expand=all", "/history")
	// Expand all: every item of the framework is in the page, open.
	info, err := n.db.Framework(t.Context(), fw)
	if err != nil {
		t.Fatal(err)
	}
	_, body, _ = get(t, n.web, "/frameworks/"+fw+"?expand=all", nil)
	if got := strings.Count(body, `<li id="n-`); got != info.Items {
		t.Errorf("expand all shows %d items, the framework has %d", got, info.Items)
	}
	mustContain(t, body, "Collapse all")
	mustNotContain(t, body, "nojs-open")
	// ?open= highlights the item asked for.
	_, body, _ = get(t, n.web, "/frameworks/"+fw+"?open="+e.Explicit[0].Source, nil)
	mustContain(t, body, `<li id="n-`+e.Explicit[0].Source+`" class="current" aria-current="true">`)
	if strings.Count(body, `class="current"`) != 1 {
		t.Errorf("%d items highlighted", strings.Count(body, `class="current"`))
	}
}
