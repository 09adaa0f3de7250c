package casefile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
)

// TestBadAndLegacyFixtures asserts, per file, whether it imports with
// warnings or is rejected, and for rejections the path and message of the
// problem that names why. Every file must be covered.
func TestBadAndLegacyFixtures(t *testing.T) {
	type expect struct {
		packages int      // > 0: imports (DecodeMany) with warnings
		warnings []string // "path|message part" that must be present
		problems []string // "path|message part" that must be present when rejected
	}
	cases := map[string]expect{
		"bad/sbac-array-of-5-packages.json": {problems: []string{
			"$[0].CFItems[3].identifier|duplicate identifier 81bef0ac-cc76-11e7-943b-9b9ed3d69b53"}},
		"bad/sbac-cfdocuments-list.json": {problems: []string{
			"$|this is a CFDocuments list (GET /CFDocuments), not a CFPackage"}},
		"bad/sbac-ela-content-spec-truncated.cfpackage.json": {problems: []string{
			"$.CFItems[0].identifier|identifier is required",
			"$.CFItems[0].uri|uri is required",
			"$.CFItems[3].identifier|duplicate identifier",
			"$.CFItems[4].identifier|duplicate identifier"}},
		"bad/teks-ela-minimal-derived.json": {problems: []string{
			"$.CFDocument.creator|creator is required",
			"$.CFDocument.lastChangeDateTime|lastChangeDateTime is required"}},
		"bad/teks-math-minimal-derived.json": {problems: []string{
			"$.CFDocument.creator|creator is required",
			"$.CFDocument.lastChangeDateTime|lastChangeDateTime is required"}},
		"legacy/ccss-math-asn-ids.opensalt-legacy.json": {packages: 1, warnings: []string{
			"$.CFDocument.identifier|not a UUID; mapped",
			"$.CFDocument.subjectURL|read as subjectURI",
			"$.CFItems[0].educationalLevel|read as educationLevel",
			"$.CFItems[0].lastChangeDateTime|without a time zone read as UTC",
			"$.CFAssociations[0].originNodeURI.identifier|not a UUID; mapped"}},
		"legacy/opensalt-what-standards-could-be.legacy-export.json": {packages: 1, warnings: []string{
			"$.CFItems[0].educationalLevel|read as educationLevel",
			"$.CFDocument.lastChangeDateTime|without a time zone read as UTC"}},
	}
	files := append(fixture.Files(t, "bad"), fixture.Files(t, "legacy")...)
	for _, path := range files {
		name := filepath.Base(filepath.Dir(path)) + "/" + filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			exp, ok := cases[name]
			if !ok {
				t.Fatalf("no expectation for %s: decide whether it imports or is rejected", name)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			pkgs, ws, err := casefile.DecodeMany(f, casefile.DecodeOptions{BaseURL: testBase})
			if exp.packages > 0 {
				if err != nil || len(pkgs) != exp.packages {
					t.Fatalf("want %d packages, got %d, err %v", exp.packages, len(pkgs), err)
				}
				for _, w := range exp.warnings {
					p, m, _ := strings.Cut(w, "|")
					if !hasWarning(ws, p, m) {
						t.Errorf("missing warning %s", w)
					}
				}
				validateAgainstSchema(t, name, encode(t, pkgs[0], casefile.V1p1))
				return
			}
			var ce *casefile.Error
			if !errors.As(err, &ce) || ce.Code != casefile.Invalid || pkgs != nil {
				t.Fatalf("want rejection, got %d packages, err %v", len(pkgs), err)
			}
			for _, want := range exp.problems {
				p, m, _ := strings.Cut(want, "|")
				found := false
				for _, pr := range ce.Problems {
					found = found || (pr.Path == p && strings.Contains(pr.Message, m))
				}
				if !found {
					t.Errorf("missing problem %s in %v", want, first(ce.Problems, 5))
				}
			}
			if p, m, _ := strings.Cut(exp.problems[0], "|"); !strings.Contains(ce.Message, p+": ") || !strings.Contains(ce.Message, m) {
				t.Errorf("message %q should name the first problem %s", ce.Message, exp.problems[0])
			}
		})
	}
}

func first(ps []casefile.Problem, n int) []casefile.Problem {
	return ps[:min(n, len(ps))]
}
