package importer

import (
	"context"
	"io"
	"path/filepath"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// heldReader is the store's read of a whole framework and of the framework
// of items (*store.DB has them).
type heldReader interface {
	Package(ctx context.Context, id string) (*casefile.Package, error)
	ItemFramework(ctx context.Context, ids []string) (map[string]string, error)
}

// MaxSheetBytes bounds a spreadsheet: unlike CASE JSON it is read whole into
// memory (about 40 bytes of memory per byte of CSV while it is imported), so
// it is capped below the import limit.
const MaxSheetBytes = 64 << 20

// readSheet reads a whole spreadsheet (bounded by the import limit and
// MaxSheetBytes), builds its package and returns it as CASE JSON for the one
// decode path, so a sheet is normalised, validated and stored exactly like
// any other package.
func (im *Importer) readSheet(ctx context.Context, r io.Reader, prov casefile.Provenance) (io.ReadCloser, func(error) error, error) {
	limit := im.limits.MaxImportBytes
	if limit <= 0 || limit > MaxSheetBytes {
		limit = MaxSheetBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, nil, casefile.Errorf(casefile.Invalid, "reading the spreadsheet: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, nil, casefile.Errorf(casefile.Invalid, "the spreadsheet is larger than the limit of %d bytes", limit)
	}
	held := func(id string) *casefile.Package {
		hr, ok := im.store.(heldReader)
		if !ok {
			return nil
		}
		pkg, err := hr.Package(ctx, id)
		if err != nil {
			return nil
		}
		return pkg
	}
	frameworkOf := func(item string) string {
		hr, ok := im.store.(heldReader)
		if !ok {
			return ""
		}
		fw, err := hr.ItemFramework(ctx, []string{item})
		if err != nil {
			return ""
		}
		return fw[item]
	}
	pkg, locate, err := im.sheets.Read(data, sheetName(prov.Location), held, frameworkOf)
	if err != nil {
		return nil, nil, err
	}
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(casefile.EncodePackage(pw, pkg, pkg.Version))
	}()
	return pr, locate, nil
}

// sheetName is the file name of an import's location ("upload" when none):
// it names the framework of a sheet that does not name its own.
func sheetName(loc string) string {
	loc, _, _ = strings.Cut(loc, " (upload by ")
	if loc == "" || strings.HasPrefix(loc, "upload by ") {
		return "upload"
	}
	return filepath.Base(loc)
}
