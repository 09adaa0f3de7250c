package crosswalk

import (
	"bufio"
	_ "embed"
	"strings"
	"sync"
)

// vocabText is the domain vocabulary (vocab.txt): groups of phrases that
// different publishers use for the same idea.
//
//go:embed vocab.txt
var vocabText string

// vocabWeight is the weight of a term a source item asks for because the
// vocabulary says it means what one of its own phrases means.
const vocabWeight = 0.6

// vocabulary is vocab.txt analysed: each group a list of phrases, each
// phrase a list of terms.
type vocabulary struct{ groups [][][]string }

// vocabOnce analyses the vocabulary once per analyzer.
type vocabOnce struct {
	once sync.Once
	v    *vocabulary
}

func (o *vocabOnce) get(an Analyzer) *vocabulary {
	o.once.Do(func() { o.v = parseVocabulary(an, vocabText) })
	return o.v
}

func parseVocabulary(an Analyzer, text string) *vocabulary {
	v := &vocabulary{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var group [][]string
		for _, p := range strings.Split(line, "|") {
			if ts := an.Terms(p); len(ts) > 0 {
				group = append(group, ts)
			}
		}
		if len(group) > 1 {
			v.groups = append(v.groups, group)
		}
	}
	return v
}

// expand adds to q the terms of the phrases that share a group with a
// phrase found in terms.
func (v *vocabulary) expand(terms []string, q *query) {
	for _, g := range v.groups {
		found := -1
		for i, p := range g {
			if containsPhrase(terms, p) {
				found = i
				break
			}
		}
		if found < 0 {
			continue
		}
		for i, p := range g {
			if i == found {
				continue
			}
			for _, t := range p {
				q.add(t, vocabWeight)
			}
		}
	}
}

// containsPhrase reports whether phrase occurs in terms as a run.
func containsPhrase(terms, phrase []string) bool {
	for i := 0; i+len(phrase) <= len(terms); i++ {
		j := 0
		for j < len(phrase) && terms[i+j] == phrase[j] {
			j++
		}
		if j == len(phrase) {
			return true
		}
	}
	return false
}
