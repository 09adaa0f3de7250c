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
	"strings"
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
		{"review", "FILE.csv [--by NAME]", "upload a reviewed crosswalk CSV (decision column: accept, reject or a target code)", runReview},
		{"list", "", "list frameworks: identifier and title, one a line", runList},
		{"delete", "ID", "delete a framework", runDelete},
		{"search", "QUERY", "search competencies across frameworks", runSearch},
		{"reindex", "", "rebuild the search index from the database", runReindex},
		{"eval", "[--split dev|heldout|all]", "measure crosswalk suggestions and align on the gold set (needs the fixtures)", runEval},
		{"seed", "synth --items N", "write a synthetic CASE framework (for benchmarks) to stdout", runSeed},
		{"peer", "add URL|list|remove NAME", "manage peer nodes", runPeer},
		{"sync", "[NAME]", "harvest mirror peers once", runSync},
		{"client", "add NAME [--admin]|list|remove ID", "manage OAuth clients", runClient},
		{"mcp", "[--node URL]", "serve MCP over stdio for AI assistants (on the data directory or a running node)", runMCP},
		{"health", "[--url URL]", "check that the running node answers (container health check)", runHealth},
		{"load", "URL [--concurrency N] [--duration D]", "drive a mixed read load at a node and print latency per route", runLoad},
		{"version", "", "print the version", runVersion},
	}
}

// subcommands names the subcommands of the commands that have them.
var subcommands = map[string]string{
	"peer":   "add, list, remove",
	"client": "add, list, remove",
	"seed":   "synth",
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
// 2 for usage errors, 1 for anything else. Global flags (--data, --help,
// --version) may come before the command.
func run(ctx context.Context, env *cliEnv, args []string) int {
	args, code, done := globalFlags(env, args)
	if done {
		return code
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		if subs := subcommands[c.name]; subs != "" && len(args) > 1 && isHelp(args[1]) {
			commandUsage(env.stdout, c, subs)
			return 0
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
	fmt.Fprintf(env.stderr, "casenode: unknown command %q", args[0])
	if s := suggestCommand(args[0]); s != "" {
		fmt.Fprintf(env.stderr, " (did you mean %q?)", s)
	}
	fmt.Fprint(env.stderr, "\n\n")
	usage(env.stderr)
	return 2
}

// globalFlags handles what may come before the command: --help, --version
// and --data DIR (moved after the command, where every command reads it).
// done reports that run should return code without running a command.
func globalFlags(env *cliEnv, args []string) (rest []string, code int, done bool) {
	var moved []string
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		a := args[0]
		switch {
		case isHelp(a):
			usage(env.stdout)
			return nil, 0, true
		case a == "--version" || a == "-version":
			fmt.Fprintln(env.stdout, "casenode", version)
			return nil, 0, true
		case a == "--data" || a == "-data":
			if len(args) < 2 {
				fmt.Fprintln(env.stderr, "casenode: --data needs a directory")
				return nil, 2, true
			}
			moved, args = append(moved, "--data", args[1]), args[2:]
		case strings.HasPrefix(a, "--data=") || strings.HasPrefix(a, "-data="):
			moved, args = append(moved, a), args[1:]
		default:
			fmt.Fprintf(env.stderr, "casenode: unknown global flag %q (only --data, --help and --version may come before the command)\n", a)
			return nil, 2, true
		}
	}
	if len(args) == 0 {
		usage(env.stderr)
		return nil, 2, true
	}
	if args[0] == "help" {
		if len(args) > 1 {
			// "casenode help peer" is "casenode peer --help".
			return append([]string{args[1], "--help"}, moved...), 0, false
		}
		usage(env.stdout)
		return nil, 0, true
	}
	return append(append([]string{args[0]}, moved...), args[1:]...), 0, false
}

func isHelp(a string) bool { return a == "-h" || a == "--help" || a == "-help" || a == "help" }

// commandUsage prints the help of a command that has subcommands.
func commandUsage(w io.Writer, c command, subs string) {
	fmt.Fprintf(w, "Usage: casenode %s %s\n\n%s\n\nSubcommands: %s\nRun 'casenode %s SUBCOMMAND --help' for the flags of each.\n",
		c.name, c.args, c.summary, subs, c.name)
}

// suggestCommand returns the command closest to a mistyped name (one edit,
// else two), or "".
func suggestCommand(name string) string {
	name = strings.ToLower(name)
	for k := 1; k <= 2; k++ {
		for _, c := range commands() {
			if casefile.WithinEdits(name, c.name, k) {
				return c.name
			}
		}
	}
	return ""
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

func runVersion(_ context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "version", "", "Print the version of this casenode binary.")
	if err := f.parse(args); err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, "casenode", version)
	return nil
}
