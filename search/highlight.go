package search

import (
	"html"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"

	"github.com/casenode/casenode/casefile"
)

const (
	fragmentMax    = 300 // bytes of text around the matches
	fragmentBefore = 60  // bytes kept before the first match of a long text
)

type span struct{ start, end int }

// highlights cuts <mark>-ed fragments from the hydrated item's text using
// the byte offsets Bleve recorded for the matched terms. Text is HTML-escaped.
func highlights(it *casefile.Item, locs search.FieldTermLocationMap) map[string][]string {
	if len(locs) == 0 {
		return nil
	}
	single := map[string]string{
		fieldFullStatement: it.FullStatement,
		fieldAbbreviated:   it.AbbreviatedStatement,
		fieldNotes:         it.Notes,
		fieldAltLabel:      it.AlternativeLabel,
	}
	out := map[string][]string{}
	for field, text := range single {
		if spans := spansOf(locs[field], -1); len(spans) > 0 {
			if f, ok := fragment(text, spans); ok {
				out[field] = []string{f}
			}
		}
	}
	for i, kw := range it.ConceptKeywords {
		if spans := spansOf(locs[fieldKeywords], i); len(spans) > 0 {
			if f, ok := fragment(kw, spans); ok {
				out[fieldKeywords] = append(out[fieldKeywords], f)
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// spansOf collects the match offsets of one field; arrayPos >= 0 keeps
// those of one element of an array field.
func spansOf(tl search.TermLocationMap, arrayPos int) []span {
	var spans []span
	for _, locs := range tl {
		for _, l := range locs {
			if arrayPos >= 0 && (len(l.ArrayPositions) == 0 || int(l.ArrayPositions[0]) != arrayPos) {
				continue
			}
			spans = append(spans, span{int(l.Start), int(l.End)})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	return spans
}

// fragment marks spans in text, keeping at most fragmentMax bytes around
// the first match. ok is false when the offsets do not fit the text (it
// changed since it was indexed).
func fragment(text string, spans []span) (string, bool) {
	from, to := 0, len(text)
	if len(text) > fragmentMax {
		from = runeStart(text, max(0, spans[0].start-fragmentBefore))
		to = runeStart(text, min(len(text), from+fragmentMax))
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := from
	for _, s := range spans {
		if s.start < pos || s.end > len(text) || s.start >= s.end {
			continue // overlapping or out of range
		}
		if s.end > to {
			break
		}
		if !utf8.RuneStart(text[s.start]) || (s.end < len(text) && !utf8.RuneStart(text[s.end])) {
			return "", false
		}
		b.WriteString(html.EscapeString(text[pos:s.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		b.WriteString("</mark>")
		pos = s.end
	}
	if pos == from {
		return "", false
	}
	b.WriteString(html.EscapeString(text[pos:to]))
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String(), true
}

// runeStart moves i back to the start of the rune it falls in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
