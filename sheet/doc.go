package sheet

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// docFields are the document's values by canonical column name, from the
// workbook's CF Doc sheet or a CSV's "#key,value" preamble.
type docFields struct {
	vals  map[string][]string
	where string // for messages
}

func (d docFields) get(k string) string {
	if v := d.vals[k]; len(v) > 0 {
		return strings.TrimSpace(v[0])
	}
	return ""
}

func (d docFields) list(k string) []string {
	var out []string
	for _, v := range d.vals[k] {
		out = append(out, splitList(v)...)
	}
	return out
}

// docFieldsOf collects the document values of a workbook or flat CSV.
func docFieldsOf(wb *workbook) (docFields, error) {
	d := docFields{vals: map[string][]string{}}
	if t := wb.doc; t != nil {
		t.index()
		d.where = t.name
		if len(t.rows) > 1 {
			return d, invalid("%s row %d: a workbook describes one framework; sheet %s has more than one row", t.name, t.rows[1].n, nameDoc)
		}
		if len(t.rows) == 1 {
			d.where = fmt.Sprintf("%s row %d", t.name, t.rows[0].n)
			for c, i := range t.cols {
				if i < len(t.rows[0].cells) && t.rows[0].cells[i] != "" {
					d.vals[c] = []string{t.rows[0].cells[i]}
				}
			}
		}
		return d, nil
	}
	d.where = wb.items.name
	for _, rec := range wb.items.meta {
		k := canonical(strings.TrimPrefix(rec[0], "#"))
		if k == "definition" || k == "association" { // objects, not document fields
			continue
		}
		for _, v := range rec[1:] {
			if v = strings.TrimSpace(v); v != "" {
				d.vals[k] = append(d.vals[k], v)
			}
		}
	}
	return d, nil
}

// document builds the CFDocument. A sheet that does not name its framework
// gets one named after the file, so re-importing the same file updates it.
func (d docFields) document(fileName, base string) (casefile.Document, error) {
	title := strings.TrimSuffix(path.Base(fileName), path.Ext(fileName))
	doc := casefile.Document{
		Identifier:         d.get("identifier"),
		URI:                d.get("uri"),
		Title:              d.get("title"),
		Creator:            d.get("creator"),
		Publisher:          d.get("publisher"),
		Description:        d.get("description"),
		OfficialSourceURL:  d.get("officialsourceurl"),
		Subject:            d.list("subject"),
		Language:           d.get("language"),
		Version:            d.get("version"),
		AdoptionStatus:     d.get("adoptionstatus"),
		StatusStartDate:    d.get("statusstartdate"),
		StatusEndDate:      d.get("statusenddate"),
		Notes:              d.get("notes"),
		FrameworkType:      d.get("frameworktype"),
		LastChangeDateTime: firstNonEmptyString(d.get("lastchangedatetime"), d.get("lastchangedate")),
	}
	doc.LicenseURI = link(firstNonEmptyString(d.get("licensetitle"), d.get("license")), d.get("licenseidentifier"), d.get("licenseuri"))
	if doc.Identifier == "" {
		doc.Identifier = casefile.NameUUID("sheet " + path.Base(fileName))
	}
	if doc.Title == "" {
		doc.Title = title
	}
	if doc.Creator == "" && doc.Publisher == "" {
		doc.Creator = "spreadsheet " + path.Base(fileName)
	}
	if doc.URI == "" {
		doc.URI = mintURI(base, storedID(doc.Identifier))
	}
	if v := d.get("subjecturi"); v != "" {
		if err := json.Unmarshal([]byte(v), &doc.SubjectURI); err != nil {
			return doc, invalid("%s, column subjectURI: not a JSON array of links", d.where)
		}
	}
	if ext := d.get("extensions"); ext != "" {
		if err := json.Unmarshal([]byte(ext), &doc.Extensions); err != nil {
			return doc, invalid("%s, column extensions: not a JSON object", d.where)
		}
	}
	return doc, nil
}

// storedID is the identifier the node stores for one written in a sheet.
func storedID(raw string) string {
	k := idKeys(raw)
	return k[len(k)-1]
}

func firstNonEmptyString(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
