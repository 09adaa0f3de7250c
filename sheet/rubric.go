package sheet

// isRubricTable recognises COMPEITO's rubric CSV (Type, Identifier, RubricIdentifier, …).
func isRubricTable(t *table) bool {
	if len(t.header) < 3 {
		return false
	}
	return normHeader(t.header[0]) == "type" && normHeader(t.header[2]) == "rubricidentifier"
}
