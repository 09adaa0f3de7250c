package sheet

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// itemRow is one item read from a row, with what its row says about links.
type itemRow struct {
	r         row
	item      casefile.Item
	rawID     string // identifier as written ("" when the row has none)
	parentRef string // parent column value
	parent    *itemRow
	parentDoc bool // the parent column names the document
	explicit  bool // placed by an isChildOf row of the association sheet
	smart     string
	seq       *int
	key       string // identity path for rows with neither identifier nor code
}

// readItems reads every row of an item table. Identifiers of rows that have
// none are assigned later (identify), once parents are known.
func readItems(t *table, p *problems) []*itemRow {
	if !t.has(colStatement) {
		p.add(t.name+" row 1", "missing required column fullStatement")
		return nil
	}
	out := make([]*itemRow, 0, len(t.rows))
	for _, r := range t.rows {
		out = append(out, readItem(t, r, p))
	}
	return out
}

func readItem(t *table, r row, p *problems) *itemRow {
	it := casefile.Item{
		FullStatement:        t.text(r, colStatement),
		HumanCodingScheme:    t.text(r, colCode),
		AbbreviatedStatement: t.text(r, colAbbreviated),
		AlternativeLabel:     t.text(r, colAltLabel),
		ConceptKeywords:      splitList(t.cell(r, colKeywords)),
		Notes:                t.text(r, colNotes),
		Language:             t.cell(r, colLanguage),
		EducationLevel:       splitList(t.cell(r, colEducation)),
		CFItemType:           t.cell(r, colItemType),
		ListEnumeration:      t.cell(r, colListEnum),
		StatusStartDate:      t.cell(r, colStatusStart),
		StatusEndDate:        t.cell(r, colStatusEnd),
		LastChangeDateTime:   t.cell(r, colLastChange),
		URI:                  t.cell(r, colURI),
	}
	it.SubjectURI = linksCell(t, r, "subjecturi", p)
	it.CFItemTypeURI = link(it.CFItemType, t.cell(r, colItemTypeID), t.cell(r, colItemTypeURI))
	it.LicenseURI = link(t.cell(r, colLicense), t.cell(r, colLicenseID), t.cell(r, colLicenseURI))
	if it.FullStatement == "" && it.AbbreviatedStatement == "" && it.HumanCodingScheme == "" {
		p.add(t.at(r, colStatement), "empty (and no abbreviatedStatement or humanCodingScheme to use instead)")
	}
	if ext := t.cell(r, colExtensions); ext != "" {
		if err := json.Unmarshal([]byte(ext), &it.Extensions); err != nil {
			p.add(t.at(r, colExtensions), "not a JSON object")
		}
	}
	ir := &itemRow{r: r, item: it, rawID: t.cell(r, colIdentifier), parentRef: t.cell(r, colParent), smart: t.cell(r, colSmartLevel)}
	if s := t.cell(r, colSequence); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			p.add(t.at(r, colSequence), "%q is not a whole number", s)
		}
		ir.seq = &n
	}
	return ir
}

// link is a LinkURI from a title and an optional identifier and uri; nil when
// all are empty. Without an identifier it is named after its title.
func link(title, id, uri string) *casefile.LinkURI {
	if id == "" && uri == "" {
		return nil
	}
	if id == "" {
		id = casefile.NameUUID(uri)
	}
	return &casefile.LinkURI{Title: title, Identifier: id, URI: uri}
}

// splitList splits a multi-valued cell on commas, semicolons, pipes and line
// breaks, dropping empty values.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == '\n' || r == '\r' })
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// linksCell reads a column holding a JSON array of links (subjectURI).
func linksCell(t *table, r row, col string, p *problems) []casefile.LinkURI {
	v := t.cell(r, col)
	if v == "" {
		return nil
	}
	var out []casefile.LinkURI
	if err := json.Unmarshal([]byte(v), &out); err != nil {
		p.add(t.at(r, col), "not a JSON array of links")
	}
	return out
}
