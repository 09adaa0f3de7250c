package web

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/casenode/casenode/internal/fixture"
)

func TestRenderStatementAsWritten(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain", "Count to 100 by ones and by tens.", "<p>Count to 100 by ones and by tens.</p>"},
		{"html em", "Fluently add within 5.<em> For example, 2 + 3.</em>", "<p>Fluently add within 5.<em> For example, 2 + 3.</em></p>"},
		{"latex", "represent fractions $a/b$ on a number line", `<p>represent fractions <span class="math" data-display="false">a/b</span> on a number line</p>`},
		{"latex underscores untouched", "use $x_1 + x_2$ and _words_", `<p>use <span class="math" data-display="false">x_1 + x_2</span> and <em>words</em></p>`},
		{"money is not math", "costs $5 and $10 today", "<p>costs $5 and $10 today</p>"},
		{"markdown list", "Students:\n\n- count\n- compare", "<p>Students:</p>\n<ul>\n<li>count</li>\n<li>compare</li>\n</ul>"},
		{"display math", `area \[A = \pi r^2\]`, `<p>area <span class="math" data-display="true">A = \pi r^2</span></p>`},
		{"line breaks", "first\nsecond", "<p>first<br>\nsecond</p>"},
		// From OpenSALT's Markdown test framework: a table, CRLF, and math.
		{"table and math", "A _table_:\r\n\r\n| Column 1 | Column 2 |\r\n| --- | --- |\r\n| data 1 | data 2|\r\n\r\n Here $x = {-b \\pm \\sqrt{b^2-4ac} \\over 2a}$",
			"<p>A <em>table</em>:</p>\n<table>\n<thead>\n<tr>\n<th>Column 1</th>\n<th>Column 2</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>data 1</td>\n<td>data 2</td>\n</tr>\n</tbody>\n</table>\n<p>Here <span class=\"math\" data-display=\"false\">x = {-b \\pm \\sqrt{b^2-4ac} \\over 2a}</span></p>"},
	} {
		if got := string(renderStatement(c.in, nil)); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// A hostile statement cannot escape the allowlist: no script, no event
// handler, no javascript: URL, no style, no way out of a math span.
func TestRenderStatementIsSafe(t *testing.T) {
	// A '<' inside a tag means markup broke out of an attribute.
	bad := regexp.MustCompile(`(?i)<(script|img|svg|iframe|style|object|form|input|math)\b|<[^>]*\s(on[a-z]+|srcdoc|style)\s*=|<a[^>]+href="?(javascript|data):|<[^>]*<`)
	for _, in := range []string{
		`<script>alert(1)</script>`,
		`<img src=x onerror=alert(1)>`,
		`[click](javascript:alert(1))`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href="data:text/html,<script>alert(1)</script>">x</a>`,
		`$</span><script>alert(1)</script>$`,
		`\(</span><img src=x onerror=alert(1)>\)`,
		`"><svg onload=alert(1)>`,
		`<style>body{display:none}</style>`,
		`<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
		`<p onclick="alert(1)">x</p>`,
		"<scr<script>ipt>alert(1)</script>",
		`![x](javascript:alert(1))`,
		`<em title="x" onmouseover="alert(1)">hover</em>`,
		`cnmath0q <script>alert(1)</script> $x$`,
		"[x](http://a.example/$y$) and $\"onmouseover=alert(1)$",
		`[a](http://a.example/cnmath0q) $"onmouseover=alert(1)$`,
	} {
		for _, terms := range [][]string{nil, {"script", "alert", "span", "x"}} {
			got := string(renderStatement(in, terms))
			if bad.MatchString(got) {
				t.Errorf("%q rendered as %q", in, got)
			}
		}
	}
}

func TestHighlightNeverBreaksMarkup(t *testing.T) {
	got := string(renderStatement("<em>Fractions</em> and unit fractions $a/b$ with fraction bars", []string{"fraction"}))
	want := `<p><em><mark>Fractions</mark></em> and unit <mark>fractions</mark> <span class="math" data-display="false">a/b</span> with <mark>fraction</mark> bars</p>`
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// Terms that are tag or attribute names never reach inside a tag.
	got = string(renderStatement(`<em>class</em> em data`, []string{"em", "class", "data"}))
	if !strings.HasPrefix(got, "<p><em><mark>class</mark></em> <mark>em</mark> <mark>data</mark>") {
		t.Errorf("got %q", got)
	}
	if terms := highlightTerms([]string{"unit <mark>fractions</mark> and <mark>Fractions</mark> &lt;b&gt;"}); len(terms) != 1 || terms[0] != "fractions" {
		t.Errorf("highlightTerms: %q", terms)
	}
}

func TestPlainStatement(t *testing.T) {
	if got := plainStatement("Add <em>fluently</em> within $10$ &amp; **more**"); got != "Add fluently within 10 & more" {
		t.Errorf("plain: %q", got)
	}
}

// Every statement of the real CCSS, TEKS and NGSS frameworks renders with no
// markup shown as text and every math span typeset-ready.
func TestRealStatementsRender(t *testing.T) {
	dir := fixture.Dir(t)
	shown := regexp.MustCompile(`&lt;/?(em|strong|i|b|p|br|sub|sup|ul|li)\b`)
	for _, f := range []string{"ccss-math-2010.opensalt.cfpackage.json", "tx-teks-math-ch111.tea.cfpackage.json", "ngss-science-2013.opensalt.cfpackage.json"} {
		b, err := os.ReadFile(filepath.Join(dir, "real", f))
		if err != nil {
			t.Fatal(err)
		}
		var pkg struct {
			CFItems []struct{ FullStatement string } `json:"CFItems"`
		}
		if err := json.Unmarshal(b, &pkg); err != nil {
			t.Fatal(err)
		}
		withHTML, withMath := 0, 0
		for _, it := range pkg.CFItems {
			got := string(renderStatement(it.FullStatement, nil))
			if shown.MatchString(got) {
				t.Errorf("%s: markup shown as text: %.200q", f, got)
			}
			if strings.Contains(it.FullStatement, "<em>") || strings.Contains(it.FullStatement, "<br") {
				withHTML++
			}
			if strings.Contains(got, `class="math"`) {
				withMath++
				if strings.Contains(got, "$") && strings.Count(it.FullStatement, "$")%2 == 0 {
					t.Errorf("%s: a $ left over: %.200q", f, got)
				}
			}
		}
		t.Logf("%s: %d statements, %d with HTML, %d with math", f, len(pkg.CFItems), withHTML, withMath)
	}
}
