package crosswalk_test

import (
	"testing"

	"github.com/casenode/casenode/crosswalk"
)

func TestLevelsCompatible(t *testing.T) {
	cases := []struct {
		a, b []string
		want bool
	}{
		{nil, []string{"03"}, true},
		{[]string{"03"}, nil, true},
		{[]string{"03"}, []string{"3"}, true},
		{[]string{"KG"}, []string{"K"}, true},
		{[]string{"Kindergarten"}, []string{"KG", "01"}, true},
		{[]string{"03", "04"}, []string{"04", "05"}, true},
		{[]string{"03"}, []string{"04"}, false},
		{[]string{"KG"}, []string{"PK"}, false},
		{[]string{"09", "10"}, []string{"11", "12"}, false},
	}
	for _, c := range cases {
		if got := crosswalk.LevelsCompatible(c.a, c.b); got != c.want {
			t.Errorf("LevelsCompatible(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestWeightsOrderEquivalenceAboveLooseLinks(t *testing.T) {
	order := []string{"exactMatchOf", "isPeerOf", "isRelatedTo", "isPartOf", "precedes"}
	for i := 1; i < len(order); i++ {
		if crosswalk.Weight(order[i-1]) <= crosswalk.Weight(order[i]) {
			t.Errorf("weight of %s (%v) not above %s (%v)", order[i-1], crosswalk.Weight(order[i-1]), order[i], crosswalk.Weight(order[i]))
		}
	}
	if crosswalk.Weight("exactMatchOf") != 1 || crosswalk.Weight("ext:alignedWith") != 0.5 {
		t.Errorf("exactMatchOf %v, ext: %v", crosswalk.Weight("exactMatchOf"), crosswalk.Weight("ext:alignedWith"))
	}
}
