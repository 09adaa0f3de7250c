package sheet

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Format is a spreadsheet format, detected from the content.
type Format int

const (
	FormatJSON Format = iota
	FormatCSV
	FormatXLSX
)

// Detect tells what the first bytes of an input are: a zip archive is an
// XLSX workbook, JSON starts with { or [ (after a byte-order mark and white
// space), anything else is read as CSV.
func Detect(head []byte) Format {
	if isZip(head) {
		return FormatXLSX
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return FormatJSON
	}
	return FormatCSV
}

// Options configures Read.
type Options struct {
	// Name is the file name, used in messages and, when the sheet does not
	// name its framework, for the framework's identifier and title.
	Name string
	// BaseURL mints {BaseURL}/uri/{id} for objects without a uri.
	BaseURL string
	// Now stamps objects that are new or changed (default time.Now).
	Now time.Time
	// Held returns the framework as the node holds it (nil when it does not):
	// objects a re-imported sheet leaves unchanged keep their times.
	Held func(id string) *casefile.Package
	// FrameworkOf names the framework holding an item ("" when none does):
	// a rubric CSV is added to the framework of the items it assesses.
	FrameworkOf func(itemID string) string
}

// Read turns a CSV file or an XLSX workbook into a CASE package. Every problem
// found is reported with its file, row and column; a sheet with any problem
// is rejected whole. The package still goes through the node's import path
// (normalisation, validation, store).
func Read(data []byte, opt Options) (*casefile.Package, error) {
	pkg, _, err := ReadLocated(data, opt)
	return pkg, err
}

// ReadLocated is Read, also returning the Locator that names the rows and
// columns behind the package's objects.
func ReadLocated(data []byte, opt Options) (*casefile.Package, *Locator, error) {
	if opt.Name == "" {
		opt.Name = "upload"
	}
	opt.Name = path.Base(opt.Name)
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	var wb *workbook
	switch Detect(data) {
	case FormatXLSX:
		var err error
		if wb, err = readXLSX(opt.Name, data); err != nil {
			return nil, nil, err
		}
	case FormatJSON:
		return nil, nil, invalid("%s: JSON is not a spreadsheet", opt.Name)
	default:
		t, err := readCSV(opt.Name, data)
		if err != nil {
			return nil, nil, err
		}
		if isRubricTable(t) {
			pkg, err := readRubricCSV(t, opt)
			return pkg, nil, err
		}
		if len(t.rows) == 0 {
			return nil, nil, invalid("%s: the sheet is empty (no rows below the header)", opt.Name)
		}
		wb = &workbook{items: t}
	}
	return build(wb, opt)
}

// build assembles the package of a workbook.
func build(wb *workbook, opt Options) (*casefile.Package, *Locator, error) {
	df, err := docFieldsOf(wb)
	if err != nil {
		return nil, nil, err
	}
	doc, err := df.document(opt.Name, opt.BaseURL)
	if err != nil {
		return nil, nil, err
	}
	docID := storedID(doc.Identifier)
	var p problems
	t := wb.items
	for _, i := range t.index() {
		p.add(t.name+" row 1", "column %q repeats an earlier column", t.header[i])
	}
	rows := readItems(t, &p)
	ix := newRowIndex(t, rows, &p)
	var sheetLinks []sheetAssoc
	if wb.assocs != nil {
		sheetLinks = readSheetAssociations(wb.assocs, &p)
		explicitParents(wb.assocs, sheetLinks, rows, ix, docID, &p)
	}
	resolveParents(t, rows, ix, docID, &p)
	identify(t, rows, docID, &p)
	if err := p.err(); err != nil {
		return nil, nil, err
	}
	b := &assocBuilder{docID: docID, base: opt.BaseURL, seen: map[string]bool{}}
	loc := &Locator{doc: df.where, items: make([]origin, 0, len(rows))}
	pkg := &casefile.Package{CFDocument: doc, CFItems: make([]casefile.Item, 0, len(rows))}
	for _, ir := range rows {
		if ir.item.URI == "" {
			ir.item.URI = mintURI(opt.BaseURL, storedID(ir.item.Identifier))
		}
		if ir.seq == nil && !t.has(colSequence) {
			ir.seq = smartSequence(ir.smart)
		}
		pkg.CFItems = append(pkg.CFItems, ir.item)
		loc.items = append(loc.items, origin{t, ir.r.n, ""})
		if !ir.explicit {
			b.childOf(t, ir, doc.Title)
		}
	}
	cellAssociations(t, rows, ix, b)
	for _, sa := range sheetLinks {
		b.add(sa.resolved(ix, docID), origin{sa.t, sa.r.n, ""})
	}
	pkg.CFAssociations, loc.assocs = b.list, b.from
	lines, err := readAssociationLines(t, opt.Now.UTC().Format(time.RFC3339))
	if err != nil {
		return nil, nil, err
	}
	if lines != nil {
		rowIDs := make(map[string]bool, len(pkg.CFItems))
		for i := range pkg.CFItems {
			rowIDs[canonicalID(pkg.CFItems[i].Identifier)] = true
		}
		pkg.CFAssociations, loc.assocs = carry(pkg.CFAssociations, loc.assocs, lines, rowIDs, t)
	}
	if pkg.CFDefinitions, err = readDefinitions(wb, opt.Now); err != nil {
		return nil, nil, err
	}
	pkg.Version = casefile.V1p0
	if strings.TrimSpace(df.get("caseversion")) == "1.1" {
		pkg.Version = casefile.V1p1
	}
	stampTimes(pkg, opt)
	return pkg, loc, nil
}

// readDefinitions reads the workbook's CF Definitions sheet or a CSV's
// "#definition,CLASS,JSON" lines.
func readDefinitions(wb *workbook, now time.Time) (casefile.Definitions, error) {
	var p problems
	ds := definitionSet{}
	if t := wb.defs; t != nil {
		t.index()
		for _, r := range t.rows {
			ds.add(t.at(r, "json"), t.cell(r, "class"), t.text(r, "json"), &p)
		}
	}
	t := wb.items
	for i, rec := range t.meta {
		if canonical(strings.TrimPrefix(rec[0], "#")) == "definition" {
			if len(rec) < 3 {
				p.add(fmt.Sprintf("%s row %d", t.name, i+1), "a definition line needs a class and its JSON")
				continue
			}
			ds.add(fmt.Sprintf("%s row %d", t.name, i+1), rec[1], casefile.PlainCSVCell(rec[2]), &p)
		}
	}
	if err := p.err(); err != nil {
		return casefile.Definitions{}, err
	}
	return ds.definitions(t.name, now.UTC().Format(time.RFC3339))
}

// readRubricCSV adds the rubrics of a rubric CSV to the held framework whose
// items they assess.
func readRubricCSV(t *table, opt Options) (*casefile.Package, error) {
	var p problems
	rubrics := readRubrics(t, opt, &p)
	if err := p.err(); err != nil {
		return nil, err
	}
	ids := rubricItems(rubrics)
	if len(ids) == 0 || opt.FrameworkOf == nil || opt.Held == nil {
		return nil, invalid("%s: a rubric CSV is added to the framework of the items its criteria assess; none is named", t.name)
	}
	fw := opt.FrameworkOf(ids[0])
	var held *casefile.Package
	if fw != "" {
		held = opt.Held(fw)
	}
	if held == nil {
		return nil, invalid("%s: no framework held here has the item %s; import the framework first", t.name, ids[0])
	}
	return withRubrics(t.name, held, rubrics, opt)
}

// Reader is the import path's spreadsheet reader (importer.Sheets).
type Reader struct {
	BaseURL string
	Clock   func() time.Time // nil: time.Now
}

// IsSheet reports whether an input that starts with head is a spreadsheet.
func (rd Reader) IsSheet(head []byte) bool { return Detect(head) != FormatJSON }

// Read builds the package of a whole spreadsheet.
func (rd Reader) Read(data []byte, name string, held func(id string) *casefile.Package, frameworkOf func(itemID string) string) (*casefile.Package, func(error) error, error) {
	opt := Options{Name: name, BaseURL: rd.BaseURL, Held: held, FrameworkOf: frameworkOf}
	if rd.Clock != nil {
		opt.Now = rd.Clock()
	}
	pkg, loc, err := ReadLocated(data, opt)
	return pkg, loc.Locate, err
}
