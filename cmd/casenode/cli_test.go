package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// cliWith runs the casenode command in-process with exactly the environment vars.
func cliWith(t *testing.T, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cliEnv{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), getenv: func(k string) string { return vars[k] }}
	code = run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

func TestHelpForEveryCommandAndSubcommand(t *testing.T) {
	var calls [][]string
	for _, c := range commands() {
		calls = append(calls, []string{c.name, "--help"}, []string{"help", c.name})
		for _, sub := range strings.Split(subcommands[c.name], ", ") {
			if sub != "" {
				calls = append(calls, []string{c.name, sub, "--help"})
			}
		}
	}
	calls = append(calls, []string{"--help"}, []string{"-h"}, []string{"help"})
	for _, args := range calls {
		code, out, errs := cliWith(t, nil, args...)
		if code != 0 || !strings.Contains(out+errs, "Usage: casenode") {
			t.Errorf("casenode %s: exit %d, output %q %q; want exit 0 and a usage text", strings.Join(args, " "), code, out, errs)
		}
		if strings.Contains(errs, "unknown") || strings.Contains(errs, "not defined") {
			t.Errorf("casenode %s: help printed an error: %s", strings.Join(args, " "), errs)
		}
	}
}

func TestVersionAndDidYouMean(t *testing.T) {
	if code, out, _ := cliWith(t, nil, "--version"); code != 0 || !strings.HasPrefix(out, "casenode ") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
	code, _, errs := cliWith(t, nil, "improt", "x.json")
	if code != 2 || !strings.Contains(errs, `did you mean "import"?`) {
		t.Errorf("mistyped command: exit %d, %q; want a suggestion of import", code, errs)
	}
	if _, _, errs := cliWith(t, nil, "frobnicate"); strings.Contains(errs, "did you mean") {
		t.Errorf("a word far from every command got a suggestion: %q", errs)
	}
}

func TestGlobalDataFlagBeforeCommand(t *testing.T) {
	data := t.TempDir()
	files := writeSeed(t)
	if code, out, errs := cliWith(t, nil, append([]string{"--data", data, "import", "--quiet"}, files...)...); code != 0 {
		t.Fatalf("import with --data first: exit %d: %s %s", code, out, errs)
	}
	code, out, _ := cliWith(t, nil, "--data="+data, "list")
	if code != 0 || len(strings.Split(strings.TrimSpace(out), "\n")) != len(files) {
		t.Fatalf("list with --data= first: exit %d, %q", code, out)
	}
}

// A variable meant for the node must not change what one-off commands do.
func TestEnvironmentIsForNodeSettingsOnly(t *testing.T) {
	data := t.TempDir()
	vars := map[string]string{"CASENODE_DATA": data, "CASENODE_ADMIN": "true", "CASENODE_VERSION": "1.0"}
	code, out, errs := cliWith(t, vars, "client", "add", "reader")
	if code != 0 {
		t.Fatalf("client add: exit %d %s", code, errs)
	}
	if strings.Contains(out, "admin") {
		t.Errorf("CASENODE_ADMIN=true made a new client an admin:\n%s", out)
	}
	files := writeSeed(t)
	if code, _, errs := cliWith(t, vars, append([]string{"import", "--quiet"}, files...)...); code != 0 {
		t.Fatal(errs)
	}
	_, list, _ := cliWith(t, vars, "list")
	id := strings.Fields(list)[0]
	_, pkg, _ := cliWith(t, vars, "export", id)
	if !strings.Contains(pkg, `"CFDocument"`) || !strings.Contains(pkg, "v1p1") {
		t.Errorf("CASENODE_VERSION=1.0 changed export's output version (want 1.1 unless --version says otherwise)")
	}
	// serve's settings do read the environment.
	cfg, err := parseServe(&cliEnv{stderr: &bytes.Buffer{}, getenv: func(k string) string {
		return map[string]string{"CASENODE_NAME": "node-a", "CASENODE_ADDR": "127.0.0.1:9999"}[k]
	}}, nil)
	if err != nil || cfg.name != "node-a" || cfg.addr != "127.0.0.1:9999" {
		t.Errorf("serve settings from the environment: %+v, %v", cfg, err)
	}
}

func TestImportMessages(t *testing.T) {
	data := t.TempDir()
	vars := map[string]string{"CASENODE_DATA": data}
	dir := t.TempDir()
	code, _, errs := cliWith(t, vars, "import", "--quiet", dir)
	if code != 1 || !strings.Contains(errs, "is a directory") {
		t.Errorf("importing a directory: exit %d, %q; want it named as a directory", code, errs)
	}
	files := writeSeed(t)
	_, out, _ := cliWith(t, vars, append([]string{"import", "--quiet"}, files...)...)
	if strings.Contains(out, "(1 items") || strings.Contains(out, " 1 associations") {
		t.Errorf("counts not in singular: %s", out)
	}
	if !strings.Contains(out, " items, ") {
		t.Errorf("import output lost its counts: %s", out)
	}
}

func TestPluralAndWarningSummary(t *testing.T) {
	for n, want := range map[int]string{0: "0 items", 1: "1 item", 2: "2 items"} {
		if got := plural(n, "item"); got != want {
			t.Errorf("plural(%d) = %q, want %q", n, got, want)
		}
	}
	var ws []casefile.Warning
	for i := 0; i < 5000; i++ {
		ws = append(ws, casefile.Warning{Path: "$.CFItems[" + string(rune('0'+i%10)) + "]", Message: "language \"eng\" written as \"en\""})
	}
	ws = append(ws, casefile.Warning{Path: "$.CFDocument", Message: "adoptionStatus lowered"})
	var b bytes.Buffer
	printWarnings(&b, ws)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 3 || !strings.Contains(b.String(), "5000 times") || !strings.Contains(lines[0], "5001 warnings") {
		t.Errorf("5,001 warnings of two kinds printed as %d lines:\n%s", len(lines), b.String())
	}
}

func TestServeOnBusyPortSaysSoBeforeSeeding(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	data := t.TempDir()
	code, _, errs := cliWith(t, map[string]string{"CASENODE_DATA": data}, "serve", "--addr", ln.Addr().String())
	if code != 1 || !strings.Contains(errs, "already in use") || !strings.Contains(errs, "--addr") {
		t.Errorf("serve on a busy port: exit %d, %q; want 'already in use' and a hint to --addr", code, errs)
	}
	if _, err := os.Stat(filepath.Join(data, "casenode.db")); err == nil {
		t.Errorf("serve on a busy port created and seeded a database first")
	}
}

func TestHealthFollowsTheRunningNode(t *testing.T) {
	data := t.TempDir()
	if code, _, _ := cliWith(t, map[string]string{"CASENODE_DATA": data}, "health"); code != 1 {
		t.Errorf("health with no node running: exit %d, want 1", code)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	if err := writeNodeFile(data, nodeFile{PID: os.Getpid(), BaseURL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := cliWith(t, map[string]string{"CASENODE_DATA": data}, "health"); code != 0 {
		t.Errorf("health with a node answering: exit %d %s %s", code, out, errs)
	}
}

// Every environment variable a command reads is listed in the README.
func TestReadmeListsEveryEnvironmentVariable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`env (CASENODE_[A-Z_]+)`)
	for _, c := range commands() {
		_, out, _ := cliWith(t, nil, c.name, "--help")
		for _, m := range re.FindAllStringSubmatch(out, -1) {
			if !bytes.Contains(readme, []byte("`"+m[1]+"`")) {
				t.Errorf("casenode %s reads %s, which README.md does not list", c.name, m[1])
			}
		}
	}
}

func TestRejectionsNameTheInputOnce(t *testing.T) {
	vars := map[string]string{"CASENODE_DATA": t.TempDir()}
	missing := filepath.Join(t.TempDir(), "missing.json")
	for _, src := range []string{missing, "http://127.0.0.1:1/x.json"} {
		_, _, errs := cliWith(t, vars, "import", "--quiet", src)
		if n := strings.Count(errs, src); n != 1 {
			t.Errorf("import %s: the input is named %d times:\n%s", src, n, errs)
		}
	}
}
