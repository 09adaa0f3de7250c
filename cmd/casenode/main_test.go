package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/casenode/casenode/internal/fixture"
	"github.com/casenode/casenode/seed"
)

// cli runs the casenode command in-process with CASENODE_DATA=data.
func cli(t *testing.T, data string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return cliCtx(context.Background(), data, args...)
}

// cliCtx is cli under ctx (cancelling it is what SIGTERM does).
func cliCtx(ctx context.Context, data string, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	env := &cliEnv{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), getenv: func(k string) string {
		if k == "CASENODE_DATA" {
			return data
		}
		return ""
	}}
	code = run(ctx, env, args)
	return code, out.String(), errb.String()
}

// writeSeed writes the embedded demo frameworks to files and returns their paths.
func writeSeed(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for _, f := range seed.Frameworks() {
		p := filepath.Join(dir, f.Name)
		if err := os.WriteFile(p, f.Data, 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

func TestImportListExportDelete(t *testing.T) {
	data := t.TempDir()
	files := writeSeed(t)
	code, out, errs := cli(t, data, append([]string{"import", "--quiet"}, files...)...)
	if code != 0 {
		t.Fatalf("import exit %d: %s %s", code, out, errs)
	}
	if got := strings.Count(out, "imported "); got != len(files) {
		t.Fatalf("import printed %d imported lines, want %d:\n%s", got, len(files), out)
	}
	code, out, _ = cli(t, data, "list")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != len(files) {
		t.Fatalf("list exit %d, %d lines, want %d:\n%s", code, len(lines), len(files), out)
	}
	id := strings.SplitN(lines[0], "\t", 2)[0]
	for _, v := range []string{"1.0", "1.1"} {
		code, out, errs = cli(t, data, "export", id, "--version", v)
		if code != 0 {
			t.Fatalf("export %s exit %d: %s", v, code, errs)
		}
		var pkg map[string]json.RawMessage
		if err := json.Unmarshal([]byte(out), &pkg); err != nil || pkg["CFDocument"] == nil || pkg["CFItems"] == nil {
			t.Fatalf("export %s is not a CFPackage: %v", v, err)
		}
		if _, has := pkg["extensions"]; v == "1.0" && has {
			t.Errorf("1.0 export carries extensions")
		}
	}
	// Importing the same file again replaces: same count of frameworks.
	if code, _, errs = cli(t, data, "import", "--quiet", files[0]); code != 0 {
		t.Fatalf("re-import exit %d: %s", code, errs)
	}
	if _, out, _ = cli(t, data, "list"); strings.Count(out, "\n") != len(files) {
		t.Fatalf("re-import duplicated frameworks:\n%s", out)
	}
	if code, _, errs = cli(t, data, "delete", id); code != 0 {
		t.Fatalf("delete exit %d: %s", code, errs)
	}
	if _, out, _ = cli(t, data, "list"); strings.Contains(out, id) {
		t.Fatalf("deleted framework still listed:\n%s", out)
	}
	if code, _, errs = cli(t, data, "export", id); code != 1 || !strings.Contains(errs, "not found") {
		t.Fatalf("export of deleted framework: exit %d, %q", code, errs)
	}
}

func TestUsageErrors(t *testing.T) {
	data := t.TempDir()
	for _, args := range [][]string{{}, {"nope"}, {"import"}, {"export"}, {"export", "x", "--version", "2.0"}, {"serve", "--addr", "nonsense"}} {
		if code, _, _ := cli(t, data, args...); code != 2 {
			t.Errorf("casenode %v: exit %d, want 2", args, code)
		}
	}
	for _, args := range [][]string{{"--help"}, {"import", "--help"}} {
		if code, _, _ := cli(t, data, args...); code != 0 {
			t.Errorf("casenode %v: exit %d, want 0", args, code)
		}
	}
}

// contentDigest hashes every framework's 1.1 export, so that two digests are
// equal exactly when the content held is the same.
func contentDigest(t *testing.T, data string) string {
	t.Helper()
	_, list, _ := cli(t, data, "list")
	h := sha256.New()
	h.Write([]byte(list))
	for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
		id := strings.SplitN(line, "\t", 2)[0]
		_, out, _ := cli(t, data, "export", id)
		h.Write([]byte(out))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestBadInputsChangeNothing imports every file of the shared bad/ and legacy/
// folders: each is imported with listed warnings or rejected with a message
// naming the problem and its JSON path, and a rejection leaves the content
// exactly as it was.
func TestBadInputsChangeNothing(t *testing.T) {
	data := t.TempDir()
	if code, _, errs := cli(t, data, append([]string{"import", "--quiet"}, writeSeed(t)...)...); code != 0 {
		t.Fatalf("seed import: %s", errs)
	}
	files := append(fixture.Files(t, "bad"), fixture.Files(t, "legacy")...)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			before := contentDigest(t, data)
			code, out, errs := cli(t, data, "import", "--quiet", f)
			switch code {
			case 0:
				if !strings.Contains(out, "warnings") {
					t.Errorf("imported without listing any warning:\n%s", out)
				}
			case 1:
				if !strings.Contains(errs, "$") {
					t.Errorf("rejection does not name a JSON path:\n%s", errs)
				}
				if after := contentDigest(t, data); after != before {
					t.Errorf("rejected import changed the content")
				}
			default:
				t.Fatalf("exit %d: %s", code, errs)
			}
			t.Logf("exit %d\n%s%s", code, firstLines(out, 4), firstLines(errs, 4))
		})
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "")
}

// `casenode import URL` uses the guarded outbound client: a loopback origin
// is refused (never reached) unless --allow-private-addresses is given.
func TestImportFromURLRefusesPrivateAddresses(t *testing.T) {
	var hits atomic.Int64
	f := seed.Frameworks()[0]
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Write(f.Data)
	}))
	defer origin.Close()
	data := t.TempDir()
	code, out, errs := cli(t, data, "import", "--quiet", origin.URL+"/f.json")
	if code == 0 || !strings.Contains(errs, "private") || hits.Load() != 0 {
		t.Fatalf("import from loopback without the switch: exit %d, %d requests, %s %s", code, hits.Load(), out, errs)
	}
	code, out, errs = cli(t, data, "import", "--quiet", "--allow-private-addresses", origin.URL+"/f.json")
	if code != 0 || !strings.Contains(out, "imported ") || hits.Load() != 1 {
		t.Fatalf("import with the switch: exit %d, %d requests, %s %s", code, hits.Load(), out, errs)
	}
}
