package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/search"
	"github.com/casenode/casenode/sheet"
	"github.com/casenode/casenode/store"
)

func dbPath(data string) string    { return filepath.Join(data, "casenode.db") }
func indexPath(data string) string { return filepath.Join(data, "index") }

// openStore opens the data directory's database for an offline command.
func openStore(ctx context.Context, data string) (*store.DB, error) {
	dir, err := dataDir(data)
	if err != nil {
		return nil, err
	}
	return store.Open(ctx, dbPath(dir))
}

func runImport(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "import", "FILE|URL...", "Import CASE packages (CASE 1.0 or 1.1 JSON; a file may hold one package or an array of them).\nExit status is 1 when any input is rejected; the others are still imported.")
	data := f.dataFlag()
	base := f.SettingString("base-url", "", "base URL used to mint uris for objects that arrive without one (default: the running node's, or http://127.0.0.1:8080)")
	quiet := f.Bool("quiet", false, "no progress bar")
	takeover := f.Bool("takeover", false, "let the input take over objects (items, associations, definitions, rubrics) that other frameworks hold (README \"Identity and takeover\")")
	allowPriv := f.allowPrivateFlag()
	limitFlags := addLimitFlags(f) // offline; a running node applies its own
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() == 0 {
		return f.usageError("nothing to import: give one or more files or URLs")
	}
	limits, err := limitFlags.limits()
	if err != nil {
		return f.usageError("%s", err)
	}
	indexPace, restore := importPace(env, f.Args())
	defer restore()
	imp, closeFn, err := openImporter(ctx, env, *data, *base, limits)
	if err != nil {
		return err
	}
	defer closeFn()
	fetch := outboundClient(*allowPriv, limits.MaxImportBytes)
	var maxFile int64 // a running node judges what it is sent by its own limit
	if imp.db != nil {
		maxFile = limits.MaxImportBytes
	}
	rejected, items := 0, 0
	for _, src := range f.Args() {
		results, err := importOne(ctx, env, imp.add, fetch, src, importOptions{quiet: *quiet, maxFile: maxFile, opts: casefile.ImportOptions{Takeover: *takeover}})
		if err != nil {
			rejected++
			fmt.Fprintln(env.stderr, rejection(src, userMessage(err)))
			continue
		}
		printResults(env.stdout, src, results)
		for _, r := range results {
			if !r.Unchanged {
				items += r.Items
			}
		}
	}
	indexPace()
	imp.index(ctx, env, items)
	if rejected > 0 {
		return fmt.Errorf("%d of %d inputs rejected", rejected, f.NArg())
	}
	return nil
}

// importFunc imports one input: offline into the store, or through a running node.
type importFunc func(ctx context.Context, r io.Reader, prov casefile.Provenance, opts casefile.ImportOptions) ([]casefile.ImportResult, error)

// importTarget is where `casenode import` writes: a running node (which
// catches its own index up), or the data directory offline.
type importTarget struct {
	add  importFunc
	db   *store.DB // offline only
	dir  string
	seq0 int64 // the store's last change when it was opened
}

func openImporter(ctx context.Context, env *cliEnv, data, base string, limits casefile.Limits) (*importTarget, func(), error) {
	dir, err := dataDir(data)
	if err != nil {
		return nil, nil, err
	}
	rn, err := findNode(ctx, dir)
	if err != nil {
		return nil, nil, err
	}
	if rn != nil {
		return &importTarget{add: rn.importBody}, func() {}, nil
	}
	db, err := openStore(ctx, dir)
	if err != nil {
		return nil, nil, err
	}
	if base == "" {
		base = "http://127.0.0.1:8080"
	}
	im := importer.New(db, nil, base, slog.New(slog.NewTextHandler(env.stderr, nil)))
	im.SetSheets(sheet.Reader{BaseURL: base})
	im.SetLimits(limits)
	seq0, err := db.LastSeq(ctx)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return &importTarget{add: im.ImportWith, db: db, dir: dir, seq0: seq0}, func() { db.Close() }, nil
}

// index brings the data directory's search index up to date after an
// offline import (the index is opened only now, so it is sized for what
// the store holds and the decoded packages are garbage by then), and says
// how long that took. items is how many items the imports wrote. The data
// is committed whatever happens here: a failure is reported, and the index
// catches up when a node next opens it. When the imports wrote nothing
// (every input rejected or unchanged) the index is left alone.
func (t *importTarget) index(ctx context.Context, env *cliEnv, items int) {
	if t.db == nil {
		return
	}
	if seq, err := t.db.LastSeq(ctx); err == nil && seq == t.seq0 {
		return
	}
	started := time.Now()
	ix, _, err := search.OpenUpToDate(indexPath(t.dir), t.db, newLogger(env, "warn"))
	if err == nil {
		err = ix.Close()
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "search index not updated (%s); it catches up when the node next starts\n", userMessage(err))
		return
	}
	took := time.Since(started)
	fmt.Fprintf(env.stdout, "search index up to date in %.1f s", took.Seconds())
	if items > 0 {
		fmt.Fprintf(env.stdout, " (%d items, %.0f items/s)", items, float64(items)/took.Seconds())
	}
	fmt.Fprintln(env.stdout)
}

func (rn *remoteNode) importBody(ctx context.Context, r io.Reader, prov casefile.Provenance, opts casefile.ImportOptions) ([]casefile.ImportResult, error) {
	var out struct {
		Results []casefile.ImportResult `json:"results"`
	}
	path := "/api/v1/import?location=" + url.QueryEscape(prov.Location)
	if opts.Takeover {
		path += "&takeover=true"
	}
	err := rn.call(ctx, "POST", path, r, &out)
	return out.Results, err
}

// importOptions are how importOne reads and imports one input.
type importOptions struct {
	quiet   bool
	maxFile int64 // a larger file is rejected before it is read (0: no check)
	opts    casefile.ImportOptions
}

func importOne(ctx context.Context, env *cliEnv, imp importFunc, fetch *importer.Client, src string, o importOptions) ([]casefile.ImportResult, error) {
	prov := casefile.Provenance{Source: casefile.SourceFile, Location: src, FetchedAt: time.Now().UTC()}
	var r io.ReadCloser
	var size int64
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		body, p, err := fetch.Fetch(ctx, src)
		if err != nil {
			return nil, err
		}
		r, prov = body, p
	} else {
		fh, err := os.Open(src)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err // the path is said once, here
			}
			return nil, casefile.Errorf(casefile.Invalid, "cannot read %s: %w", src, err)
		}
		if st, err := fh.Stat(); err == nil {
			if st.IsDir() {
				fh.Close()
				return nil, casefile.Errorf(casefile.Invalid, "%s is a directory: give the CASE files in it (for example %s)", src, filepath.Join(src, "*.json"))
			}
			size = st.Size()
			if o.maxFile > 0 && size > o.maxFile {
				fh.Close()
				return nil, casefile.InputTooLarge(o.maxFile)
			}
		}
		if abs, err := filepath.Abs(src); err == nil {
			prov.Location = abs
		}
		r = fh
	}
	defer r.Close()
	var in io.Reader = r
	if !o.quiet {
		pr := newProgress(env.stderr, filepath.Base(src), size)
		defer pr.done()
		in = pr.reader(r)
	}
	return imp(ctx, in, prov, o.opts)
}

func printResults(w io.Writer, src string, results []casefile.ImportResult) {
	for _, r := range results {
		state := "imported"
		if r.Unchanged {
			state = "unchanged"
		}
		fmt.Fprintf(w, "%s %s %q (%s, %s) from %s\n", state, r.Framework, r.Title, plural(r.Items, "item"), plural(r.Associations, "association"), src)
		printWarnings(w, r.Warnings)
		printTakeovers(w, r.Takeovers)
	}
}

// printTakeovers lists the objects of other frameworks an import claimed.
func printTakeovers(w io.Writer, ts []casefile.Takeover) {
	for i, t := range ts {
		if i == 15 {
			fmt.Fprintf(w, "    … %d more takeovers\n", len(ts)-15)
			break
		}
		fmt.Fprintf(w, "  %s\n", t.String())
	}
}

func runExport(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "export", "ID [--format json|csv|xlsx] [--version 1.0|1.1]", "Write a framework to stdout: CFPackage JSON, or OpenSALT's CSV or XLSX spreadsheet (which import reads back).")
	data := f.dataFlag()
	ver := f.String("version", "1.1", "CASE version of JSON output: 1.0 or 1.1")
	format := f.String("format", "json", "json, csv or xlsx")
	if err := f.parse(reorder(args)); err != nil {
		return err
	}
	if f.NArg() != 1 {
		return f.usageError("give exactly one framework identifier")
	}
	v := casefile.Version(*ver)
	if v != casefile.V1p0 && v != casefile.V1p1 {
		return f.usageError("--version must be 1.0 or 1.1")
	}
	if *format != "json" && *format != "csv" && *format != "xlsx" {
		return f.usageError("--format must be json, csv or xlsx")
	}
	db, err := openStore(ctx, *data)
	if err != nil {
		return err
	}
	defer db.Close()
	pkg, err := db.Package(ctx, f.Arg(0))
	if err != nil {
		return err
	}
	switch *format {
	case "csv":
		return sheet.WriteCSV(env.stdout, pkg)
	case "xlsx":
		return sheet.WriteXLSX(env.stdout, pkg)
	}
	return casefile.EncodePackage(env.stdout, pkg, v)
}

func runList(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "list", "", "List the frameworks held: identifier and title, one a line.")
	data := f.dataFlag()
	if err := f.parse(args); err != nil {
		return err
	}
	db, err := openStore(ctx, *data)
	if err != nil {
		return err
	}
	defer db.Close()
	fws, err := db.Frameworks(ctx)
	if err != nil {
		return err
	}
	for _, fw := range fws {
		fmt.Fprintf(env.stdout, "%s\t%s\n", fw.Identifier, fw.Title)
	}
	return nil
}

func runDelete(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "delete", "ID", "Delete a framework (its document, items, associations and definitions).")
	data := f.dataFlag()
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() != 1 {
		return f.usageError("give exactly one framework identifier")
	}
	dir, err := dataDir(*data)
	if err != nil {
		return err
	}
	rn, err := findNode(ctx, dir)
	if err != nil {
		return err
	}
	if rn != nil {
		err = rn.call(ctx, "DELETE", "/api/v1/frameworks/"+f.Arg(0), nil, nil)
	} else {
		var db *store.DB
		if db, err = openStore(ctx, dir); err != nil {
			return err
		}
		defer db.Close()
		err = db.Delete(ctx, f.Arg(0))
	}
	if err == nil {
		fmt.Fprintln(env.stdout, "deleted", f.Arg(0))
	}
	return err
}

// reorder moves flags after positional arguments to the front, so that
// `export ID --version 1.0` works as documented (package flag stops at the first argument).
func reorder(args []string) []string {
	var flagsPart, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") && a != "-" {
			flagsPart = append(flagsPart, a)
			if !strings.Contains(a, "=") && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") && takesValue(a) {
				flagsPart = append(flagsPart, args[i+1])
				i++
			}
			continue
		}
		rest = append(rest, a)
	}
	return append(flagsPart, rest...)
}

// takesValue reports whether a flag (as typed) needs a separate value argument.
func takesValue(a string) bool {
	switch strings.TrimLeft(a, "-") {
	case "quiet", "admin", "federated", "require-auth", "allow-private-peers", "allow-private-addresses", "no-seed", "h", "help":
		return false
	}
	return true
}
