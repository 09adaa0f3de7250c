package sheet

import (
	"encoding/json"
	"strconv"

	"github.com/casenode/casenode/casefile"
)

// sheetAssoc is one row of a CF Association sheet.
type sheetAssoc struct {
	t                   *table
	r                   row
	a                   casefile.Association
	originCode, dstCode string
}

// assocTypes maps written association types (normalised) to CASE's.
var assocTypes = func() map[string]string {
	m := map[string]string{"ischildof": casefile.IsChildOf, "childof": casefile.IsChildOf}
	for k, v := range associationColumns {
		m[k] = v
	}
	return m
}()

func readSheetAssociations(t *table, p *problems) []sheetAssoc {
	t.index()
	out := make([]sheetAssoc, 0, len(t.rows))
	for _, r := range t.rows {
		typ := t.cell(r, "associationtype")
		ct, ok := assocTypes[normHeader(typ)]
		switch {
		case typ == "":
			p.add(t.at(r, "associationtype"), "empty")
			continue
		case !ok:
			ct = typ // the import path spells it or makes it "ext:…"
		}
		a := casefile.Association{
			Identifier:         t.cell(r, colIdentifier),
			URI:                t.cell(r, colURI),
			AssociationType:    ct,
			LastChangeDateTime: t.cell(r, colLastChange),
			Notes:              t.cell(r, colNotes),
			OriginNodeURI:      casefile.LinkGenURI{Identifier: t.cell(r, "originnodeidentifier"), URI: t.cell(r, "originnodeuri"), Title: t.text(r, "originnodetitle")},
			DestinationNodeURI: casefile.LinkGenURI{Identifier: t.cell(r, "destinationnodeidentifier"), URI: t.cell(r, "destinationnodeuri"), Title: t.text(r, "destinationnodetitle")},
		}
		if g := t.cell(r, "associationgroupidentifier"); g != "" {
			a.CFAssociationGroupingURI = &casefile.LinkURI{Identifier: g, Title: t.text(r, "associationgroupname"), URI: t.cell(r, "associationgroupuri")}
		}
		if s := t.cell(r, colSequence); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				p.add(t.at(r, colSequence), "%q is not a whole number", s)
			}
			a.SequenceNumber = &n
		}
		if ext := t.cell(r, colExtensions); ext != "" {
			if err := json.Unmarshal([]byte(ext), &a.Extensions); err != nil {
				p.add(t.at(r, colExtensions), "not a JSON object")
			}
		}
		out = append(out, sheetAssoc{t: t, r: r, a: a, originCode: t.cell(r, "originnodehumancodingscheme"), dstCode: t.cell(r, "destinationnodehumancodingscheme")})
	}
	return out
}

// end finds the row an association end names (identifier, then code).
func end(ix *rowIndex, id, code string) *itemRow {
	if id != "" {
		for _, k := range idKeys(id) {
			if ir := ix.byID[k]; ir != nil {
				return ir
			}
		}
	}
	if code != "" {
		if list := ix.byCode[code]; len(list) == 1 {
			return list[0]
		}
	}
	return nil
}

// explicitParents applies the sheet's isChildOf rows: they place items in
// the tree ahead of smart levels. Their destination must be an item of the
// sheet or the document.
func explicitParents(t *table, links []sheetAssoc, rows []*itemRow, ix *rowIndex, docID string, p *problems) {
	for _, sa := range links {
		if sa.a.AssociationType != casefile.IsChildOf {
			continue
		}
		child := end(ix, sa.a.OriginNodeURI.Identifier, sa.originCode)
		if child == nil {
			p.add(t.at(sa.r, "originnodeidentifier"), "no item row has the identifier %s", firstNonEmptyString(sa.a.OriginNodeURI.Identifier, sa.originCode))
			continue
		}
		child.explicit = true
		if sa.a.SequenceNumber != nil {
			child.seq = sa.a.SequenceNumber
		}
		dst := sa.a.DestinationNodeURI.Identifier
		if dst != "" && sameID(dst, docID) {
			child.parent, child.parentDoc = nil, true
			continue
		}
		par := end(ix, dst, sa.dstCode)
		if par == nil {
			p.add(t.at(sa.r, "destinationnodeidentifier"), "no item row has the identifier %s", firstNonEmptyString(dst, sa.dstCode))
			continue
		}
		child.parent = par
	}
}

// resolved is the association with its ends pointing at the sheet's items
// where they name one (by identifier or code).
func (sa sheetAssoc) resolved(ix *rowIndex, docID string) casefile.Association {
	a := sa.a
	fix := func(n *casefile.LinkGenURI, code string) {
		if ir := end(ix, n.Identifier, code); ir != nil {
			n.Identifier = ir.item.Identifier
			if n.URI != ir.item.URI {
				// Edited to point at another item: its uri and title
				// come from that item, not from the stale cells.
				n.URI, n.Title = "", ""
			}
			return
		}
		if n.Identifier == "" && n.URI != "" {
			n.Identifier = urlIdentifier(n.URI)
		}
		if n.Identifier == "" && code != "" {
			n.Identifier, n.URI, n.Title = casefile.NameUUID(code), "urn:code:"+code, code
		}
		if id, ch := casefile.CanonicalID(n.Identifier); n.URI == "" && id != "" && ch != casefile.IDMapped {
			n.URI = "urn:uuid:" + id // outside the sheet: resolved later
		}
	}
	fix(&a.OriginNodeURI, sa.originCode)
	fix(&a.DestinationNodeURI, sa.dstCode)
	return a
}
