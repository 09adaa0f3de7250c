package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/casenode/casenode/seed"
)

// POST /api/v1/align on a node wired as `casenode serve` wires it ranks
// with the crosswalk engine: a heading ("Fractional reasoning", a skill
// category of the seeded Core Numeracy framework) is not offered even when
// the passage repeats its words, the skills under it are, and scores are
// on the crosswalk's 0..1 scale.
func TestServedAlignRanksWithTheCrosswalkEngine(t *testing.T) {
	w := newWiredNode(t)
	body := `{"text": "Fractional reasoning: pupils place fractions on a number line and compare them.",
		"filters": {"framework": ["` + seed.Expected().Frameworks.Numeracy + `"]}, "size": 5}`
	code, out := w.do(t, http.MethodPost, "/api/v1/align", "application/json", strings.NewReader(body))
	if code != http.StatusOK {
		t.Fatalf("align: %d %.300s", code, out)
	}
	var res struct {
		Hits []struct {
			HumanCodingScheme string
			CFItemType        string
			Score             float64
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || !strings.HasPrefix(res.Hits[0].HumanCodingScheme, "CNS.FR.") {
		t.Fatalf("aligned %+v, want a fractional reasoning skill first", res.Hits)
	}
	for _, h := range res.Hits {
		if h.CFItemType == "Skill Category" || h.Score <= 0 || h.Score > 1 {
			t.Errorf("hit %s (%s) scored %v: a heading, or a score off the 0..1 scale", h.HumanCodingScheme, h.CFItemType, h.Score)
		}
	}
}
