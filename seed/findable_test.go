package seed

import (
	"math"
	"regexp"
	"strings"
	"testing"
)

var wordRE = regexp.MustCompile(`[a-z0-9/]+`)

var stopWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "to": true,
	"in": true, "on": true, "by": true, "with": true, "for": true, "from": true, "as": true, "that": true, "is": true,
	"are": true, "be": true, "their": true, "its": true, "it": true, "use": true, "using": true, "when": true}

func words(s string) []string {
	var out []string
	for _, w := range wordRE.FindAllString(strings.ToLower(s), -1) {
		if !stopWords[w] {
			out = append(out, strings.TrimSuffix(w, "s"))
		}
	}
	return out
}

// tfidf is a tiny bag-of-words cosine similarity over the progression's standards.
type tfidf struct {
	df map[string]int
	n  int
}

func (m tfidf) vec(s string) map[string]float64 {
	v := map[string]float64{}
	for _, w := range words(s) {
		v[w] += math.Log(float64(m.n+1)/float64(m.df[w]+1)) + 1
	}
	return v
}

func (m tfidf) cos(a, b string) float64 {
	va, vb := m.vec(a), m.vec(b)
	var dot, na, nb float64
	for w, x := range va {
		dot += x * vb[w]
		na += x * x
	}
	for _, y := range vb {
		nb += y * y
	}
	return dot / (math.Sqrt(na)*math.Sqrt(nb) + 1e-9)
}

// The suggestion pairs must be findable from the words alone: among the
// progression's standards of the same grade, the expected target is the most
// similar to the Northwind statement.
func TestExpectedSuggestionsShareVocabulary(t *testing.T) {
	pkgs, _ := loadSeed(t)
	type std struct{ code, text, level string }
	var targets []std
	m := tfidf{df: map[string]int{}}
	for _, it := range pkgs[0].CFItems {
		if it.CFItemType == "Standard" {
			targets = append(targets, std{it.HumanCodingScheme, it.FullStatement, strings.Join(it.EducationLevel, ",")})
			seen := map[string]bool{}
			for _, w := range words(it.FullStatement) {
				if !seen[w] {
					m.df[w]++
					seen[w] = true
				}
			}
		}
	}
	m.n = len(targets)
	source := map[string]std{}
	for _, it := range pkgs[1].CFItems {
		source[it.Identifier] = std{it.HumanCodingScheme, it.FullStatement, strings.Join(it.EducationLevel, ",")}
	}
	for _, p := range Expected().Suggestions {
		s := source[p.Source]
		best, bestScore := "", -1.0
		for _, c := range targets {
			if sc := m.cos(s.text, c.text); c.level == s.level && sc > bestScore {
				best, bestScore = c.code, sc
			}
		}
		if best != p.TargetCode {
			t.Errorf("%s: most similar same-grade standard is %s, ground truth says %s", p.SourceCode, best, p.TargetCode)
		}
	}
}
