package crosswalk

import (
	"slices"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// tree builds a framework tree from (id, parent, type, statement, levels) rows.
func tree(rows [][5]string) *frameworkTree {
	var items []casefile.Item
	var assocs []casefile.Association
	for _, r := range rows {
		it := casefile.Item{Identifier: r[0], CFItemType: r[2], FullStatement: r[3]}
		if r[4] != "" {
			it.EducationLevel = []string{r[4]}
		}
		items = append(items, it)
		if r[1] != "" {
			assocs = append(assocs, casefile.Association{AssociationType: casefile.IsChildOf,
				OriginNodeURI: casefile.LinkGenURI{Identifier: r[0]}, DestinationNodeURI: casefile.LinkGenURI{Identifier: r[1]}})
		}
	}
	return newFrameworkTree(items, assocs)
}

func TestTreeInheritsLevelsAndFindsHeadings(t *testing.T) {
	tr := tree([][5]string{
		{"sub", "", "Subchapter", "Subchapter A. Elementary", ""},
		{"impl", "sub", "Implementation", "Implementation of Texas Essential Knowledge and Skills for Mathematics, Elementary.", ""},
		{"k", "sub", "Grade/Course", "Kindergarten, Adopted 2012.", ""},
		{"ks", "k", "Knowledge and Skills", "Knowledge and skills.", ""},
		{"strand", "ks", "Strand", "Number and operations. The student applies mathematical process standards to represent and compare whole numbers.", ""},
		{"se", "strand", "Student Expectation", "count forward and backward to at least 20 with and without objects;", ""},
		{"own", "strand", "Student Expectation", "an item that says its own level", "03"},
		{"g6", "", "", "Grade 6, Middle School Advanced Mathematics", ""},
		{"g6a", "g6", "", "Understand ratios.", ""},
		{"g6b", "g6a", "", "Understand the concept of a ratio and use ratio language to describe a ratio relationship between two quantities.", ""},
		{"alg", "", "Course", "Algebra I, Adopted 2012 (One Credit).", ""},
		{"alg1", "alg", "", "solve linear equations in one variable", ""},
		{"lone", "", "", "A statement with no tree and no level.", ""},
	})
	levels := map[string][]string{"sub": {"KG", "01", "02", "03", "04", "05"}, "impl": {"KG", "01", "02", "03", "04", "05"},
		"k": {"KG"}, "ks": {"KG"}, "strand": {"KG"}, "se": {"KG"}, "own": {"03"}, "g6": {"06"}, "g6a": {"06"}, "g6b": {"06"},
		"alg": {"09", "10", "11", "12"}, "alg1": {"09", "10", "11", "12"}, "lone": nil}
	for id, want := range levels {
		if got := tr.levels[tr.index[id]].levels(); !slices.Equal(got, want) {
			t.Errorf("%s: levels %v, want %v", id, got, want)
		}
	}
	headings := map[string]bool{"sub": true, "impl": true, "k": true, "ks": true, "g6": true, "g6a": true, "alg": true}
	for id, i := range tr.index {
		if tr.heading[i] != headings[id] {
			t.Errorf("%s: heading %v, want %v", id, tr.heading[i], headings[id])
		}
	}
}

// A standard with lettered parts is a standard whatever its statement's
// shape (CCSS HSF-BF.A.1 "Write a function that describes a relationship
// between two quantities", parts a-c, was left out as a heading); an untyped
// item of the same shape and a typed container still head their items.
func TestTypedStandardWithPartsIsNoHeading(t *testing.T) {
	tr := tree([][5]string{
		{"cluster", "", "Cluster", "Build a function that models a relationship between two quantities.", ""},
		{"std", "cluster", "Standard", "Write a function that describes a relationship between two quantities", ""},
		{"std.a", "std", "Standard", "Determine an explicit expression, a recursive process, or steps for calculation from a context.", ""},
		{"untyped", "", "", "Write a function that describes a relationship between two quantities", ""},
		{"untyped.a", "untyped", "", "Determine an explicit expression from a context.", ""},
	})
	for id, want := range map[string]bool{"cluster": true, "std": false, "std.a": false, "untyped": true, "untyped.a": false} {
		if got := tr.heading[tr.index[id]]; got != want {
			t.Errorf("%s: heading %v, want %v", id, got, want)
		}
	}
}

func TestLevelFactorOrdersSameNearFar(t *testing.T) {
	k, g1, g4, hs := parseLevels([]string{"KG"}), parseLevels([]string{"01"}), parseLevels([]string{"04"}), parseLevels([]string{"09", "10", "11", "12"})
	same, near, far, unknown := levelFactor(k, k), levelFactor(k, g1), levelFactor(k, g4), levelFactor(k, 0)
	if !(same > unknown && unknown > near && near > far) || levelFactor(k, hs) != far {
		t.Errorf("same %v, unknown %v, near %v, far %v", same, unknown, near, far)
	}
	if d := parseLevels([]string{"08"}).distance(hs); d != 1 {
		t.Errorf("grade 8 to high school: distance %d", d)
	}
}

// The gap in grades between two level sets, which the level prior reads.
func TestLevelDistance(t *testing.T) {
	for _, c := range []struct {
		a, b []string
		want int
	}{
		{[]string{"KG"}, []string{"03"}, 3},
		{[]string{"PK"}, []string{"12"}, 13},
		{[]string{"03", "04"}, []string{"06"}, 2},
		{[]string{"09", "10", "11", "12"}, []string{"07"}, 2},
		{[]string{"05"}, []string{"05", "06"}, 0},
		{[]string{"08"}, []string{"KG", "11"}, 3},
		{nil, []string{"03"}, -1},
	} {
		if got := parseLevels(c.a).distance(parseLevels(c.b)); got != c.want {
			t.Errorf("distance(%v, %v) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
