package sheet

// Cells a spreadsheet program would run as a formula when the file is opened
// start with one of these. (Branch httpguard is adding a shared CSV
// neutralising function; until it lands, this is the sheet package's own.)
const formulaStarts = "=+-@\t\r"

// Neutralise returns a cell value that no spreadsheet runs as a formula: a
// value starting with = + - @ tab or CR gets a leading apostrophe, which
// spreadsheets show as text. Unneutralise undoes it on import.
func Neutralise(s string) string {
	if s != "" && containsByte(formulaStarts, s[0]) {
		return "'" + s
	}
	return s
}

// Unneutralise removes the apostrophe Neutralise added.
func Unneutralise(s string) string {
	if len(s) > 1 && s[0] == '\'' && containsByte(formulaStarts, s[1]) {
		return s[1:]
	}
	return s
}

func containsByte(set string, c byte) bool {
	for i := 0; i < len(set); i++ {
		if set[i] == c {
			return true
		}
	}
	return false
}
