package crosswalk_test

import (
	"context"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Identifiers of the real fixtures' CFDocuments.
const (
	teksMath = "bc997e24-7f3b-5df0-a0cd-3a8ac9cf0e2e" // Texas TEKS, Chapter 111. Mathematics
	ccssMath = "c6496676-d7cb-11e8-824f-0242ac160002" // Common Core State Standards for Math
)

// teksToCCSS are TEKS items whose CCSS counterpart was checked by reading
// both statements; the counterpart must be among the top 3 suggestions.
var teksToCCSS = []struct{ teks, ccss, why string }{
	// K: "compare two objects with a common measurable attribute … more of/less of" = "Directly compare two objects with a measurable attribute in common".
	{"111.2.b.7.B", "K.MD.A.2", "compare two objects by a common measurable attribute"},
	// K: "give an example of a measurable attribute … length, capacity, and weight" = "Describe measurable attributes of objects, such as length or weight".
	{"111.2.b.7.A", "K.MD.A.1", "measurable attributes of an object"},
	// K: "classify and sort … figures regardless of orientation or size" = "Correctly name shapes regardless of their orientations or overall size".
	{"111.2.b.6.E", "K.G.A.2", "shapes regardless of orientation or size"},
	// K: "collect, sort, and organize data into two or three categories" = "Organize, represent, and interpret data with up to three categories".
	{"111.2.b.8.A", "1.MD.C.4", "organise data in up to three categories"},
	// G1 process: "select tools, including real objects, manipulatives … technology" = MP5 "Use appropriate tools strategically".
	{"111.3.b.1.C", "MP5", "select and use tools"},
	// G2: "add up to four two-digit numbers …" = "Add up to four two-digit numbers using strategies based on place value".
	{"111.4.b.4.B", "2.NBT.B.6", "add up to four two-digit numbers"},
	// G2: "10 or 100 more or less than a given number" = "Mentally add 10 or 100 to a given number … subtract 10 or 100".
	{"111.4.b.7.B", "2.NBT.B.8", "10 or 100 more or less"},
	// G2: "square units … area of a rectangle by covering it with no gaps or overlaps" = "covered without gaps or overlaps by n unit squares … area of n square units".
	{"111.4.b.9.F", "3.MD.C.5.b", "area by covering with unit squares"},
	// G3: "area of rectangles with whole number side lengths … rows times … unit squares" = "area of a rectangle with whole-number side lengths by tiling it … multiplying".
	{"111.5.b.6.C", "3.MD.C.7.a", "area of rectangles by multiplication"},
	// G3: "decompose composite figures … non-overlapping rectangles … additive property of area" = "Recognize area as additive … non-overlapping rectangles".
	{"111.5.b.6.D", "3.MD.C.7.d", "area is additive"},
	// G3: "parts with equal areas … area of each part as a unit fraction of the whole" = "Partition shapes into parts with equal areas … unit fraction".
	{"111.5.b.6.E", "3.G.A.2", "equal areas as unit fractions"},
	// G4: "round whole numbers to a given place value" = "Use place value understanding to round multi-digit whole numbers to any place".
	{"111.6.b.2.D", "4.NBT.A.3", "round whole numbers"},
	// G8: "approximate the value of an irrational number … locate … on a number line" = "rational approximations of irrational numbers … locate them approximately on a number line".
	{"111.28.b.2.B", "8.NS.A.2", "approximate irrational numbers"},
	// G8: "convert between standard decimal notation and scientific notation" = "Perform operations with numbers expressed in scientific notation … decimal and scientific notation".
	{"111.28.b.2.C", "8.EE.A.4", "scientific notation"},
	// G8: "use models and diagrams to explain the Pythagorean theorem" = "Explain a proof of the Pythagorean Theorem and its converse".
	{"111.28.b.6.C", "8.G.B.6", "explain the Pythagorean theorem"},
	// G8: "distance between two points on a coordinate plane using the Pythagorean Theorem" = "Apply the Pythagorean Theorem to find the distance between two points".
	{"111.28.b.7.D", "8.G.B.8", "distance with the Pythagorean theorem"},
	// Geometry: "two events are independent … probability of the two events occurring together" = "A and B are independent if the probability of A and B occurring together is the product".
	{"111.41.c.13.C", "HSS-CP.A.2", "independent events"},
}

func TestRealTEKSToCCSSSuggestsTheCounterpartInTopThree(t *testing.T) {
	ctx := context.Background()
	n := newMathNode(t)
	opt := casefile.CrosswalkOptions{Suggest: true}
	if testing.Short() { // only the rows checked below (the full crosswalk takes ~10 CPU-seconds)
		for _, p := range teksToCCSS {
			opt.Items = append(opt.Items, p.teks)
		}
	}
	start := time.Now()
	cw, err := n.cw.Crosswalk(ctx, teksMath, ccssMath, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("TEKS → CCSS with suggestions: %d rows in %v, coverage %+v", len(cw.Rows), time.Since(start), cw.Coverage)
	ccss, err := n.db.ItemsOf(ctx, ccssMath)
	if err != nil {
		t.Fatal(err)
	}
	codeOf := map[string]string{}
	for _, it := range ccss {
		codeOf[it.Identifier] = it.HumanCodingScheme
	}
	byCode := map[string]casefile.CrosswalkRow{}
	for _, r := range cw.Rows {
		byCode[r.Code] = r
	}
	for _, p := range teksToCCSS {
		r, ok := byCode[p.teks]
		if !ok {
			t.Errorf("no TEKS row %s", p.teks)
			continue
		}
		var got []string
		for _, m := range matchesOf(r, casefile.MatchSuggested) {
			got = append(got, codeOf[m.Target.Identifier])
		}
		if len(got) > 3 || !contains(got, p.ccss) {
			t.Errorf("%s (%s): want %s in top 3, got %v", p.teks, p.why, p.ccss, got)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, v := range ss {
		if v == s {
			return true
		}
	}
	return false
}
