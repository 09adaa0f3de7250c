package web

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/casenode/casenode/seed"
)

// teksFixture is the largest real fixture by items (1,515; fixtures README).
const teksFixture = "tx-teks-math-ch111.tea.cfpackage.json"

// TestBrowserEndToEnd drives headless Chromium through every page of a
// running node (server.New with the web handler mounted, real store, index,
// crosswalk and federation) holding the seed and the TEKS math fixture.
func TestBrowserEndToEnd(t *testing.T) {
	n := newTestNode(t)
	teks := n.importFixture(teksFixture)
	n.serve(n.node(newTestAuth(t, n)))
	b := newBrowser(t, n.base)
	e := seed.Expected()

	t.Run("home and keyboard", func(t *testing.T) {
		b.t = t
		b.open("/")
		if h := b.text("main h1"); h != "Frameworks" {
			t.Errorf("h1 %q", h)
		}
		if body := b.text("table.frameworks"); !contains(body, teks.Title) || !contains(body, "Northwind") {
			t.Errorf("frameworks table lacks TEKS or Northwind: %.300s", body)
		}
		// The first Tab lands on the skip link, which is then visible.
		b.do(chromedp.KeyEvent("\t"))
		if !eval[bool](b, `document.activeElement.classList.contains("skip-link") && document.activeElement.getBoundingClientRect().top >= 0`) {
			t.Error("first Tab does not focus a visible skip link")
		}
		if n := eval[int](b, `document.querySelectorAll(".badge.demo").length`); n == 0 {
			t.Error("demo frameworks are not marked on the home page")
		}
		b.shot("01-home")
	})

	t.Run("phone width", func(t *testing.T) {
		b.t = t
		b.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
		defer b.do(chromedp.EmulateViewport(1280, 900))
		for i, p := range []string{"/", "/search?q=fractions", "/items/" + e.Explicit[0].Source, "/frameworks/" + teks.Framework} {
			b.open(p)
			if !eval[bool](b, `document.documentElement.scrollWidth <= window.innerWidth + 1`) {
				t.Errorf("%s scrolls sideways at 390 px", p)
			}
			b.shot(fmt.Sprintf("02-phone-%d", i+1))
		}
		// Search results come before the filters, which are folded away.
		b.open("/search?q=fractions")
		if !eval[bool](b, `document.querySelector(".hits").getBoundingClientRect().top < document.querySelector(".facets").getBoundingClientRect().top`) {
			t.Error("at 390 px the filters come before the results")
		}
		if eval[bool](b, `document.querySelector("details.facets-panel").open`) {
			t.Error("at 390 px the filters are not folded into their disclosure")
		}
	})

	t.Run("framework tools", func(t *testing.T) {
		b.t = t
		b.open("/frameworks/" + e.Frameworks.Northwind + "?open=" + e.Explicit[0].Source)
		if !eval[bool](b, `(function(){var r=document.querySelector(".tree li.current").getBoundingClientRect();return r.top>=0&&r.bottom<=window.innerHeight})()`) {
			t.Error("the item opened with ?open= is not in view")
		}
		b.shot("04-framework-open")
		b.follow(chromedp.Click(chromedp.CSS("a.expand-all")))
		if n := eval[int](b, `document.querySelectorAll(".tree details:not([open])").length`); n != 0 {
			t.Errorf("expand all left %d headings closed", n)
		}
		b.shot("05-framework-expanded")
	})

	t.Run("math and markup typeset", func(t *testing.T) {
		b.t = t
		// A TEKS statement with LaTeX math ($y = ax$ …) is typeset by KaTeX.
		b.open("/search?q=" + url.QueryEscape("compare two rules verbally numerically graphically symbolically"))
		if n := eval[int](b, `document.querySelectorAll(".hit-statement .katex").length`); n == 0 {
			t.Errorf("no math typeset in the search results: %.300s", b.text("main"))
		}
		if txt := b.text(".hit-statement"); strings.Contains(txt, "$") {
			t.Errorf("raw LaTeX shown: %.300s", txt)
		}
		b.shot("03-math")
	})

	t.Run("search and filter", func(t *testing.T) {
		b.t = t
		b.open("/")
		b.do(chromedp.SendKeys(chromedp.ID("home-q"), "fractions"))
		b.follow(chromedp.Submit(chromedp.ID("home-q")))
		if loc := b.location(); !contains(loc, "/search?q=fractions") {
			t.Fatalf("search went to %s", loc)
		}
		hits := eval[int](b, `document.querySelectorAll("li.hit").length`)
		marks := eval[int](b, `document.querySelectorAll("li.hit mark").length`)
		if hits == 0 || marks == 0 {
			t.Fatalf("%d hits, %d highlighted terms", hits, marks)
		}
		level := eval[string](b, `document.querySelector('input[name="educationLevel"]').value`)
		b.do(chromedp.Click(chromedp.CSS(`input[name="educationLevel"]`)))
		b.follow(chromedp.Click(chromedp.CSS(`.facets button[type="submit"]`)))
		u, _ := url.Parse(b.location())
		if u.Query().Get("educationLevel") != level || u.Query().Get("q") != "fractions" {
			t.Errorf("filtered URL %s, want educationLevel=%s and q kept", u, level)
		}
		levels := eval[[]string](b, `Array.from(document.querySelectorAll("li.hit .levels")).map(e => e.textContent)`)
		if len(levels) == 0 {
			t.Error("no hits after filtering")
		}
		for _, l := range levels {
			if !contains(l, level) {
				t.Errorf("hit %q outside level %s", l, level)
			}
		}
		b.shot("03-search-filtered")
	})

	t.Run("expand tree in place", func(t *testing.T) {
		b.t = t
		path := "/frameworks/" + teks.Framework
		b.open(path)
		roots := eval[int](b, `document.querySelectorAll(".tree-section > ul.tree > li").length`)
		all := eval[int](b, `document.querySelectorAll(".tree-section li").length`)
		if roots == 0 || all != roots {
			t.Fatalf("%d roots, %d items rendered: only the top level should be", roots, all)
		}
		if eval[bool](b, `getComputedStyle(document.querySelector(".nojs-open")).display !== "none"`) {
			t.Error("the no-JS link shows although JS runs")
		}
		// Keyboard: focus the first heading's summary and press Enter.
		b.do(chromedp.Focus(chromedp.CSS("details[data-children] > summary")), chromedp.KeyEvent("\r"))
		b.do(chromedp.WaitVisible(chromedp.CSS(`details[data-loaded="true"] > .kids > ul.tree > li`)))
		if loc := b.location(); loc != b.base+path {
			t.Errorf("expanding navigated to %s", loc)
		}
		kids := eval[int](b, `document.querySelectorAll('details[data-loaded="true"] > .kids > ul.tree > li').length`)
		if kids == 0 {
			t.Error("no children loaded")
		}
		b.shot("04-tree-expanded")
	})

	t.Run("browse and search without JavaScript", func(t *testing.T) {
		b.t = t
		b.scripts(false)
		defer b.scripts(true)
		b.open("/frameworks/" + e.Frameworks.Northwind)
		// Opening a heading shows a link to the same page with that level open.
		b.do(chromedp.Click(chromedp.CSS("details[data-children] > summary .stmt")))
		b.follow(chromedp.Click(chromedp.CSS("details[open] .nojs-open")))
		u, _ := url.Parse(b.location())
		if u.Query().Get("open") == "" {
			t.Fatalf("no-JS link went to %s", u)
		}
		opened := eval[int](b, `document.querySelectorAll('details[open] > .kids > ul.tree > li').length`)
		if opened == 0 {
			t.Error("the opened level shows no items")
		}
		b.shot("05-tree-without-js")
		b.open("/search?q=fractions")
		b.do(chromedp.Click(chromedp.CSS(`input[name="itemType"]`)))
		b.follow(chromedp.Click(chromedp.CSS(`.facets button[type="submit"]`)))
		if u, _ := url.Parse(b.location()); u.Query().Get("itemType") == "" {
			t.Errorf("facet filter without JS went to %s", u)
		}
	})

	t.Run("item and link to another framework", func(t *testing.T) {
		b.t = t
		x := e.Explicit[0]
		b.open("/items/" + x.Source)
		if h := b.text("main h1"); !contains(h, x.SourceCode) {
			t.Errorf("item h1 %q", h)
		}
		if !eval[bool](b, `getComputedStyle(document.querySelector("button.copy")).display !== "none"`) {
			t.Error("copy buttons are hidden with JavaScript on")
		}
		if n := eval[int](b, `document.querySelectorAll(".counterparts .links li").length`); n == 0 {
			t.Error("the item page lists no counterpart in other frameworks")
		}
		b.shot("06-item")
		b.follow(chromedp.Click(chromedp.CSS(`.associations a[href="/items/` + x.Target + `"]`)))
		if h := b.text("main h1"); !contains(h, x.TargetCode) {
			t.Errorf("followed link: h1 %q, want %s", h, x.TargetCode)
		}
		if bc := b.text("nav.breadcrumb"); !contains(bc, "Mathematics Progression") {
			t.Errorf("breadcrumb %q", bc)
		}
		b.shot("07-item-other-framework")
	})

	t.Run("compare and accept as admin", func(t *testing.T) {
		b.t = t
		b.open("/compare")
		b.follow(chromedp.Click(chromedp.CSS(`.session a[href^="/login"]`)))
		b.do(chromedp.SendKeys(chromedp.ID("client_id"), testClientID), chromedp.SendKeys(chromedp.ID("client_secret"), testSecret))
		b.follow(chromedp.Submit(chromedp.ID("client_secret")))
		if loc := b.location(); loc != b.base+"/compare" {
			t.Fatalf("after login at %s", loc)
		}
		if s := b.text(".session"); !contains(s, "(admin)") {
			t.Fatalf("not signed in as admin: %q", s)
		}
		b.do(chromedp.SetValue(chromedp.ID("source"), e.Frameworks.Northwind), chromedp.SetValue(chromedp.ID("target"), e.Frameworks.Progression))
		b.follow(chromedp.Click(chromedp.CSS(`.compare-form button[type="submit"]`)))
		if c := b.text(".coverage"); !contains(c, "Explicit match") {
			t.Errorf("coverage %q", c)
		}
		b.shot("08-compare")
		// The coverage bar is drawn to scale: each part's width is its share.
		if ok := eval[bool](b, `(() => { const segs = [...document.querySelectorAll(".coverage-bar .seg")]; const px = segs.map(s => s.getBoundingClientRect().width); const total = px.reduce((a, b) => a + b, 0); return total > 100 && segs.every((s, i) => Math.abs(px[i] / total - s.getAttribute("width") / 1000) < 0.01) })()`); !ok {
			t.Error("the coverage bar's parts are not drawn in proportion to their shares")
		}
		pair := eval[[]string](b, `(f => [f.sourceItem.value, f.targetItem.value])(document.querySelector('form[action="/compare/accept"]:not(.pick-target)'))`)
		b.follow(chromedp.Click(chromedp.CSS(`form[action="/compare/accept"]:not(.pick-target) button[type="submit"]`)))
		if s := b.text(`.notice[role="status"]`); !contains(s, "Suggestion accepted") {
			t.Errorf("notice %q", s)
		}
		kind := eval[string](b, `(() => { const a = document.querySelector('th a[href="/items/`+pair[0]+`"]').closest("tr").querySelector('.match a[href="/items/`+pair[1]+`"]'); return a ? a.closest(".match").querySelector(".kind").textContent : "" })()`)
		if kind != "explicit" {
			t.Errorf("accepted pair shows as %q, want explicit", kind)
		}
		b.shot("09-compare-accepted")
	})

	t.Run("peers and errors", func(t *testing.T) {
		b.t = t
		b.open("/peers")
		if h := b.text("main h1"); h != "Peers" {
			t.Errorf("h1 %q", h)
		}
		b.shot("10-peers")
		b.open("/items/no-such-item")
		if h := b.text("main h1"); h != "Not found" {
			t.Errorf("error page h1 %q", h)
		}
		if !strings.Contains(b.text("main"), "Error 404") {
			t.Error("no status on the error page")
		}
	})
}
