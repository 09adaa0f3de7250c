// Command casenode is a CASE registry and network node: it imports CASE
// frameworks into SQLite, indexes them for search, serves CASE REST 1.0/1.1,
// GraphQL and web pages, and federates with peer nodes.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/casenode/casenode/casefile"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// command is one subcommand of the casenode CLI.
type command struct {
	name    string
	args    string
	summary string
	run     func(ctx context.Context, env *cliEnv, args []string) error
}

// commands lists every subcommand in help order.
func commands() []command {
	return []command{
		{"serve", "", "run the node (CASE REST, GraphQL, web pages, federation)", runServe},
		{"import", "FILE|URL...", "import CASE packages (JSON) into the node", runImport},
		{"export", "ID [--format json|csv|xlsx] [--version 1.0|1.1]", "write a framework as CFPackage JSON, OpenSALT CSV or XLSX to stdout", runExport},
		{"changes", "ID", "list what each import changed in a framework, newest first", runChanges},
		{"list", "", "list frameworks: identifier and title, one a line", runList},
		{"delete", "ID", "delete a framework", runDelete},
		{"search", "QUERY", "search competencies across frameworks", runSearch},
		{"reindex", "", "rebuild the search index from the database", runReindex},
		{"seed", "synth --items N", "write a synthetic CASE framework (for benchmarks) to stdout", runSeed},
		{"peer", "add URL|list|remove NAME", "manage peer nodes", runPeer},
		{"sync", "[NAME]", "harvest mirror peers once", runSync},
		{"client", "add NAME [--admin]|list|remove ID", "manage OAuth clients", runClient},
		{"version", "", "print the version", runVersion},
	}
}

// cliEnv carries what every subcommand needs: where to write and the process environment.
type cliEnv struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	getenv         func(string) string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &cliEnv{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, getenv: os.Getenv}
	code := run(ctx, env, os.Args[1:])
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand and turns its error into an exit status:
// 2 for usage errors, 1 for anything else.
func run(ctx context.Context, env *cliEnv, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errUsage):
			return 2
		case errors.Is(err, errHelp):
			return 0
		default:
			fmt.Fprintln(env.stderr, "casenode "+c.name+": "+userMessage(err))
			return 1
		}
	}
	fmt.Fprintf(env.stderr, "casenode: unknown command %q\n\n", args[0])
	usage(env.stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "casenode — a CASE registry and network node")
	fmt.Fprintln(w, "\nUsage: casenode COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %-34s %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintln(w, "\nCommands that use a data directory take --data DIR (env CASENODE_DATA, default ./data).")
	fmt.Fprintln(w, "Run 'casenode COMMAND --help' for the flags of a command.")
}

// userMessage renders err for a person: the coded message, then any problems.
func userMessage(err error) string {
	var ce *casefile.Error
	if !errors.As(err, &ce) {
		return err.Error()
	}
	msg := err.Error()
	if len(ce.Problems) > 0 {
		msg = fmt.Sprintf("%d problems:", len(ce.Problems))
	}
	for i, p := range ce.Problems {
		if i == 20 {
			msg += fmt.Sprintf("\n  … and %d more problems", len(ce.Problems)-20)
			break
		}
		msg += "\n  " + p.String()
	}
	return msg
}

func runVersion(_ context.Context, env *cliEnv, _ []string) error {
	fmt.Fprintln(env.stdout, "casenode", version)
	return nil
}
