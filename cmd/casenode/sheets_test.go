package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// From the command line: a CSV imports, exports as CSV and XLSX that import
// back unchanged, an edited CSV updates it and `changes` lists exactly what
// the edit changed.
func TestSheetsFromTheCLI(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	plan := filepath.Join(dir, "plan.csv")
	write := func(path, s string) {
		if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(plan, "\ufefffullStatement,humanCodingScheme,parent\r\nRoot,R,\r\nLeaf,R.1,R\r\nOther,R.2,R\r\n")
	code, out, errOut := cli(t, data, "import", plan)
	if code != 0 || !strings.Contains(out, "(3 items, 3 associations)") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	_, list, _ := cli(t, data, "list")
	id, _, _ := strings.Cut(strings.TrimSpace(list), "\t")
	for _, format := range []string{"csv", "xlsx"} {
		code, exported, errOut := cli(t, data, "export", id, "--format", format)
		if code != 0 {
			t.Fatalf("export %s: %s", format, errOut)
		}
		file := filepath.Join(dir, "plan."+format)
		write(file, exported)
		if code, out, errOut := cli(t, data, "import", file); code != 0 || !strings.Contains(out, "unchanged "+id) {
			t.Errorf("re-import of the %s export: %d %s %s", format, code, out, errOut)
		}
	}
	write(plan, "fullStatement,humanCodingScheme,parent\nRoot,R,\nLeaf revised,R.1,R\n")
	if code, out, errOut := cli(t, data, "import", plan); code != 0 || !strings.Contains(out, "imported "+id) {
		t.Fatalf("edited import: %d %s %s", code, out, errOut)
	}
	_, changes, _ := cli(t, data, "changes", id)
	latest, _, _ := strings.Cut(strings.TrimPrefix(changes, "#"), "\n#")
	if strings.Count(latest, "item modified") != 1 || strings.Count(latest, "item removed") != 1 ||
		strings.Count(latest, "association removed") != 1 || strings.Contains(latest, "added") {
		t.Errorf("changes:\n%s", changes)
	}
	// A sheet with a problem is refused with its row and column.
	write(plan, "fullStatement,humanCodingScheme,parent\nRoot,R,\nLeaf,R.1,Q\n")
	if code, _, errOut := cli(t, data, "import", plan); code == 0 || !strings.Contains(errOut, "plan.csv row 3, column parent: no row has the code Q") {
		t.Errorf("bad sheet: %d %s", code, errOut)
	}
}
