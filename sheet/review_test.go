package sheet_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/sheet"
)

// A reviewed crosswalk CSV: accepted rows become associations of the node's
// crosswalk exactly as the accept button makes them, rejected rows are
// remembered as rejections, a target code in the decision column accepts
// that item instead, and every row's outcome is reported.
func TestReviewedCrosswalkCSV(t *testing.T) {
	ctx := context.Background()
	n := newNode(t)
	a := n.mustImport("a.csv", []byte("fullStatement,humanCodingScheme\nAdd fractions,A.1\nSubtract fractions,A.2\nCompare fractions,A.3\n"))
	b := n.mustImport("b.csv", []byte("fullStatement,humanCodingScheme\nAddition of fractions,B.1\nSubtraction,B.2\nOrdering fractions,B.3\n"))
	id := map[string]string{}
	for _, fw := range []string{a.Framework, b.Framework} {
		for _, it := range n.pkg(fw).CFItems {
			id[it.HumanCodingScheme] = it.Identifier
		}
	}
	cw, err := crosswalk.New(crosswalk.Config{Store: n.db, Importer: n.im, BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	rv := sheet.Reviews{Decider: cw, Items: n.db}
	review := func(rows ...[]string) []byte {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		_ = w.Write(append(append([]string{}, crosswalk.CSVHeader...), "decision"))
		for _, r := range rows {
			// source code, statement, id, kind, type, target code, statement, id, score, path, decision
			_ = w.Write([]string{r[0], "", id[r[0]], "suggested", "", r[1], "", id[r[1]], "0.800", "", r[2]})
		}
		w.Flush()
		return buf.Bytes()
	}

	// A row naming a code no item of the target framework has rejects the
	// whole file before anything is decided.
	_, err = rv.ApplyReview(ctx, review([]string{"A.1", "B.1", "accept"}, []string{"A.3", "B.2", "B.9"}), "review.csv", "tester")
	if !strings.Contains(problemsText(err), "review.csv row 3, column decision: no item has the code B.9") {
		t.Fatalf("bad code: %v", problemsText(err))
	}
	if ds, _ := cw.Decisions(ctx, a.Framework, b.Framework); len(ds) != 0 {
		t.Fatalf("a rejected review decided %d rows", len(ds))
	}

	out, err := rv.ApplyReview(ctx, review(
		[]string{"A.1", "B.1", "accept"},
		[]string{"A.2", "B.2", "Reject"},
		[]string{"A.3", "B.2", "B.3"},
		[]string{"A.1", "B.3", ""},
	), "review.csv", "tester")
	if err != nil {
		t.Fatal(problemsText(err))
	}
	want := []struct {
		row             int
		outcome, target string
	}{{2, "accepted", "B.1"}, {3, "rejected", "B.2"}, {4, "accepted", "B.3"}, {5, "skipped", "B.3"}}
	if len(out) != len(want) {
		t.Fatalf("outcomes: %+v", out)
	}
	for i, w := range want {
		if out[i].Row != w.row || out[i].Outcome != w.outcome || out[i].Target != id[w.target] {
			t.Errorf("row %d: %+v, want %s %s", w.row, out[i], w.outcome, w.target)
		}
	}
	// The same as clicking: accepting the pair again finds the association the review made.
	clicked, err := cw.Accept(ctx, id["A.1"], id["B.1"], casefile.ExactMatchOf, "tester")
	if err != nil || clicked.Identifier != out[0].Association {
		t.Errorf("accept button gives %v (%v), review made %s", clicked, err, out[0].Association)
	}
	rej, err := cw.Rejections(ctx, a.Framework, b.Framework)
	if err != nil || len(rej) != 1 || rej[0].SourceItem != id["A.2"] || rej[0].TargetItem != id["B.2"] || rej[0].By != "tester" {
		t.Errorf("rejections: %+v %v", rej, err)
	}
}
