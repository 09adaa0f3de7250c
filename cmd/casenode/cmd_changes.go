package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/casenode/casenode/casefile"
)

func runChanges(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "changes", "ID", "List what each import (a file, a peer update, an edited spreadsheet) changed in a framework, newest first.")
	data := f.dataFlag()
	if err := f.parse(reorder(args)); err != nil {
		return err
	}
	if f.NArg() != 1 {
		return f.usageError("give exactly one framework identifier")
	}
	db, err := openStore(ctx, *data)
	if err != nil {
		return err
	}
	defer db.Close()
	diffs, err := db.Diffs(ctx, f.Arg(0))
	if err != nil {
		return err
	}
	for _, d := range diffs {
		printDiff(env.stdout, d)
	}
	return nil
}

// printDiff writes one import's changes: a heading, then one line per change.
func printDiff(w io.Writer, d casefile.FrameworkDiff) {
	fmt.Fprintf(w, "#%d %s %s\n", d.Seq, d.At.UTC().Format(time.RFC3339), d.Source)
	if d.DocumentModified {
		fmt.Fprintln(w, "  document modified")
	}
	for _, c := range []struct {
		what string
		ids  []string
	}{
		{"item added", d.ItemsAdded}, {"item modified", d.ItemsModified}, {"item removed", d.ItemsRemoved},
		{"association added", d.AssociationsAdded}, {"association modified", d.AssociationsModified},
		{"association removed", d.AssociationsRemoved},
	} {
		for _, id := range c.ids {
			fmt.Fprintf(w, "  %-20s %s\n", c.what, id)
		}
	}
}
