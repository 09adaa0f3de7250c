package crosswalk

import (
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// wordAnalyzer splits on spaces and lowers case (the tests' analyzer).
type wordAnalyzer struct{}

func (wordAnalyzer) Terms(text string) []string { return strings.Fields(strings.ToLower(text)) }

// A long commentary in an item's notes (the CCSS practices carry whole
// paragraphs) does not make its statement's words count for less: the
// practice scores the same for a query of its statement with and without
// the notes.
func TestNotesDoNotDiluteTheStatement(t *testing.T) {
	notes := strings.Repeat("proficient students explain the meaning of tasks ", 10)
	score := func(withNotes bool) float64 {
		practice := casefile.Item{FullStatement: "Model with mathematics"}
		if withNotes {
			practice.Notes = notes
		}
		other := casefile.Item{FullStatement: "Fluently multiply and divide within 100."}
		m := newTextModel([]termDoc{newTermDoc(wordAnalyzer{}, &practice), newTermDoc(wordAnalyzer{}, &other)})
		src := casefile.Item{FullStatement: "apply mathematics in everyday life with model"}
		d := newTermDoc(wordAnalyzer{}, &src)
		acc := make([]float64, 2)
		m.score(newQuery(&d), acc)
		return acc[0]
	}
	without, with := score(false), score(true)
	if without <= 0 || with != without {
		t.Fatalf("the practice scores %.4f with its notes and %.4f without: notes must add words, not length", with, without)
	}
}
