package sheet

import (
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// rowIndex finds rows by what a sheet uses to refer to them: code,
// identifier (as written and normalised) and smart level.
type rowIndex struct {
	byCode  map[string][]*itemRow
	byID    map[string]*itemRow
	bySmart map[string]*itemRow
}

func newRowIndex(t *table, rows []*itemRow, p *problems) *rowIndex {
	ix := &rowIndex{byCode: map[string][]*itemRow{}, byID: map[string]*itemRow{}, bySmart: map[string]*itemRow{}}
	for _, ir := range rows {
		if c := strings.TrimSpace(ir.item.HumanCodingScheme); c != "" {
			ix.byCode[c] = append(ix.byCode[c], ir)
		}
		if ir.rawID != "" {
			for _, k := range idKeys(ir.rawID) {
				if prev, ok := ix.byID[k]; ok && prev != ir {
					p.add(t.at(ir.r, colIdentifier), "duplicate identifier %s (also on row %d)", ir.rawID, prev.r.n)
					break
				}
				ix.byID[k] = ir
			}
		}
		if ir.smart != "" {
			if prev, ok := ix.bySmart[ir.smart]; ok {
				p.add(t.at(ir.r, colSmartLevel), "duplicate smart level %s (also on row %d)", ir.smart, prev.r.n)
				continue
			}
			ix.bySmart[ir.smart] = ir
		}
	}
	// A code is what identifies a row that has no identifier: it must be unique.
	for code, list := range ix.byCode {
		if len(list) < 2 {
			continue
		}
		for _, ir := range list[1:] {
			if ir.rawID == "" || list[0].rawID == "" {
				p.add(t.at(ir.r, colCode), "duplicate code %s (also on row %d)", code, list[0].r.n)
			}
		}
	}
	return ix
}

// idKeys are the forms an identifier is looked up by: as written, and as the
// node stores it (lower-case UUID, or the name-based UUID of anything else).
func idKeys(raw string) []string {
	id, _ := casefile.CanonicalID(raw)
	return []string{raw, id}
}

// ref finds the row a reference names: a code first, then an identifier.
// ambiguous is set when the code is on several rows.
func (ix *rowIndex) ref(s string) (ir *itemRow, ambiguous bool) {
	if list := ix.byCode[s]; len(list) > 0 {
		return list[0], len(list) > 1
	}
	for _, k := range idKeys(s) {
		if ir := ix.byID[k]; ir != nil {
			return ir, false
		}
	}
	return nil, false
}

// resolveParents sets each row's parent from, in order of precedence: the
// parent column, the smart level, or (when the sheet has neither column) the
// longest code that is a prefix of the row's code at a separator.
func resolveParents(t *table, rows []*itemRow, ix *rowIndex, docID string, p *problems) {
	hasParent, hasSmart := used(t, colParent), used(t, colSmartLevel)
	for _, ir := range rows {
		switch {
		case ir.explicit:
		case hasParent && ir.parentRef != "":
			parentByRef(t, ir, ix, docID, p)
		case hasParent:
		case hasSmart && ir.smart != "":
			parentBySmart(t, ir, ix, p)
		case !hasSmart:
			ir.parent = parentByCode(ir, ix)
		}
	}
	checkCycles(t, rows, p)
}

// used reports whether any row has a value in column col: an empty column
// says nothing about the tree.
func used(t *table, col string) bool {
	for _, r := range t.rows {
		if t.cell(r, col) != "" {
			return true
		}
	}
	return false
}

func parentByRef(t *table, ir *itemRow, ix *rowIndex, docID string, p *problems) {
	ref := ir.parentRef
	if sameID(ref, docID) {
		ir.parentDoc = true
		return
	}
	par, ambiguous := ix.ref(ref)
	switch {
	case par == nil:
		p.add(t.at(ir.r, colParent), "no row has the code %s", ref)
	case ambiguous:
		p.add(t.at(ir.r, colParent), "the code %s is on more than one row", ref)
	default:
		ir.parent = par
	}
}

func sameID(ref, id string) bool {
	for _, k := range idKeys(ref) {
		if k == id {
			return true
		}
	}
	return false
}

func parentBySmart(t *table, ir *itemRow, ix *rowIndex, p *problems) {
	i := strings.LastIndexByte(ir.smart, '.')
	if i < 0 {
		return
	}
	up := ir.smart[:i]
	if par := ix.bySmart[up]; par != nil {
		ir.parent = par
		return
	}
	p.add(t.at(ir.r, colSmartLevel), "no row has the smart level %s", up)
}

// parentByCode is the row whose code is the longest proper prefix of ir's
// code ending before a separator (".", "-", "_", "/", ":" or a space).
func parentByCode(ir *itemRow, ix *rowIndex) *itemRow {
	code := strings.TrimSpace(ir.item.HumanCodingScheme)
	for i := len(code) - 1; i > 0; i-- {
		if !strings.ContainsRune(".-_/: ", rune(code[i])) {
			continue
		}
		if list := ix.byCode[code[:i]]; len(list) == 1 && list[0] != ir {
			return list[0]
		}
	}
	return nil
}

// checkCycles reports every row whose chain of parents comes back to it.
func checkCycles(t *table, rows []*itemRow, p *problems) {
	state := make(map[*itemRow]int8, len(rows)) // 1 visiting, 2 done
	for _, start := range rows {
		var path []*itemRow
		for ir := start; ir != nil && state[ir] != 2; ir = ir.parent {
			if state[ir] == 1 {
				p.add(t.at(ir.r, colParent), "the rows' parents form a cycle: %s", cycleText(path, ir))
				ir.parent = nil // break it so later passes terminate
				break
			}
			state[ir] = 1
			path = append(path, ir)
		}
		for _, ir := range path {
			state[ir] = 2
		}
	}
}

func cycleText(path []*itemRow, at *itemRow) string {
	var parts []string
	on := false
	for _, ir := range path {
		if ir == at {
			on = true
		}
		if on {
			parts = append(parts, "row "+strconv.Itoa(ir.r.n))
		}
	}
	return strings.Join(append(parts, "row "+strconv.Itoa(at.r.n)), " > ")
}

// identify gives every row its identifier: the one written (the node's
// identifier rule applies later), else the name-based UUID of the document
// and the row's code, else of its statement path (parent path > statement).
func identify(t *table, rows []*itemRow, docID string, p *problems) {
	paths := map[string]*itemRow{}
	for _, ir := range rows {
		switch {
		case ir.rawID != "":
			ir.item.Identifier = ir.rawID
		case ir.item.HumanCodingScheme != "":
			ir.item.Identifier = casefile.NameUUID(docID + " code " + ir.item.HumanCodingScheme)
		default:
			k := statementPath(ir)
			if prev, ok := paths[k]; ok {
				p.add(t.at(ir.r, colStatement), "same statement under the same parent as row %d: give one of them an identifier or a code", prev.r.n)
			}
			paths[k] = ir
			ir.item.Identifier = casefile.NameUUID(docID + " path " + k)
		}
	}
}

// statementPath is the row's statements from the root down, for rows with
// neither identifier nor code (memoised in key).
func statementPath(ir *itemRow) string {
	if ir.key != "" {
		return ir.key
	}
	k := ir.item.FullStatement
	if ir.parent != nil {
		up := ir.parent.item.HumanCodingScheme
		if up == "" {
			up = ir.parent.rawID
		}
		if up == "" {
			up = statementPath(ir.parent)
		}
		k = up + " > " + k
	}
	ir.key = k
	return k
}
