package casefile

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func TestSafeCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+1+2":                     "'+1+2",
		"-2+3":                     "'-2+3",
		"@SUM(A1)":                 "'@SUM(A1)",
		"\t=1":                     "'\t=1",
		"\r=1":                     "'\r=1",
		"":                         "",
		"NW.3.NPV.1":               "NW.3.NPV.1",
		"a = b":                    "a = b",
		"'quoted":                  "'quoted",
		"0.850":                    "0.850",
	} {
		if got := SafeCSVCell(in); got != want {
			t.Errorf("SafeCSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVWriterNeutralisesEveryCell(t *testing.T) {
	var buf bytes.Buffer
	w := NewCSVWriter(&buf)
	if err := w.Write([]string{"=1", "ok", "-x", "@y"}); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(rows) != 1 {
		t.Fatal(rows, err)
	}
	for i, want := range []string{"'=1", "ok", "'-x", "'@y"} {
		if rows[0][i] != want {
			t.Errorf("cell %d = %q, want %q", i, rows[0][i], want)
		}
	}
}

func TestPlainCSVCellUndoesSafeCSVCell(t *testing.T) {
	for _, s := range []string{"=1+2", "-2", "+x", "@a", "\tt", "\rr", "plain", "'quoted", "", "'"} {
		if got := PlainCSVCell(SafeCSVCell(s)); got != s {
			t.Errorf("PlainCSVCell(SafeCSVCell(%q)) = %q", s, got)
		}
	}
}
