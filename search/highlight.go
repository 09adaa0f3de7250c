package search

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/searcher"

	"github.com/casenode/casenode/casefile"
)

const (
	fragmentMax    = 300 // bytes of text around the matches
	fragmentBefore = 60  // bytes kept before the first match of a long text
)

type span struct{ start, end int }

// matcher marks the words of hydrated text that a query matched: the text
// is analysed as it was for the index, and a token matches when its term is
// one of the query's (or, for a typo-tolerant search, close to one).
type matcher struct {
	an    analysis.Analyzer
	terms map[string]bool
	fuzzy bool
}

// newMatcher builds a matcher for already analysed query terms.
func (ix *Index) newMatcher(terms []string, fuzzy bool) *matcher {
	m := &matcher{an: ix.im.AnalyzerNamed(analyzerText), terms: map[string]bool{}, fuzzy: fuzzy}
	for _, t := range terms {
		m.terms[t] = true
	}
	return m
}

// analyze returns the terms of text as the English analyzer makes them.
func (ix *Index) analyze(text string) []string {
	var out []string
	for _, tok := range ix.im.AnalyzerNamed(analyzerText).Analyze([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}

func (m *matcher) match(term string) bool {
	if m.terms[term] {
		return true
	}
	if !m.fuzzy {
		return false
	}
	for q := range m.terms {
		if casefile.WithinEdits(term, q, searcher.GetAutoFuzziness(q)) {
			return true
		}
	}
	return false
}

// highlights returns the <mark>-ed fragments of the item's text fields, cut
// from the text as a reader sees it (never raw markup).
func (m *matcher) highlights(it *casefile.Item) map[string][]string {
	if m == nil || len(m.terms) == 0 {
		return nil
	}
	out := map[string][]string{}
	fields := []struct {
		name string
		text []string
	}{
		{fieldFullStatement, []string{it.FullStatement}},
		{fieldAbbreviated, []string{it.AbbreviatedStatement}},
		{fieldAltLabel, []string{it.AlternativeLabel}},
		{fieldNotes, []string{it.Notes}},
		{fieldKeywords, it.ConceptKeywords},
	}
	for _, f := range fields {
		for _, text := range f.text {
			if text = casefile.ReaderText(text); text == "" {
				continue
			}
			if frag, ok := fragment(text, m.spans(text)); ok {
				out[f.name] = append(out[f.name], frag)
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func (m *matcher) spans(text string) []span {
	var spans []span
	for _, tok := range m.an.Analyze([]byte(text)) {
		if m.match(string(tok.Term)) {
			spans = append(spans, span{tok.Start, tok.End})
		}
	}
	return spans
}

// fragment marks spans (sorted byte ranges) in text, keeping at most
// fragmentMax bytes around the first match; ok is false when nothing is
// marked or the offsets do not fit the text.
func fragment(text string, spans []span) (string, bool) {
	from, to := 0, len(text)
	if len(spans) == 0 {
		return "", false
	}
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
