package sheet

import "github.com/casenode/casenode/casefile"

// Cells are written through casefile.SafeCSVCell, the node's one rule against
// formulas in files opened by spreadsheets (a value starting with = + - @ tab
// or CR gets a leading apostrophe). Unneutralise is its inverse on import, so
// exported frameworks come back unchanged.
func Unneutralise(s string) string {
	if len(s) > 1 && s[0] == '\'' && casefile.SafeCSVCell(s[1:]) == s {
		return s[1:]
	}
	return s
}
