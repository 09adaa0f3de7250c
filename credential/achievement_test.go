package credential

import (
	"os"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
)

const testBase = "https://node.example"

// decodeFixture decodes one shared fixture package.
func decodeFixture(t *testing.T, elem ...string) *casefile.Package {
	t.Helper()
	f, err := os.Open(fixture.Path(t, elem...))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, _, err := casefile.Decode(f, casefile.DecodeOptions{BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func frameworkOfDoc(d *casefile.Document) Framework {
	return Framework{Identifier: d.Identifier, URI: d.URI, Title: d.Title, Publisher: firstOf(d.Publisher, d.Creator)}
}

// TestAchievementsOfRealFrameworksValidate builds the Achievement of every
// item of TEKS, CCSS and NGSS, and of every rubric, criterion and level of
// COMPEITO, and validates each against the official OB 3.0 schema.
func TestAchievementsOfRealFrameworksValidate(t *testing.T) {
	b := Builder{BaseURL: testBase}
	for _, name := range []string{"tx-teks-math-ch111.tea.cfpackage.json", "ccss-math-2010.opensalt.cfpackage.json",
		"ngss-science-2013.opensalt.cfpackage.json"} {
		t.Run(name, func(t *testing.T) {
			p := decodeFixture(t, "real", name)
			fw := frameworkOfDoc(&p.CFDocument)
			bad := 0
			for i := range p.CFItems {
				it := &p.CFItems[i]
				a := b.ForItem(it, fw)
				if err := validateAchievement(t, a); err != nil {
					if bad++; bad <= 3 {
						t.Errorf("item %s: %v", it.Identifier, err)
					}
				}
				al := a.Alignment[0]
				if al.TargetURL != it.URI || al.TargetCode != it.HumanCodingScheme || al.TargetType != "CFItem" || al.TargetFramework != p.CFDocument.Title {
					t.Fatalf("item %s: alignment %+v", it.Identifier, al)
				}
			}
			if err := validateAchievement(t, b.ForDocument(&p.CFDocument)); err != nil {
				t.Errorf("document: %v", err)
			}
			t.Logf("%d item achievements, %d invalid", len(p.CFItems), bad)
		})
	}
	t.Run("compeito rubrics", func(t *testing.T) {
		p := decodeFixture(t, "v1p1", "compeito-opencase-roundtrip.v1p1.cfpackage.json")
		fw := frameworkOfDoc(&p.CFDocument)
		n := 0
		check := func(what string, a casefile.Achievement) {
			n++
			if err := validateAchievement(t, a); err != nil {
				t.Errorf("%s: %v", what, err)
			}
		}
		for i := range p.CFItems {
			check("item "+p.CFItems[i].Identifier, b.ForItem(&p.CFItems[i], fw))
		}
		for i := range p.CFRubrics {
			r := &p.CFRubrics[i]
			check("rubric "+r.Identifier, b.ForRubric(r, fw))
			for j := range r.CFRubricCriteria {
				c := &r.CFRubricCriteria[j]
				a := b.ForCriterion(c, fw)
				if a.Alignment[0].TargetType != "CFRubricCriterion" {
					t.Errorf("criterion %s: alignment %+v", c.Identifier, a.Alignment[0])
				}
				check("criterion "+c.Identifier, a)
				for k := range c.CFRubricCriterionLevels {
					l := &c.CFRubricCriterionLevels[k]
					a := b.ForLevel(c, l, fw)
					if a.Alignment[0].TargetType != "CFRubricCriterionLevel" || a.Alignment[0].TargetURL != l.URI {
						t.Errorf("level %s: alignment %+v", l.Identifier, a.Alignment[0])
					}
					check("level "+l.Identifier, a)
				}
			}
		}
		if len(p.CFRubrics) == 0 || n < len(p.CFItems)+3 {
			t.Fatalf("only %d achievements built from %d rubrics", n, len(p.CFRubrics))
		}
		t.Logf("%d achievements (items, rubrics, criteria, levels) valid", n)
	})
}

// TestSchemaRejectsIncompleteAchievement: the validator used above does
// reject an Achievement without its required members, so the test above can fail.
func TestSchemaRejectsIncompleteAchievement(t *testing.T) {
	it := casefile.Item{Identifier: "6b1d5a0e-1111-4a2b-8c3d-000000000001", FullStatement: "Count to 100.", HumanCodingScheme: "K.CC.1"}
	a := Builder{BaseURL: testBase}.ForItem(&it, Framework{Identifier: "6b1d5a0e-1111-4a2b-8c3d-000000000000", Title: "F"})
	if err := validateAchievement(t, a); err != nil {
		t.Fatalf("complete achievement: %v", err)
	}
	a.Description = ""
	raw := map[string]any{"id": a.ID, "type": a.Type, "name": a.Name, "alignment": []map[string]any{{"type": []string{"Alignment"}, "targetName": "x"}}}
	if err := validateAchievement(t, raw); err == nil {
		t.Fatal("an achievement without criteria, description and targetUrl passed the schema")
	}
	if got := a.Alignment[0].TargetURL; got != testBase+"/uri/"+it.Identifier {
		t.Errorf("targetUrl of an item without uri = %q, want the canonical uri", got)
	}
}

func TestLanguageTag(t *testing.T) {
	for in, want := range map[string]string{"en": "en", "EN-us": "en-US", "eng": "eng", "ja": "ja", "": "", "english": "", "zh-hant-tw": "zh-Hant-TW"} {
		if got := languageTag(in); got != want {
			t.Errorf("languageTag(%q) = %q, want %q", in, got, want)
		}
	}
}
