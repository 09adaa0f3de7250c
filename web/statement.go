package web

import (
	"bytes"
	"crypto/rand"
	"html"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// Statements are shown as their authors wrote them. CASE allows Markdown in
// statements; real frameworks also carry HTML (CCSS: <em>For example…</em>)
// and LaTeX math (TEKS: $a/b$). A statement is rendered in three steps:
//  1. math spans are taken out (so Markdown never sees their _ and *);
//  2. Markdown (with raw HTML) is rendered, and the result is sanitised to a
//     small allowlist of text elements: a hostile statement cannot escape it;
//  3. math comes back as text in <span class="math"> that KaTeX typesets in
//     the browser (web/static/katex; without JavaScript the LaTeX shows as text).
// Highlighting works on the text between tags only, so it never breaks markup.

// maxRenderBytes bounds the statement text rendered as markup; beyond it
// (far above any real statement) the text is shown plain.
const maxRenderBytes = 64 << 10

var (
	markdown = goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe(), gmhtml.WithHardWraps()),
	)
	statementPolicy = newStatementPolicy()
	// mathSpan finds candidate math: $$…$$, $…$, \(…\) and \[…\];
	// isMath decides whether a $…$ candidate is math or money.
	mathSpan = regexp.MustCompile(`\$\$[^$]+?\$\$|\$[^$\n]+?\$|\\\((?s:.+?)\\\)|\\\[(?s:.+?)\\\]`)
	mathSign = regexp.MustCompile(`[=+^_\\<>{}]`)
)

func newStatementPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "em", "strong", "i", "b", "u", "s", "del", "sub", "sup", "small",
		"ul", "ol", "li", "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td")
	p.AllowAttrs("start").Matching(regexp.MustCompile(`^[0-9]{1,6}$`)).OnElements("ol")
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}

// mathToken is the placeholder of the i-th math span: letters and digits
// only, so Markdown and the sanitiser leave it alone, with a random nonce per
// statement, so a statement cannot forge one.
func mathToken(nonce string, i int) string { return "cnmath" + nonce + "x" + strconv.Itoa(i) + "q" }

// newNonce returns 12 random lower-case letters.
func newNonce() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	for i := range b {
		b[i] = 'a' + b[i]%26
	}
	return string(b[:])
}

// renderStatement returns s as safe HTML, with every whole-word,
// case-insensitive occurrence of terms in its text marked.
func renderStatement(s string, terms []string) template.HTML {
	if s == "" {
		return ""
	}
	if len(s) > maxRenderBytes {
		return template.HTML("<p>" + highlightText(template.HTMLEscapeString(s), terms) + "</p>")
	}
	nonce := newNonce()
	s, maths := extractMath(s, nonce)
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(s), &buf); err != nil {
		buf.Reset()
		buf.WriteString(template.HTMLEscapeString(s))
	}
	out := statementPolicy.Sanitize(buf.String())
	out = highlightHTML(out, terms)
	out = restoreMath(out, nonce, maths)
	return template.HTML(strings.TrimSpace(out))
}

// extractMath replaces each math span of s with its placeholder.
func extractMath(s, nonce string) (string, []string) {
	var maths []string
	var b strings.Builder
	last := 0
	for _, m := range mathSpan.FindAllStringIndex(s, -1) {
		span := s[m[0]:m[1]]
		if span[0] == '$' && !strings.HasPrefix(span, "$$") && !isMath(span[1:len(span)-1], s[m[1]:]) {
			continue
		}
		b.WriteString(s[last:m[0]])
		if strings.HasPrefix(span, "$ ") && m[0] > 0 && isWordByte(s[m[0]-1]) {
			b.WriteByte(' ') // "or$ y = x$": the space the author put inside belongs before
		}
		b.WriteString(mathToken(nonce, len(maths)))
		maths = append(maths, span)
		last = m[1]
	}
	if maths == nil {
		return s, nil
	}
	b.WriteString(s[last:])
	return b.String(), maths
}

// isMath tells $…$ math from money ("$5 and $10"): pandoc's rule (no space
// just inside the dollars, no digit right after the closing one), relaxed
// for content with a math sign, as publishers write "or$ y = x + a$".
func isMath(inner, after string) bool {
	if after != "" && after[0] >= '0' && after[0] <= '9' {
		return false
	}
	spaced := strings.TrimSpace(inner) != inner
	if !spaced {
		return true
	}
	return mathSign.MatchString(inner) && strings.TrimSpace(inner) != ""
}

// restoreMath puts the math spans back: as typeset-ready spans between tags,
// and as plain escaped TeX inside a tag (math written in a link's address),
// where markup must never go.
func restoreMath(h, nonce string, maths []string) string {
	if len(maths) == 0 {
		return h
	}
	put := func(seg string, inTag bool) string {
		for i := len(maths) - 1; i >= 0; i-- { // from the last: token 1 is a prefix of token 10
			tok := mathToken(nonce, i)
			if !strings.Contains(seg, tok) {
				continue
			}
			with := mathHTML(maths[i])
			if inTag {
				with = template.HTMLEscapeString(maths[i])
			}
			seg = strings.ReplaceAll(seg, tok, with)
		}
		return seg
	}
	return mapHTML(h, func(text string) string { return put(text, false) }, func(tag string) string { return put(tag, true) })
}

// mapHTML rewrites the text between tags of h with text and each tag with
// tag; an unclosed "<…" at the end counts as a tag.
func mapHTML(h string, text, tag func(string) string) string {
	var b strings.Builder
	for len(h) > 0 {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			b.WriteString(text(h))
			break
		}
		b.WriteString(text(h[:lt]))
		gt := strings.IndexByte(h[lt:], '>')
		if gt < 0 {
			b.WriteString(tag(h[lt:]))
			break
		}
		b.WriteString(tag(h[lt : lt+gt+1]))
		h = h[lt+gt+1:]
	}
	return b.String()
}

// renderInline is renderStatement for places inside a line (tree labels,
// compare rows): a statement that is a single paragraph loses its <p>.
func renderInline(s string, terms []string) template.HTML {
	h := string(renderStatement(s, terms))
	if strings.HasPrefix(h, "<p>") && strings.HasSuffix(h, "</p>") && strings.Count(h, "<p>") == 1 {
		h = h[len("<p>") : len(h)-len("</p>")]
	}
	return template.HTML(h)
}

// mathHTML is a math span as escaped TeX for KaTeX to typeset.
func mathHTML(m string) string {
	display, tex := "false", m
	switch {
	case strings.HasPrefix(m, "$$"):
		display, tex = "true", m[2:len(m)-2]
	case strings.HasPrefix(m, "$"):
		tex = strings.TrimSpace(m[1 : len(m)-1])
	case strings.HasPrefix(m, `\[`):
		display, tex = "true", m[2:len(m)-2]
	default: // \( … \)
		tex = m[2 : len(m)-2]
	}
	return `<span class="math" data-display="` + display + `">` + template.HTMLEscapeString(tex) + `</span>`
}

// plainStatement is the text a reader sees, for titles and attributes
// (the same rule search analyses with).
func plainStatement(s string) string { return casefile.ReaderText(s) }

// highlightHTML marks terms in the text between tags of sanitised HTML.
func highlightHTML(h string, terms []string) string {
	if len(terms) == 0 {
		return h
	}
	return mapHTML(h, func(text string) string { return highlightText(text, terms) }, func(tag string) string { return tag })
}

// highlightText marks whole-word, case-insensitive occurrences of terms in
// escaped text. Math placeholders are never marked.
func highlightText(text string, terms []string) string {
	if len(terms) == 0 || text == "" {
		return text
	}
	lower := strings.ToLower(text)
	var b strings.Builder
	last := 0
	for i := 0; i < len(lower); {
		if i > 0 && isWordByte(lower[i-1]) {
			i++
			continue
		}
		n := 0
		for _, t := range terms {
			if len(t) > n && strings.HasPrefix(lower[i:], t) && (i+len(t) == len(lower) || !isWordByte(lower[i+len(t)]) || isStem(t)) {
				n = len(t)
			}
		}
		if n == 0 || strings.HasPrefix(lower[i:], "cnmath") {
			i++
			continue
		}
		// Extend a stem ("fraction" of "fractions") to the end of the word.
		end := i + n
		for end < len(lower) && isWordByte(lower[end]) {
			end++
		}
		b.WriteString(text[last:i])
		b.WriteString(markOpen + text[i:end] + markClose)
		last, i = end, end
	}
	b.WriteString(text[last:])
	return b.String()
}

// isStem reports whether a term may match the start of a longer word
// (search analyses with stemming, so "fraction" finds "fractions").
func isStem(t string) bool { return len(t) >= 4 }

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// highlightTerms collects the words the index marked in a field's fragments.
func highlightTerms(frags []string) []string {
	seen := map[string]bool{}
	var terms []string
	for _, f := range frags {
		for {
			i := strings.Index(f, markOpen)
			if i < 0 {
				break
			}
			f = f[i+len(markOpen):]
			j := strings.Index(f, markClose)
			if j < 0 {
				break
			}
			t := strings.ToLower(strings.TrimSpace(html.UnescapeString(f[:j])))
			f = f[j+len(markClose):]
			if t != "" && len(t) <= 100 && !seen[t] {
				seen[t] = true
				terms = append(terms, template.HTMLEscapeString(t))
			}
		}
	}
	return terms
}
