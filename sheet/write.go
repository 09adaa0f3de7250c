package sheet

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// Columns written by the exports. Those OpenSALT's own sheets lack (uri,
// links' identifiers and uris, extensions) come after its columns, so the
// framework comes back field for field.
var (
	docColumns = []string{"identifier", "creator", "title", "lastChangeDateTime", "officialSourceURL", "publisher",
		"description", "subject", "language", "version", "adoptionStatus", "statusStartDate", "statusEndDate",
		"licenseTitle", "notes", "uri", "licenseIdentifier", "licenseURI", "frameworkType", "caseVersion", "subjectURI", "extensions"}
	itemColumns = []string{"identifier", "fullStatement", "humanCodingScheme", "listEnumeration", "abbreviatedStatement",
		"conceptKeywords", "notes", "language", "educationLevel", "CFItemType", "license", "lastChangeDateTime",
		"alternativeLabel", "statusStartDate", "statusEndDate", "uri", "CFItemTypeIdentifier", "CFItemTypeURI",
		"licenseIdentifier", "licenseURI", "subjectURI", "extensions"}
	assocColumns = []string{"identifier", "uri", "originNodeIdentifier", "originNodeURI", "originNodeTitle",
		"originNodeHumanCodingScheme", "associationType", "destinationNodeIdentifier", "destinationNodeURI",
		"destinationNodeTitle", "destinationNodeHumanCodingScheme", "sequenceNumber", "associationGroupIdentifier",
		"associationGroupName", "associationGroupURI", "lastChangeDateTime", "notes", "extensions"}
	// flatAssocTypes are the association columns of the flat CSV, in order.
	flatAssocTypes = []string{"isPartOf", "isPeerOf", "exactMatchOf", "isRelatedTo", "precedes", "replacedBy", "exemplar", "hasSkillLevel", "isTranslationOf"}
)

func writtenID(id, original string) string {
	if original != "" {
		return original
	}
	return id
}

func docRow(d *casefile.Document, v casefile.Version) []string {
	lt, li, lu := linkCells(d.LicenseURI)
	cv := ""
	if v == casefile.V1p1 {
		cv = "1.1"
	}
	return []string{writtenID(d.Identifier, d.OriginalIdentifier), d.Creator, d.Title, d.LastChangeDateTime, d.OfficialSourceURL,
		d.Publisher, d.Description, strings.Join(d.Subject, ","), d.Language, d.Version, d.AdoptionStatus, d.StatusStartDate,
		d.StatusEndDate, lt, d.Notes, d.URI, li, lu, d.FrameworkType, cv, linksJSON(d.SubjectURI), extensionsCell(&d.Common)}
}

func itemRowCells(it *casefile.Item) []string {
	tt, ti, tu := linkCells(it.CFItemTypeURI)
	if tt == "" {
		tt = it.CFItemType
	}
	lt, li, lu := linkCells(it.LicenseURI)
	return []string{writtenID(it.Identifier, it.OriginalIdentifier), it.FullStatement, it.HumanCodingScheme, it.ListEnumeration,
		it.AbbreviatedStatement, strings.Join(it.ConceptKeywords, ","), it.Notes, it.Language, strings.Join(it.EducationLevel, ","),
		tt, lt, it.LastChangeDateTime, it.AlternativeLabel, it.StatusStartDate, it.StatusEndDate, it.URI, ti, tu, li, lu,
		linksJSON(it.SubjectURI), extensionsCell(&it.Common)}
}

func assocRowCells(a *casefile.Association, codes map[string]string) []string {
	var gi, gn, gu string
	if g := a.CFAssociationGroupingURI; g != nil {
		gi, gn, gu = g.Identifier, g.Title, g.URI
	}
	seq := ""
	if a.SequenceNumber != nil {
		seq = strconv.Itoa(*a.SequenceNumber)
	}
	o, d := a.OriginNodeURI, a.DestinationNodeURI
	return []string{writtenID(a.Identifier, a.OriginalIdentifier), a.URI, o.Identifier, o.URI, o.Title, codes[o.Identifier],
		a.AssociationType, d.Identifier, d.URI, d.Title, codes[d.Identifier], seq, gi, gn, gu, a.LastChangeDateTime,
		a.Notes, extensionsCell(&a.Common)}
}

func linkCells(l *casefile.LinkURI) (title, id, uri string) {
	if l == nil {
		return "", "", ""
	}
	return l.Title, l.Identifier, l.URI
}

// extensionsCell is the object's extension and unknown members as one JSON
// object ("" when it has none).
func extensionsCell(c *casefile.Common) string {
	if len(c.Extensions) == 0 && len(c.Unknown) == 0 {
		return ""
	}
	all := casefile.Fields{}
	for k, v := range c.Unknown {
		all[k] = v
	}
	for k, v := range c.Extensions {
		all[k] = v
	}
	b, err := json.Marshal(all)
	if err != nil {
		return ""
	}
	return string(b)
}

// WriteCSV writes a framework as one CSV: the document as "#key,value" lines
// (as COMPEITO's CSV does), then OpenSALT's item columns with the parent
// (isChildOf, by identifier), its sequenceNumber and one column per
// association type. Every cell is neutralised (casefile.SafeCSVCell).
func WriteCSV(w io.Writer, pkg *casefile.Package) error {
	cw := casefile.NewCSVWriter(w)
	put := func(rec []string) { _ = cw.Write(rec) }
	doc := docRow(&pkg.CFDocument, pkg.Version)
	for i, k := range docColumns {
		if doc[i] != "" {
			put([]string{"#" + k, doc[i]})
		}
	}
	defs, err := definitionRows(&pkg.CFDefinitions)
	if err != nil {
		return err
	}
	for _, d := range defs {
		put([]string{"#definition", d[0], d[1]})
	}
	assocs, err := associationLines(pkg.CFAssociations)
	if err != nil {
		return err
	}
	for _, a := range assocs {
		put([]string{"#association", a})
	}
	put(append(append([]string{}, itemColumns[:3]...), append(append([]string{"isChildOf", "sequenceNumber"}, itemColumns[3:]...), flatAssocTypes...)...))
	ids := writtenIDs(pkg)
	parent, seq, links := flatLinks(pkg, ids)
	for i := range pkg.CFItems {
		it := &pkg.CFItems[i]
		cells := itemRowCells(it)
		rec := append(append([]string{}, cells[:3]...), parent[it.Identifier], seq[it.Identifier])
		rec = append(rec, cells[3:]...)
		for _, typ := range flatAssocTypes {
			rec = append(rec, strings.Join(links[it.Identifier][typ], ","))
		}
		put(rec)
	}
	cw.Flush()
	return cw.Error()
}

// writtenIDs maps the stored identifier of every item and of the document to
// the one a sheet writes (the original when the node mapped it).
func writtenIDs(pkg *casefile.Package) map[string]string {
	ids := make(map[string]string, len(pkg.CFItems)+1)
	ids[pkg.CFDocument.Identifier] = writtenID(pkg.CFDocument.Identifier, pkg.CFDocument.OriginalIdentifier)
	for i := range pkg.CFItems {
		it := &pkg.CFItems[i]
		ids[it.Identifier] = writtenID(it.Identifier, it.OriginalIdentifier)
	}
	return ids
}

// flatLinks gives each item its parent and sequence number and the targets
// of its other associations, as cell values.
func flatLinks(pkg *casefile.Package, ids map[string]string) (parent, seq map[string]string, links map[string]map[string][]string) {
	parent, seq, links = map[string]string{}, map[string]string{}, map[string]map[string][]string{}
	doc := pkg.CFDocument.Identifier
	for i := range pkg.CFAssociations {
		a := &pkg.CFAssociations[i]
		o, d := a.OriginNodeURI.Identifier, a.DestinationNodeURI
		if a.AssociationType == casefile.IsChildOf {
			if _, seen := parent[o]; seen {
				continue
			}
			if d.Identifier != doc {
				parent[o] = ids[d.Identifier]
			} else {
				parent[o] = ""
			}
			if a.SequenceNumber != nil {
				seq[o] = strconv.Itoa(*a.SequenceNumber)
			}
			continue
		}
		if links[o] == nil {
			links[o] = map[string][]string{}
		}
		links[o][a.AssociationType] = append(links[o][a.AssociationType], targetCell(d, ids))
	}
	return parent, seq, links
}

// targetCell names an association's destination in a cell: an item of the
// framework by identifier, anything else by its URL, code or identifier.
func targetCell(d casefile.LinkGenURI, ids map[string]string) string {
	if id, ok := ids[d.Identifier]; ok {
		return id
	}
	switch {
	case isURL(d.URI):
		return d.URI
	case strings.HasPrefix(d.URI, "urn:code:"):
		return strings.TrimPrefix(d.URI, "urn:code:")
	}
	return d.Identifier
}

func linksJSON(ls []casefile.LinkURI) string {
	if len(ls) == 0 {
		return ""
	}
	b, err := json.Marshal(ls)
	if err != nil {
		return ""
	}
	return string(b)
}

// Writer writes frameworks as spreadsheets (the server's export formats).
type Writer struct{}

func (Writer) WriteCSV(w io.Writer, pkg *casefile.Package) error  { return WriteCSV(w, pkg) }
func (Writer) WriteXLSX(w io.Writer, pkg *casefile.Package) error { return WriteXLSX(w, pkg) }
