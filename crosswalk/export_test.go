package crosswalk_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/seed"
)

func TestCSVExportHasOneLinePerMatch(t *testing.T) {
	n := newNode(t)
	n.importSeed(t)
	exp := seed.Expected()
	cw, err := n.cw.Crosswalk(context.Background(), exp.Frameworks.Northwind, exp.Frameworks.Progression, casefile.CrosswalkOptions{Suggest: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := n.cw.WriteCSV(&buf, cw); err != nil {
		t.Fatal(err)
	}
	lines, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(lines[0], ",") != strings.Join(crosswalk.CSVHeader, ",") {
		t.Errorf("header %v", lines[0])
	}
	want := 1
	for _, r := range cw.Rows {
		want += max(1, len(r.Matches))
	}
	if len(lines) != want {
		t.Errorf("%d lines, want %d", len(lines), want)
	}
	p := exp.Explicit[0]
	found := false
	for _, l := range lines[1:] {
		if l[0] == p.SourceCode && l[3] == casefile.MatchExplicit && l[5] == p.TargetCode {
			found = l[4] == p.Type && l[7] == p.Target && l[8] == "1.000" && l[1] != "" && l[6] != ""
		}
	}
	if !found {
		t.Errorf("no complete CSV line for %s → %s", p.SourceCode, p.TargetCode)
	}
	tr := exp.Transitive[0]
	cw2, _ := n.cw.Crosswalk(context.Background(), exp.Frameworks.Progression, exp.Frameworks.Northwind, casefile.CrosswalkOptions{})
	buf.Reset()
	_ = n.cw.WriteCSV(&buf, cw2)
	if !strings.Contains(buf.String(), tr.ACode+" > "+tr.ViaCode+" > "+tr.BCode) {
		t.Errorf("transitive path %s > %s > %s not in CSV", tr.ACode, tr.ViaCode, tr.BCode)
	}
}

func TestPackageExportIsAValidCASEPackage(t *testing.T) {
	ctx := context.Background()
	n := newNode(t)
	n.importSeed(t)
	exp := seed.Expected()
	cw, err := n.cw.Crosswalk(ctx, exp.Frameworks.Northwind, exp.Frameworks.Progression, casefile.CrosswalkOptions{Suggest: true})
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := n.cw.ExportPackage(ctx, cw)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(pkg.CFDocument.Title, "Crosswalk: ") || !strings.Contains(pkg.CFDocument.Title, " → ") {
		t.Errorf("title %q", pkg.CFDocument.Title)
	}
	var buf bytes.Buffer
	if err := casefile.EncodePackage(&buf, pkg, casefile.V1p1); err != nil {
		t.Fatal(err)
	}
	back, _, err := casefile.Decode(&buf, casefile.DecodeOptions{BaseURL: testBase})
	if err != nil {
		t.Fatalf("exported package does not decode: %v", err)
	}
	total, suggested := 0, 0
	for _, r := range cw.Rows {
		total += len(r.Matches)
		suggested += len(matchesOf(r, casefile.MatchSuggested))
	}
	if len(back.CFAssociations) != total {
		t.Errorf("%d associations, want %d", len(back.CFAssociations), total)
	}
	types := map[string]int{}
	notes := 0
	for _, a := range back.CFAssociations {
		types[a.AssociationType]++
		if strings.HasPrefix(a.Notes, "suggested, score ") {
			notes++
		}
	}
	if notes != suggested || types[casefile.ExactMatchOf] == 0 {
		t.Errorf("types %v, %d suggestion notes for %d suggestions", types, notes, suggested)
	}
}

func TestCSVExportNeutralisesFormulas(t *testing.T) {
	n := newNode(t)
	hostile := []string{"=HYPERLINK(\"http://evil.example\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"}
	cw := &casefile.Crosswalk{}
	for i, h := range hostile {
		cw.Rows = append(cw.Rows, casefile.CrosswalkRow{
			Source: casefile.LinkURI{Title: h, Identifier: "src-" + h}, Code: h,
			Matches: []casefile.CrosswalkMatch{{Kind: casefile.MatchSuggested, AssociationType: h, Score: float64(i) / 10,
				Target: casefile.LinkURI{Title: h, Identifier: h}}},
		})
	}
	var buf bytes.Buffer
	if err := n.cw.WriteCSV(&buf, cw); err != nil {
		t.Fatal(err)
	}
	lines, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines[1:] {
		for i, c := range l {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("column %s holds a formula-like cell %q", crosswalk.CSVHeader[i], c)
			}
		}
	}
}
