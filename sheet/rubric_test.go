package sheet_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// COMPEITO's rubric CSV is added to the framework of the items it assesses,
// and importing it again changes nothing.
func TestCompeitoRubricCSV(t *testing.T) {
	dir := fixtureDir(t)
	n := newNode(t)
	fw := n.importFile(filepath.Join(dir, "compeito-seed-001.csv"))
	data, err := os.ReadFile(filepath.Join(dir, "compeito-seed-001r.rubric.csv"))
	if err != nil {
		t.Fatal(err)
	}
	res := n.mustImport("compeito-seed-001r.rubric.csv", data)
	if res.Framework != fw.Framework || res.Items != fw.Items {
		t.Fatalf("rubric import: %+v, framework %s", res, fw.Framework)
	}
	p := n.pkg(fw.Framework)
	crit, levels := 0, 0
	items := map[string]bool{}
	for _, it := range p.CFItems {
		items[it.Identifier] = true
	}
	for _, r := range p.CFRubrics {
		for _, c := range r.CFRubricCriteria {
			crit++
			levels += len(c.CFRubricCriterionLevels)
			if c.CFItemURI == nil || !items[c.CFItemURI.Identifier] {
				t.Errorf("criterion %s assesses %v, not an item of the framework", c.Identifier, c.CFItemURI)
			}
		}
	}
	if len(p.CFRubrics) != 2 || crit != 7 || levels != 28 {
		t.Errorf("%d rubrics, %d criteria, %d levels; want 2, 7, 28", len(p.CFRubrics), crit, levels)
	}
	n.now = n.now.Add(3600e9)
	if again := n.mustImport("compeito-seed-001r.rubric.csv", data); !again.Unchanged {
		t.Errorf("re-import changed the framework")
	}
	// Without its framework, a rubric CSV is refused.
	if _, err := newNode(t).importData("compeito-seed-001r.rubric.csv", data); casefile.ErrorCode(err) != casefile.Invalid {
		t.Errorf("rubric without framework: %v", err)
	}
}
