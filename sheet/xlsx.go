package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// workbook is what a spreadsheet holds: the document, the items, the
// associations and the definitions (each table may be absent but items).
type workbook struct {
	doc, items, assocs, defs *table
}

// Sheet names of OpenSALT's workbook (compared after normHeader).
const (
	nameDoc   = "CF Doc"
	nameItem  = "CF Item"
	nameAssoc = "CF Association"
	nameDefs  = "CF Definitions"
)

// maxXLSXEntryBytes bounds one uncompressed part of a workbook (zip bombs).
const maxXLSXEntryBytes = 256 << 20

// readXLSX reads a workbook. A workbook without OpenSALT's sheet names is
// read as one flat item sheet (its first sheet). Formula cells are rejected.
func readXLSX(name string, data []byte) (*workbook, error) {
	if err := rejectFormulas(name, data); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxXLSXEntryBytes, UnzipXMLSizeLimit: maxXLSXEntryBytes})
	if err != nil {
		return nil, invalid("%s: not a readable XLSX workbook", name)
	}
	defer f.Close()
	wb := &workbook{}
	list := f.GetSheetList()
	for _, s := range list {
		var dst **table
		switch normHeader(s) {
		case normHeader(nameDoc):
			dst = &wb.doc
		case normHeader(nameItem), "cfitems":
			dst = &wb.items
		case normHeader(nameAssoc), "cfassociations":
			dst = &wb.assocs
		case normHeader(nameDefs):
			dst = &wb.defs
		default:
			continue
		}
		if *dst, err = sheetTable(f, name, s); err != nil {
			return nil, err
		}
	}
	if wb.items == nil && len(list) > 0 && wb.doc == nil {
		if wb.items, err = sheetTable(f, name, list[0]); err != nil {
			return nil, err
		}
	}
	if wb.items == nil || len(wb.items.rows) == 0 {
		return nil, invalid("%s: the workbook is empty (no item rows in sheet %s)", name, nameItem)
	}
	return wb, nil
}

// sheetTable reads one sheet into a table (header on its first non-blank row).
func sheetTable(f *excelize.File, book, sheet string) (*table, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, invalid("%s: sheet %s cannot be read", book, sheet)
	}
	defer rows.Close()
	t := &table{name: book + ", sheet " + sheet}
	for n := 1; rows.Next(); n++ {
		rec, err := rows.Columns()
		if err != nil {
			return nil, invalid("%s row %d: cannot be read", t.name, n)
		}
		if blank(rec) {
			continue
		}
		if t.header == nil {
			t.header = rec
			continue
		}
		if len(t.rows) == MaxRows {
			return nil, invalid("%s: more than %d rows", t.name, MaxRows)
		}
		t.rows = append(t.rows, row{n: n, cells: rec})
	}
	if t.header == nil {
		t.header = []string{}
	}
	return t, nil
}

// rejectFormulas refuses a workbook in which any cell holds a formula: a
// framework is data, and a formula's cached value may not be what it shows.
func rejectFormulas(name string, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return invalid("%s: not a readable XLSX workbook", name)
	}
	sheets := sheetPaths(zr)
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") || !strings.HasSuffix(zf.Name, ".xml") {
			continue
		}
		cell, err := firstFormula(zf)
		if err != nil {
			return invalid("%s: not a readable XLSX workbook", name)
		}
		if cell != "" {
			sheet := sheets[zf.Name]
			if sheet == "" {
				sheet = path.Base(zf.Name)
			}
			col, rowN := splitCellRef(cell)
			return invalid("%s, sheet %s row %s, column %s: the cell holds a formula; enter its value instead", name, sheet, rowN, col)
		}
	}
	return nil
}

func splitCellRef(ref string) (col, rowN string) {
	i := strings.IndexAny(ref, "0123456789")
	if i < 0 {
		return ref, "?"
	}
	return ref[:i], ref[i:]
}

// firstFormula scans a worksheet part for the first cell with an <f> element.
func firstFormula(zf *zip.File) (string, error) {
	rc, err := zf.Open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, maxXLSXEntryBytes))
	cur := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return "", nil
		}
		if err != nil {
			return "", err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "c":
			cur = ""
			for _, a := range se.Attr {
				if a.Name.Local == "r" {
					cur = a.Value
				}
			}
		case "f":
			if cur == "" {
				cur = "?"
			}
			return cur, nil
		}
	}
}

// sheetPaths maps worksheet part names to sheet names (workbook.xml and its rels).
func sheetPaths(zr *zip.Reader) map[string]string {
	var wbx struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	readXML(zr, "xl/workbook.xml", &wbx)
	readXML(zr, "xl/_rels/workbook.xml.rels", &rels)
	target := map[string]string{}
	for _, r := range rels.Rel {
		t := strings.TrimPrefix(r.Target, "/")
		if !strings.HasPrefix(t, "xl/") {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wbx.Sheets {
		out[target[s.RID]] = s.Name
	}
	return out
}

func readXML(zr *zip.Reader, name string, v any) {
	for _, zf := range zr.File {
		if zf.Name != name {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return
		}
		defer rc.Close()
		_ = xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(v)
		return
	}
}

// isZip reports whether data starts like a zip archive (an XLSX workbook).
func isZip(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }
