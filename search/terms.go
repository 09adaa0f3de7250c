package search

import "github.com/casenode/casenode/casefile"

// Terms analyses text as the index analyses item statements: markup removed
// (casefile.ReaderText), then the English analyzer (lower case, stop words
// dropped, stems), in text order. The crosswalk compares items with these.
func (ix *Index) Terms(text string) []string {
	return ix.analyze(casefile.ReaderText(text))
}
