package crosswalk

import (
	"math"

	"github.com/casenode/casenode/casefile"
)

// Analyzer turns text into the terms the crosswalk compares, as the search
// index analyses statements (*search.Index satisfies it).
type Analyzer interface {
	Terms(text string) []string
}

// Field weights of an item's text (BM25F-style: a term's frequency in a
// field counts this much). Measured on the gold set (BENCHMARKS.md).
const (
	weightStatement   = 1.0
	weightAbbreviated = 1.0
	weightKeywords    = 0.8
	weightNotes       = 0.3
)

// BM25 parameters and the weight of a shared pair of adjacent terms.
const (
	bm25K1       = 1.2
	bm25B        = 0.75
	bigramWeight = 0.5
)

// termDoc is an item's text as weighted term frequencies, with the pairs of
// adjacent terms of its statement.
type termDoc struct {
	tf map[string]float64
	// length is the weighted length of the item's own wording (statements,
	// label, keywords): notes add terms but not length, so a long
	// commentary (the CCSS practices carry paragraphs) does not dilute
	// the statement's words (BENCHMARKS.md, branch xrecall).
	length  float64
	bigrams map[string]bool
	terms   []string // the statement's terms, in order
}

// newTermDoc analyses the text fields of it.
func newTermDoc(an Analyzer, it *casefile.Item) termDoc {
	d := termDoc{tf: map[string]float64{}, bigrams: map[string]bool{}}
	add := func(text string, w float64, counts bool) []string {
		if text == "" {
			return nil
		}
		ts := an.Terms(text)
		for _, t := range ts {
			if len(t) > 1 {
				d.tf[t] += w
				if counts {
					d.length += w
				}
			}
		}
		return ts
	}
	d.terms = add(it.FullStatement, weightStatement, true)
	add(it.AbbreviatedStatement, weightAbbreviated, true)
	add(it.AlternativeLabel, weightAbbreviated, true)
	for _, k := range it.ConceptKeywords {
		add(k, weightKeywords, true)
	}
	add(it.Notes, weightNotes, false)
	for i := 1; i < len(d.terms); i++ {
		d.bigrams[d.terms[i-1]+" "+d.terms[i]] = true
	}
	return d
}

// textModel is a BM25 index of one framework's items, in memory: the
// crosswalk scores every source item against every target item with it.
type textModel struct {
	docs    []termDoc
	post    map[string][]posting // documents holding a term
	bigrams map[string][]int32   // documents holding a pair of adjacent terms
	avgLen  float64
	// docFreq, when set, gives the collection's statistics instead of docs
	// (align: the candidates are drawn from the whole index).
	docFreq casefile.DocFreq
}

// posting is a document holding a term and the document's part of the
// term's BM25 score (its saturated frequency).
type posting struct {
	doc int32
	sat float64
}

func newTextModel(docs []termDoc) *textModel {
	m := &textModel{docs: docs, post: map[string][]posting{}, bigrams: map[string][]int32{}}
	var total float64
	for _, d := range docs {
		total += d.length
	}
	if len(docs) > 0 {
		m.avgLen = max(total/float64(len(docs)), 1)
	}
	for i, d := range docs {
		for t, tf := range d.tf {
			m.post[t] = append(m.post[t], posting{doc: int32(i), sat: m.saturate(tf, d.length)})
		}
		for bg := range d.bigrams {
			m.bigrams[bg] = append(m.bigrams[bg], int32(i))
		}
	}
	return m
}

func (m *textModel) idf(t string) float64 {
	n, df := float64(len(m.docs)), float64(len(m.post[t]))
	if m.docFreq != nil {
		h, all := m.docFreq(t)
		n, df = float64(max(all, len(m.docs))), float64(max(h, len(m.post[t])))
	}
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

func (m *textModel) saturate(tf, length float64) float64 {
	return tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*length/m.avgLen))
}

// query is what a source item asks of a target framework: weighted terms
// (its own and their expansions) and its statement's adjacent pairs.
type query struct {
	terms   map[string]qterm
	length  float64
	bigrams []string
}

// qterm is a query term: its weight (1 for the item's own terms, less for
// expansions) and its frequency in the item's text (0 for expansions).
type qterm struct{ weight, tf float64 }

// score adds the BM25 score of q to acc (one slot per document) and returns
// q's score against itself, the normaliser.
func (m *textModel) score(q *query, acc []float64) float64 {
	self := 0.0
	for t, qt := range q.terms {
		idf := m.idf(t)
		if qt.tf > 0 {
			self += idf * m.saturate(qt.tf, q.length)
		}
		w := idf * qt.weight
		for _, p := range m.post[t] {
			acc[p.doc] += w * p.sat
		}
	}
	for _, bg := range q.bigrams {
		a, b, _ := cutSpace(bg)
		bonus := bigramWeight * (m.idf(a) + m.idf(b)) / 2
		self += bonus
		for _, i := range m.bigrams[bg] {
			acc[i] += bonus
		}
	}
	return self
}

func cutSpace(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// newQuery is the query of a source item's own text.
func newQuery(d *termDoc) *query {
	q := &query{terms: make(map[string]qterm, len(d.tf)), length: d.length}
	for t, tf := range d.tf {
		q.terms[t] = qterm{weight: 1, tf: tf}
	}
	seen := make(map[string]bool, len(d.terms))
	for i := 1; i < len(d.terms); i++ {
		if bg := d.terms[i-1] + " " + d.terms[i]; !seen[bg] {
			seen[bg] = true
			q.bigrams = append(q.bigrams, bg)
		}
	}
	return q
}

// add asks for term t with weight w, unless the item already asks for it
// at least as much.
func (q *query) add(t string, w float64) {
	if len(t) < 2 {
		return
	}
	if old, ok := q.terms[t]; ok && old.weight >= w {
		return
	}
	q.terms[t] = qterm{weight: w, tf: q.terms[t].tf}
}
