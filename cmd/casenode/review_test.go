package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
)

// On a node wired as `casenode serve` wires it: a spreadsheet uploads and
// downloads again, and the crosswalk CSV a reviewer downloads comes back with
// decisions: the accepted suggestion becomes an explicit link, the rejected
// one is offered no more, the undecided row is left alone.
func TestSheetsAndReviewOnTheWiredNode(t *testing.T) {
	w := newWiredNode(t)
	code, body := w.do(t, http.MethodPost, "/api/v1/import?location=plan.csv", "text/csv", strings.NewReader("fullStatement,humanCodingScheme\nOne,P.1\n"))
	var imp struct {
		Results []casefile.ImportResult `json:"results"`
	}
	if code != http.StatusOK || json.Unmarshal([]byte(body), &imp) != nil || len(imp.Results) != 1 {
		t.Fatalf("CSV upload: %d %.300s", code, body)
	}
	if code, body := w.do(t, http.MethodGet, "/api/v1/frameworks/"+imp.Results[0].Framework+"/export?format=xlsx", "", nil); code != http.StatusOK || !strings.HasPrefix(body, "PK") {
		t.Errorf("XLSX export: %d %.100q", code, body)
	}

	fw := seed.Expected().Frameworks
	q := url.Values{"source": {fw.Northwind}, "target": {fw.Progression}, "suggest": {"true"}, "minScore": {"0.3"}, "format": {"csv"}}
	code, body = w.do(t, http.MethodGet, "/api/v1/crosswalk?"+q.Encode(), "", nil)
	if code != http.StatusOK {
		t.Fatalf("crosswalk CSV: %d %.300s", code, body)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var pairs [][2]string
	rows[0] = append(rows[0], "decision")
	for i := 1; i < len(rows); i++ {
		decision := ""
		if rows[i][3] == casefile.MatchSuggested && len(pairs) < 2 {
			decision = []string{"accept", "reject"}[len(pairs)]
			pairs = append(pairs, [2]string{rows[i][2], rows[i][7]})
		}
		rows[i] = append(rows[i], decision)
	}
	if len(pairs) < 2 {
		t.Fatalf("the seed crosswalk suggests %d pairs", len(pairs))
	}
	var reviewed bytes.Buffer
	cw := csv.NewWriter(&reviewed)
	_ = cw.WriteAll(rows)
	code, body = w.do(t, http.MethodPost, "/api/v1/crosswalk/review", "text/csv", &reviewed)
	var out struct {
		Outcomes []casefile.ReviewOutcome `json:"outcomes"`
	}
	if code != http.StatusOK || json.Unmarshal([]byte(body), &out) != nil || len(out.Outcomes) != len(rows)-1 {
		t.Fatalf("review upload: %d %.300s", code, body)
	}
	count := map[string]int{}
	for _, o := range out.Outcomes {
		count[o.Outcome]++
		if o.Outcome == "accepted" && o.Association == "" {
			t.Errorf("accepted row %d names no association", o.Row)
		}
	}
	if count["accepted"] != 1 || count["rejected"] != 1 || count["skipped"] != len(rows)-3 {
		t.Errorf("outcomes: %v", count)
	}
	after := w.restSuggested(t, fw.Northwind, fw.Progression)
	for _, p := range pairs {
		if after[p[0]+" "+p[1]] {
			t.Errorf("%v still suggested after the review", p)
		}
	}
}
