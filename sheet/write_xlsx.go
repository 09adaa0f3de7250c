package sheet

import (
	"io"

	"github.com/casenode/casenode/casefile"
	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes a framework as OpenSALT's workbook: sheets CF Doc, CF Item
// and CF Association (every association, the tree's included, with its
// identifier). Cells are written as text, which spreadsheets never run as
// formulas, and neutralised as in the CSV (casefile.SafeCSVCell).
func WriteXLSX(w io.Writer, pkg *casefile.Package) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", nameDoc); err != nil {
		return err
	}
	for _, s := range []string{nameItem, nameAssoc, nameDefs} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	codes := make(map[string]string, len(pkg.CFItems))
	for i := range pkg.CFItems {
		codes[pkg.CFItems[i].Identifier] = pkg.CFItems[i].HumanCodingScheme
	}
	err := writeSheet(f, nameDoc, docColumns, 1, func(i int) []string { return docRow(&pkg.CFDocument, pkg.Version) })
	if err == nil {
		err = writeSheet(f, nameItem, itemColumns, len(pkg.CFItems), func(i int) []string { return itemRowCells(&pkg.CFItems[i]) })
	}
	if err == nil {
		err = writeSheet(f, nameAssoc, assocColumns, len(pkg.CFAssociations), func(i int) []string {
			return assocRowCells(&pkg.CFAssociations[i], codes)
		})
	}
	if err != nil {
		return err
	}
	defs, err := definitionRows(&pkg.CFDefinitions)
	if err != nil {
		return err
	}
	if err := writeSheet(f, nameDefs, []string{"class", "json"}, len(defs), func(i int) []string { return defs[i][:] }); err != nil {
		return err
	}
	return f.Write(w)
}

// writeSheet streams a header and n rows into sheet.
func writeSheet(f *excelize.File, sheet string, header []string, n int, rowAt func(int) []string) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	put := func(r int, cells []string) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = excelize.Cell{Value: casefile.SafeCSVCell(c)}
		}
		ref, _ := excelize.CoordinatesToCellName(1, r)
		return sw.SetRow(ref, vals)
	}
	if err := put(1, header); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		if err := put(i+2, rowAt(i)); err != nil {
			return err
		}
	}
	return sw.Flush()
}
