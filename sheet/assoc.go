package sheet

import (
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// assocBuilder makes the associations of one framework, with identifiers
// that depend only on what they link (so re-importing a sheet updates them).
type assocBuilder struct {
	docID string
	base  string
	list  []casefile.Association
	from  []origin // where each association came from
	seen  map[string]bool
}

func (b *assocBuilder) add(a casefile.Association, o origin) {
	if a.Identifier == "" {
		a.Identifier = casefile.NameUUID(b.docID + " " + a.OriginNodeURI.Identifier + " " + a.AssociationType + " " + nodeKey(a.DestinationNodeURI))
	}
	if b.seen[a.Identifier] {
		return
	}
	b.seen[a.Identifier] = true
	if a.URI == "" {
		a.URI = mintURI(b.base, a.Identifier)
	}
	b.list = append(b.list, a)
	b.from = append(b.from, o)
}

func nodeKey(n casefile.LinkGenURI) string {
	if n.Identifier != "" {
		return n.Identifier
	}
	return n.URI
}

// childOf links a row to its parent item or to the document. Its identifier
// names the child only, so moving a row changes the link, not its identity.
func (b *assocBuilder) childOf(t *table, ir *itemRow, docTitle string) {
	a := casefile.Association{
		Identifier:      casefile.NameUUID(b.docID + " isChildOf " + ir.item.Identifier),
		AssociationType: casefile.IsChildOf,
		SequenceNumber:  ir.seq,
		OriginNodeURI:   casefile.LinkGenURI{Identifier: ir.item.Identifier},
	}
	if ir.parent != nil {
		a.DestinationNodeURI = casefile.LinkGenURI{Identifier: ir.parent.item.Identifier}
	} else {
		a.DestinationNodeURI = casefile.LinkGenURI{Identifier: b.docID, Title: docTitle}
	}
	b.add(a, origin{t, ir.r.n, colParent})
}

// smartSequence is the last number of a smart level ("1.2.3" → 3).
func smartSequence(s string) *int {
	if s == "" {
		return nil
	}
	n, err := strconv.Atoi(s[strings.LastIndexByte(s, '.')+1:])
	if err != nil {
		return nil
	}
	return &n
}

// cellAssociations reads the association columns of a flat sheet (isRelatedTo,
// exactMatchOf, …): each value names an item of the sheet by code or
// identifier, or something elsewhere by URL, identifier or code.
func cellAssociations(t *table, rows []*itemRow, ix *rowIndex, b *assocBuilder) {
	type col struct {
		i    int
		typ  string
		name string
	}
	var cols []col
	for i, h := range t.header {
		if typ, ok := associationColumns[normHeader(h)]; ok {
			cols = append(cols, col{i, typ, h})
		}
	}
	for _, ir := range rows {
		for _, c := range cols {
			if c.i >= len(ir.r.cells) {
				continue
			}
			for _, v := range splitTargets(ir.r.cells[c.i]) {
				b.add(casefile.Association{
					AssociationType:    c.typ,
					OriginNodeURI:      casefile.LinkGenURI{Identifier: ir.item.Identifier},
					DestinationNodeURI: target(v, ix),
				}, origin{t, ir.r.n, normHeader(c.name)})
			}
		}
	}
}

// splitTargets splits a multi-valued association cell (commas, semicolons,
// line breaks or spaces between values).
func splitTargets(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == '\n' || r == '\r' || r == ' ' || r == '\t' || r == '|'
	})
}

// target is the association end a cell value names.
func target(v string, ix *rowIndex) casefile.LinkGenURI {
	if ir, _ := ix.ref(v); ir != nil {
		return casefile.LinkGenURI{Identifier: ir.item.Identifier}
	}
	if isURL(v) {
		return casefile.LinkGenURI{Identifier: urlIdentifier(v), URI: v, Title: v}
	}
	if id, ch := casefile.CanonicalID(v); ch != casefile.IDMapped {
		return casefile.LinkGenURI{Identifier: id}
	}
	// A code of another framework: named by its code until it is resolved.
	return casefile.LinkGenURI{Identifier: casefile.NameUUID(v), URI: "urn:code:" + v, Title: v}
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// urlIdentifier is the identifier of an object named by a URL: the UUID that
// ends it, else the name-based UUID of the whole URL.
func urlIdentifier(u string) string {
	last := strings.TrimRight(u[strings.LastIndexByte(strings.TrimRight(u, "/"), '/')+1:], "/")
	if id, ch := casefile.CanonicalID(last); ch != casefile.IDMapped && id != "" {
		return id
	}
	return casefile.NameUUID(u)
}

// mintURI is the node's canonical address for an object that arrived
// without one (the one rule: casefile.CanonicalURI).
func mintURI(base, id string) string { return casefile.CanonicalURI(base, id) }
