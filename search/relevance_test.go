package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// Items of the real fixtures the relevance cases expect (by identifier).
const (
	ccss5NFA1      = "6b9c1a30-d7cc-11e8-824f-0242ac160002" // 5.NF.A.1 add/subtract unlike denominators
	ccss3NFA3b     = "6ba187f3-d7cc-11e8-824f-0242ac160002" // 3.NF.A.3.b simple equivalent fractions
	ccss8GB        = "6b9d1b5c-d7cc-11e8-824f-0242ac160002" // 8.G.B Understand and apply the Pythagorean Theorem
	ccss8GB7       = "6ba063cb-d7cc-11e8-824f-0242ac160002" // 8.G.B.7 Pythagorean unknown side lengths
	ccss2NBTA      = "6b9b4024-d7cc-11e8-824f-0242ac160002" // 2.NBT.A Understand place value
	ccss7GB4       = "6b9eebe1-d7cc-11e8-824f-0242ac160002" // 7.G.B.4 area and circumference of a circle
	ccssREIB4b     = "6ba1d10e-d7cc-11e8-824f-0242ac160002" // HSA-REI.B.4.b solve quadratic equations
	ccss6RPA2      = "6b9d6aa3-d7cc-11e8-824f-0242ac160002" // 6.RP.A.2 unit rate
	ccss4GA3       = "6b9e25bb-d7cc-11e8-824f-0242ac160002" // 4.G.A.3 line of symmetry
	ccss8EEB6      = "6b9fff6f-d7cc-11e8-824f-0242ac160002" // 8.EE.B.6 slope, similar triangles
	ccssREID10     = "6b9ca838-d7cc-11e8-824f-0242ac160002" // HSA-REI.D.10
	ccss4NFB4      = "6b9ecdc0-d7cc-11e8-824f-0242ac160002" // 4.NF.B.4 multiply a fraction by a whole number
	teks7b3H       = "bc58f0f4-c764-5350-83e1-2aeffb85f057" // 111.7.b.3.H fractions with unequal denominators
	teksCoins      = "42b1a949-fd54-5fb6-a8f6-82b0d5de510c" // 111.3.b.4.A identify U.S. coins
	teksPythModels = "2fed9d72-0807-5a75-9299-3d0c17255a76" // 111.28.b.6.C explain the Pythagorean theorem
	teksQuadr      = "8e5d0828-8454-5cdd-b5bd-2573f2c81f0c" // 111.5.b.6.B quadrilaterals
	teksEquivFrac  = "cb47cb81-5e31-5997-9384-1cc5b7cb0920" // 111.26.b.5.C equivalent fractions, decimals, percents
	teksQuadratic  = "c663451e-af7c-541e-810a-0b632bfde4f0" // 111.39.c.8.A quadratic formula
	ngssKPS21      = "33a31fb5-d7cc-11e8-824f-0242ac160002" // K-PS2-1 pushes and pulls
	ngssMSLS16     = "34160571-d7cc-11e8-824f-0242ac160002" // MS-LS1-6 photosynthesis
	ngssHSLS15     = "341736b2-d7cc-11e8-824f-0242ac160002" // HS-LS1-5 photosynthesis model
	ngssHSLS44     = "34177abf-d7cc-11e8-824f-0242ac160002" // HS-LS4-4 natural selection, adaptation
	ngssKESS21     = "33b6b612-d7cc-11e8-824f-0242ac160002" // K-ESS2-1 local weather patterns
	ngssESS2B      = "342e1c04-d7cc-11e8-824f-0242ac160002" // ESS2.B Plate Tectonics
	ngssPS3B       = "342bf0a7-d7cc-11e8-824f-0242ac160002" // PS3.B Conservation of Energy
	ngssPhotoDCI   = "342cd437-d7cc-11e8-824f-0242ac160002" // "The process of photosynthesis converts light energy..."
	ngssSelection  = "342d90a2-d7cc-11e8-824f-0242ac160002" // "Natural selection leads to adaptation..."
	sbacDOK1Math   = "c938b823-f89c-49cf-9f69-810a78fbc7e0" // M-DOK1 recall
)

type relevanceCase struct {
	query   string
	filters map[string][]string
	want    []string // must all be in the top 3
	first   string   // must be ranked first
	fuzzy   bool     // typo tolerance must have been used
}

func relevanceCases() []relevanceCase {
	ccss := []string{fwCCSS}
	teks := []string{fwTEKS}
	level := func(l string) []string { return []string{l} }
	return []relevanceCase{
		// codes typed as the query
		{query: "5.NF.A.1", first: ccss5NFA1},
		{query: "5.nf.a.1", first: ccss5NFA1},
		{query: "111.7(b)(3)(H)", first: teks7b3H},
		{query: "K-PS2-1", first: ngssKPS21},
		{query: "HSA-REI.D.10", first: ccssREID10},
		{query: "8.EE.B.6", first: ccss8EEB6},
		// topics
		{query: "equivalent fractions", filters: map[string][]string{casefile.FacetFramework: ccss, casefile.FacetEducationLevel: level("03")}, want: []string{ccss3NFA3b}},
		{query: "pythagorean theorem", filters: map[string][]string{casefile.FacetFramework: ccss}, want: []string{ccss8GB}},
		{query: "natural selection adaptation", want: []string{ngssHSLS44}},
		{query: "pennies nickels dimes", filters: map[string][]string{casefile.FacetFramework: teks}, want: []string{teksCoins}},
		{query: "quadratic formula", filters: map[string][]string{casefile.FacetFramework: ccss}, want: []string{ccssREIB4b}},
		{query: "line of symmetry", filters: map[string][]string{casefile.FacetFramework: ccss}, want: []string{ccss4GA3}},
		{query: "quadrilaterals", filters: map[string][]string{casefile.FacetFramework: teks}, want: []string{teksQuadr}},
		{query: "depth of knowledge recall", want: []string{sbacDOK1Math}},
		{query: "conservation of energy", want: []string{ngssPS3B}},
		{query: `"unit rate"`, filters: map[string][]string{casefile.FacetEducationLevel: level("06"), casefile.FacetFramework: ccss}, want: []string{ccss6RPA2}},
		// grade-filtered
		{query: "photosynthesis", filters: map[string][]string{casefile.FacetEducationLevel: level("06")}, want: []string{ngssMSLS16}},
		{query: "place value", filters: map[string][]string{casefile.FacetEducationLevel: level("02")}, want: []string{ccss2NBTA}},
		{query: "area and circumference of a circle", filters: map[string][]string{casefile.FacetEducationLevel: level("07")}, want: []string{ccss7GB4}},
		{query: "weather patterns", filters: map[string][]string{casefile.FacetEducationLevel: level("KG")}, want: []string{ngssKESS21}},
		{query: "plate tectonics", filters: map[string][]string{casefile.FacetEducationLevel: level("09")}, want: []string{ngssESS2B}},
		{query: "slope", filters: map[string][]string{casefile.FacetEducationLevel: level("08")}, want: []string{ccss8EEB6}},
		{query: "multiply fractions by whole number", filters: map[string][]string{casefile.FacetEducationLevel: level("04")}, want: []string{ccss4NFB4}},
		// misspellings
		{query: "photosynthsis", want: []string{ngssHSLS15}, fuzzy: true},
		{query: "equivalent fractoins", filters: map[string][]string{casefile.FacetFramework: teks}, want: []string{teksEquivFrac}, fuzzy: true},
		{query: "pythagorian theorem", filters: map[string][]string{casefile.FacetFramework: teks}, want: []string{teksPythModels}, fuzzy: true},
		{query: "quadratic formla", filters: map[string][]string{casefile.FacetFramework: teks}, want: []string{teksQuadratic}, fuzzy: true},
	}
}

type alignCase struct {
	name    string
	text    string
	filters map[string][]string
	want    []string // must all be in the top 5
}

func alignCases() []alignCase {
	return []alignCase{
		{name: "unlike denominators", want: []string{ccss5NFA1},
			text: "In this lesson students add and subtract fractions that have different denominators. They find a common denominator by rewriting each fraction as an equivalent fraction, then combine the numerators. Students also work with mixed numbers and check answers using visual fraction models."},
		{name: "photosynthesis lab", want: []string{ngssPhotoDCI},
			text: "Students grow bean plants under lamps and in the dark and compare how much sugar the leaves make. They build a model showing how plants use light energy, carbon dioxide and water to produce sugars and release oxygen, and explain how that stored chemical energy moves through the food chain."},
		{name: "right triangles", want: []string{ccss8GB7},
			text: "Students explore the Pythagorean theorem. They measure the sides of right triangles drawn on grid paper and discover that the square of the hypotenuse equals the sum of the squares of the legs, then use it to find unknown side lengths of ramps and ladders."},
		{name: "coins", want: []string{teksCoins},
			text: "Young students sort a pile of pennies, nickels, dimes and quarters by their value. They describe how many pennies make a nickel and count collections of coins by fives and tens."},
		{name: "weather journal", want: []string{ngssKESS21},
			text: "Each morning the class records the temperature, cloud cover and whether it is sunny, rainy or snowy on a chart. After a month they look for patterns in the local weather and talk about how forecasters warn people about severe storms."},
		{name: "beaks simulation", want: []string{ngssSelection},
			text: "Students simulate birds with different beak shapes competing for seeds. Over several rounds the birds with better-suited beaks survive and reproduce, and students graph how the trait becomes more common in the population, explaining adaptation through natural selection."},
		{name: "quadratics, high school only", want: []string{ccssREIB4b},
			filters: map[string][]string{casefile.FacetFramework: {fwCCSS}, casefile.FacetEducationLevel: {"09"}},
			text:    "Students solve quadratic equations by factoring, completing the square and using the quadratic formula, and decide which method is most efficient for each equation."},
	}
}

// TestRelevance checks what a curriculum designer would type, and lesson
// passages sent for alignment, against the real fixtures.
func TestRelevance(t *testing.T) {
	ix := realIndex(t)
	t.Run("search", func(t *testing.T) {
		for _, c := range relevanceCases() {
			res := doSearch(t, ix, casefile.SearchRequest{Query: c.query, Filters: c.filters, Size: 3})
			got := hitIDs(res.Hits)
			if c.first != "" && (len(got) == 0 || got[0] != c.first) {
				t.Errorf("%q: want %s first, got %v", c.query, c.first, describe(res.Hits))
			}
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("%q %v: want %s in the top 3, got %v", c.query, c.filters, w, describe(res.Hits))
				}
			}
			if c.fuzzy && !res.Fuzzy {
				t.Errorf("%q: typo tolerance not used", c.query)
			}
			if c.first != "" && res.Fuzzy {
				t.Errorf("%q: a code must not be matched loosely", c.query)
			}
		}
	})
	t.Run("align", func(t *testing.T) {
		for _, c := range alignCases() {
			res, err := ix.Align(context.Background(), c.text, casefile.SearchRequest{Filters: c.filters, Size: 5})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res.Hits)
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("%s: want %s in the top 5, got %v", c.name, w, describe(res.Hits))
				}
			}
			for i := 1; i < len(res.Hits); i++ {
				if res.Hits[i].Score > res.Hits[i-1].Score {
					t.Errorf("%s: hits not in score order", c.name)
				}
			}
		}
	})
}

func describe(hits []casefile.SearchHit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		st := h.FullStatement
		if len(st) > 50 {
			st = st[:50]
		}
		out[i] = strings.TrimSpace(h.HumanCodingScheme + " " + st)
	}
	return out
}
