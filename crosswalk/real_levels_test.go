package crosswalk_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// TestRealTEKSLevelsAndHeadings: TEKS carries no educationLevel at all; its
// items inherit the grade their heading names ("Kindergarten, Adopted
// 2012."), a Kindergarten item is suggested Kindergarten (or Grade 1)
// standards first, every suggestion shows its levels, and headings
// ("Subchapter A. Elementary", "Implementation of…") get no suggestions and
// are not counted in the coverage.
func TestRealTEKSLevelsAndHeadings(t *testing.T) {
	ctx := context.Background()
	n := newMathNode(t)
	cw, err := n.cw.Crosswalk(ctx, teksMath, ccssMath, casefile.CrosswalkOptions{Suggest: true})
	if err != nil {
		t.Fatal(err)
	}
	headings, kRows, kTopFar := 0, 0, 0
	for _, r := range cw.Rows {
		title := r.Source.Title
		if strings.HasPrefix(title, "Subchapter") || strings.HasPrefix(title, "Implementation of") || strings.HasPrefix(title, "Kindergarten, Adopted") {
			if !r.Heading {
				t.Errorf("%s %q is not taken for a heading", r.Code, title)
			}
		}
		if r.Heading {
			headings++
			if len(matchesOf(r, casefile.MatchSuggested)) > 0 {
				t.Errorf("heading %s %q got suggestions", r.Code, title)
			}
			continue
		}
		for _, m := range matchesOf(r, casefile.MatchSuggested) {
			if len(m.EducationLevel) == 0 {
				t.Errorf("%s: suggestion %s shows no levels", r.Code, m.Target.Identifier)
			}
		}
		if !strings.HasPrefix(r.Code, "111.2.b.") {
			continue
		}
		if !slices.Equal(r.EducationLevel, []string{"KG"}) {
			t.Errorf("Kindergarten item %s has levels %v", r.Code, r.EducationLevel)
		}
		if sug := matchesOf(r, casefile.MatchSuggested); len(sug) > 0 {
			kRows++
			if lv := sug[0].EducationLevel; !slices.Contains(lv, "KG") && !slices.Contains(lv, "01") {
				kTopFar++
				t.Logf("%s: first suggestion at levels %v", r.Code, lv)
			}
		}
	}
	if kRows == 0 || kTopFar > kRows/10 {
		t.Errorf("%d of %d Kindergarten items have a first suggestion beyond Grade 1", kTopFar, kRows)
	}
	if cw.Coverage.Headings != headings || cw.Coverage.Items != len(cw.Rows)-headings || headings < 100 {
		t.Errorf("coverage %+v with %d headings over %d rows", cw.Coverage, headings, len(cw.Rows))
	}
}

// TestRejectionCoversRepeatedWording: TEKS repeats its process standards
// in every grade; rejecting a suggestion for one of them stops it being
// offered for another item worded the same way, and for no other item.
func TestRejectionCoversRepeatedWording(t *testing.T) {
	ctx := context.Background()
	n := newMathNode(t)
	opt := casefile.CrosswalkOptions{Suggest: true}
	cw, err := n.cw.Crosswalk(ctx, teksMath, ccssMath, opt)
	if err != nil {
		t.Fatal(err)
	}
	// Two rows worded the same, sharing a suggested target.
	byText := map[string]casefile.CrosswalkRow{}
	var a, b casefile.CrosswalkRow
	var target string
	for _, r := range cw.Rows {
		key := strings.ToLower(r.Source.Title)
		if first, ok := byText[key]; ok && target == "" {
			for _, m := range matchesOf(first, casefile.MatchSuggested) {
				if suggests(t, cw, r.Source.Identifier, m.Target.Identifier) {
					a, b, target = first, r, m.Target.Identifier
					break
				}
			}
		}
		if _, ok := byText[key]; !ok && len(matchesOf(r, casefile.MatchSuggested)) > 0 {
			byText[key] = r
		}
	}
	if target == "" {
		t.Fatal("no two TEKS items worded alike share a suggestion")
	}
	others := 0
	for _, r := range cw.Rows {
		if strings.ToLower(r.Source.Title) != strings.ToLower(a.Source.Title) && suggests(t, cw, r.Source.Identifier, target) {
			others++
		}
	}
	if _, err := n.cw.Reject(ctx, a.Source.Identifier, target, "curator"); err != nil {
		t.Fatal(err)
	}
	after, err := n.cw.Crosswalk(ctx, teksMath, ccssMath, opt)
	if err != nil {
		t.Fatal(err)
	}
	if suggests(t, after, b.Source.Identifier, target) {
		t.Errorf("%s, worded like %s, is still offered the rejected target", b.Code, a.Code)
	}
	stillOthers := 0
	for _, r := range after.Rows {
		if strings.ToLower(r.Source.Title) != strings.ToLower(a.Source.Title) && suggests(t, after, r.Source.Identifier, target) {
			stillOthers++
		}
	}
	if stillOthers != others {
		t.Errorf("items worded otherwise offered the target: %d before, %d after", others, stillOthers)
	}
}
