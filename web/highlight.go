package web

import (
	"html"
	"html/template"
	"strings"
)

const (
	markOpen  = "<mark>"
	markClose = "</mark>"
	// maxFragment bounds one highlight fragment (runes are not split: bytes of
	// escaped text only).
	maxFragment = 4000
)

// safeHighlight turns a search highlight fragment into HTML whose only
// markup is balanced <mark> elements. The index sends text HTML-escaped with
// <mark> around hits; every piece between marks is unescaped and escaped
// again, so text that arrived unescaped (or with any other tag) is shown as
// text, never run as markup.
func safeHighlight(fragment string) template.HTML {
	if len(fragment) > maxFragment {
		fragment = strings.ToValidUTF8(fragment[:maxFragment], "")
	}
	var b strings.Builder
	open := false
	for len(fragment) > 0 {
		tag := markOpen
		if open {
			tag = markClose
		}
		i := strings.Index(fragment, tag)
		if i < 0 {
			b.WriteString(template.HTMLEscapeString(html.UnescapeString(stripMarks(fragment))))
			break
		}
		b.WriteString(template.HTMLEscapeString(html.UnescapeString(stripMarks(fragment[:i]))))
		b.WriteString(tag)
		open = !open
		fragment = fragment[i+len(tag):]
	}
	if open {
		b.WriteString(markClose)
	}
	return template.HTML(b.String())
}

// stripMarks drops stray mark tags (a close before an open, an open inside
// an open) from a piece of text.
func stripMarks(s string) string {
	if !strings.Contains(s, "mark>") {
		return s
	}
	return strings.NewReplacer(markOpen, "", markClose, "").Replace(s)
}

// joinHighlights joins a field's fragments with an ellipsis.
func joinHighlights(frags []string) template.HTML {
	parts := make([]string, 0, len(frags))
	for _, f := range frags {
		parts = append(parts, string(safeHighlight(f)))
	}
	return template.HTML(strings.Join(parts, " … "))
}
