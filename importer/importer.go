// Package importer is the node's one import path: bytes → casefile.DecodeMany
// → store import (one transaction per package) → search catch-up. The store
// and the index are reached through small interfaces, so it imports only
// casefile.
package importer

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Store is what the import path writes to (*store.DB).
type Store interface {
	ImportWith(ctx context.Context, pkg *casefile.Package, prov casefile.Provenance, opts casefile.ImportOptions) (casefile.ImportResult, error)
	Delete(ctx context.Context, framework string) error
}

// Indexer catches the search index up with the store after a write (*search.Index).
type Indexer interface {
	CatchUp(ctx context.Context) error
}

// Sheets reads spreadsheets (CSV, XLSX) into CASE packages (cmd/casenode
// wires the sheet package in).
type Sheets interface {
	// IsSheet tells from the first bytes of an input whether it is a
	// spreadsheet rather than CASE JSON.
	IsSheet(head []byte) bool
	// Read builds the package of a whole spreadsheet. name is its file name;
	// held returns a framework as the node holds it (nil when it does not);
	// frameworkOf names the framework holding an item ("" when none).
	// The returned function rewrites the JSON paths of problems found later
	// in the package into the sheet's rows and columns.
	Read(data []byte, name string, held func(id string) *casefile.Package, frameworkOf func(itemID string) string) (*casefile.Package, func(error) error, error)
}

// Importer imports CASE packages. A rejected package changes nothing.
type Importer struct {
	store   Store
	index   Indexer // nil when no index is open (offline CLI); the node catches up on start
	sheets  Sheets  // nil: JSON only
	baseURL string
	limits  casefile.Limits // bound every decode (SetLimits)
	log     *slog.Logger
}

// New returns an Importer writing to st and, when ix is not nil, catching ix
// up after every write. baseURL mints uris for objects that arrive without one.
func New(st Store, ix Indexer, baseURL string, log *slog.Logger) *Importer {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Importer{store: st, index: ix, baseURL: baseURL, limits: casefile.DefaultLimits(), log: log}
}

// SetLimits sets the limits every input is decoded under (zero fields take
// their defaults): the one place serve's --max-import-mb and field limits
// reach the decoder.
func (im *Importer) SetLimits(l casefile.Limits) { im.limits = l.WithDefaults() }

// SetIndex sets the index to catch up after writes (it may be opened after
// the importer, e.g. once the demo frameworks are in).
func (im *Importer) SetIndex(ix Indexer) { im.index = ix }

// SetSheets makes the importer accept spreadsheets as well as CASE JSON.
func (im *Importer) SetSheets(s Sheets) { im.sheets = s }

// Import decodes every package in r and imports each. Decoding problems reject
// the whole input before anything is written. The format (CASE JSON, CSV,
// XLSX) is told from the content.
func (im *Importer) Import(ctx context.Context, r io.Reader, prov casefile.Provenance) ([]casefile.ImportResult, error) {
	return im.ImportWith(ctx, r, prov, casefile.ImportOptions{})
}

// ImportWith is Import with the asker's options (an explicit takeover). A
// package refused by the takeover rule ends the import with a Conflict error;
// its result (listing the takeovers) is the last of the results returned.
func (im *Importer) ImportWith(ctx context.Context, r io.Reader, prov casefile.Provenance, opts casefile.ImportOptions) ([]casefile.ImportResult, error) {
	locate := func(err error) error { return err }
	if im.sheets != nil {
		br := bufio.NewReaderSize(r, 4096)
		head, _ := br.Peek(512)
		r = br
		if im.sheets.IsSheet(head) {
			sr, loc, err := im.readSheet(ctx, br, prov)
			if err != nil {
				return nil, err
			}
			defer sr.Close()
			r, locate = sr, loc
		}
	}
	pkgs, warnings, err := casefile.DecodeMany(r, casefile.DecodeOptions{BaseURL: im.baseURL, MaxBytes: im.limits.MaxImportBytes, Limits: im.limits})
	if err != nil {
		return nil, locate(err)
	}
	if prov.FetchedAt.IsZero() {
		prov.FetchedAt = time.Now().UTC()
	}
	results := make([]casefile.ImportResult, 0, len(pkgs))
	for i, pkg := range pkgs {
		res, err := im.store.ImportWith(ctx, pkg, prov, opts)
		if err != nil {
			if len(res.Takeovers) > 0 {
				results = append(results, res)
			}
			im.catchUp(ctx)
			return results, fmt.Errorf("importing %q: %w", pkg.CFDocument.Title, err)
		}
		if i == 0 {
			res.Warnings = append(warnings, res.Warnings...)
		}
		results = append(results, res)
	}
	im.catchUp(ctx)
	return results, nil
}

// Delete removes a framework and its index entries.
func (im *Importer) Delete(ctx context.Context, framework string) error {
	if err := im.store.Delete(ctx, framework); err != nil {
		return err
	}
	im.catchUp(ctx)
	return nil
}

// catchUp brings the index up to date; a failure is logged, not returned: the
// data is committed and the index catches up on the next write or start.
func (im *Importer) catchUp(ctx context.Context) {
	if im.index == nil {
		return
	}
	if err := im.index.CatchUp(ctx); err != nil {
		im.log.Error("search index catch-up failed", "err", err)
	}
}
