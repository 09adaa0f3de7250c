package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

var (
	errUsage = errors.New("usage")
	errHelp  = errors.New("help")
)

// flags wraps a FlagSet. Node settings (every flag of serve, and --data and
// --base-url everywhere) take their defaults from CASENODE_* environment
// variables, so a flag beats the environment and the environment beats the
// default. Other flags (a peer's --name, a client's --admin, export's
// --version) have no environment variable: a variable meant for the node must
// never change what a one-off command does.
type flags struct {
	*flag.FlagSet
	env        *cliEnv
	bads       []string
	settings   bool // every flag is a node setting (serve)
	printUsage func(io.Writer)
}

// nodeSettings makes every flag of f a node setting with an environment variable.
func (f *flags) nodeSettings() *flags {
	f.settings = true
	return f
}

// lookupEnv returns the environment value for a node-setting flag.
func (f *flags) lookupEnv(name string, setting bool) string {
	if !setting && !f.settings {
		return ""
	}
	return f.env.getenv(f.envName(name))
}

// helpFor appends the environment variable to a setting's help.
func (f *flags) helpFor(name, help string, setting bool) string {
	if !setting && !f.settings {
		return help
	}
	return help + " (env " + f.envName(name) + ")"
}

func newFlags(env *cliEnv, name, args, summary string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	f := &flags{FlagSet: fs, env: env}
	f.printUsage = func(w io.Writer) {
		fmt.Fprintf(w, "Usage: casenode %s [flags] %s\n\n%s\n\nFlags:\n", name, args, summary)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(env.stderr)
	}
	// The flag package calls Usage on every parse error; parse prints it
	// instead, to stdout when help was asked for and to stderr otherwise.
	fs.Usage = func() {}
	return f
}

// Usage prints the command's usage to stderr.
func (f *flags) Usage() { f.printUsage(f.env.stderr) }

func (f *flags) envName(name string) string {
	return "CASENODE_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

func (f *flags) String(name, def, help string) *string { return f.str(name, def, help, false) }

// SettingString is a string flag that is a node setting in every command.
func (f *flags) SettingString(name, def, help string) *string { return f.str(name, def, help, true) }

func (f *flags) str(name, def, help string, setting bool) *string {
	if v := f.lookupEnv(name, setting); v != "" {
		def = v
	}
	return f.FlagSet.String(name, def, f.helpFor(name, help, setting))
}

func (f *flags) Bool(name string, def bool, help string) *bool {
	if v := f.lookupEnv(name, false); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			f.bads = append(f.bads, f.envName(name)+"="+v+" is not a boolean")
		}
		def = b
	}
	return f.FlagSet.Bool(name, def, f.helpFor(name, help, false))
}

func (f *flags) Int(name string, def int, help string) *int {
	if v := f.lookupEnv(name, false); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			f.bads = append(f.bads, f.envName(name)+"="+v+" is not an integer")
		}
		def = n
	}
	return f.FlagSet.Int(name, def, f.helpFor(name, help, false))
}

func (f *flags) Duration(name string, def time.Duration, help string) *time.Duration {
	if v := f.lookupEnv(name, false); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			f.bads = append(f.bads, f.envName(name)+"="+v+" is not a duration")
		}
		def = d
	}
	return f.FlagSet.Duration(name, def, f.helpFor(name, help, false))
}

// dataFlag adds --data, which every command takes.
func (f *flags) dataFlag() *string {
	return f.SettingString("data", "./data", "data directory (database, search index)")
}

// parse parses args; it maps -h to errHelp and every other problem to errUsage.
func (f *flags) parse(args []string) error {
	if err := f.FlagSet.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			f.printUsage(f.env.stdout)
			return errHelp
		}
		f.Usage()
		return errUsage
	}
	if len(f.bads) > 0 {
		fmt.Fprintln(f.env.stderr, "casenode: "+strings.Join(f.bads, "; "))
		return errUsage
	}
	return nil
}

// usageError prints msg with the command's usage and returns errUsage.
func (f *flags) usageError(format string, args ...any) error {
	fmt.Fprintf(f.env.stderr, "casenode %s: %s\n", f.Name(), fmt.Sprintf(format, args...))
	f.Usage()
	return errUsage
}

// dataDir validates and creates the data directory.
func dataDir(dir string) (string, error) {
	if dir == "" {
		return "", errors.New("the data directory (--data) must not be empty")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(abs, 0o750); err != nil {
		return "", fmt.Errorf("cannot create data directory %s: %w", abs, err)
	}
	return abs, nil
}

// validateAddr checks a HOST:PORT listen address.
func validateAddr(addr string) error {
	if _, port, err := net.SplitHostPort(addr); err != nil || port == "" {
		return fmt.Errorf("--addr %q is not HOST:PORT", addr)
	}
	return nil
}

// baseURLFor returns base, or http://addr when base is empty, validated.
func baseURLFor(base, addr string) (string, error) {
	if base == "" {
		host, port, _ := net.SplitHostPort(addr)
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "127.0.0.1"
		}
		base = "http://" + net.JoinHostPort(host, port)
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("--base-url %q is not an absolute http(s) URL", base)
	}
	return strings.TrimRight(base, "/"), nil
}
