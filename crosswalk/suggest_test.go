package crosswalk

import (
	"testing"

	"github.com/casenode/casenode/casefile"
)

// An item's best candidate well ahead of the others is shown at the default
// threshold at a text score where a close call between two targets is not;
// a candidate far behind the best one is not shown.
func TestCalibrationRewardsAClearLead(t *testing.T) {
	clear := []candidate{{pos: 0, score: 0.16}, {pos: 1, score: 0.05}}
	close := []candidate{{pos: 0, score: 0.16}, {pos: 1, score: 0.15}}
	alone := []candidate{{pos: 0, score: 0.16}}
	if s := calibrate(clear, 0); s < casefile.DefaultMinScore {
		t.Errorf("a clear lead scores %.3f, under the threshold %.2f", s, casefile.DefaultMinScore)
	}
	if s := calibrate(alone, 0); s < casefile.DefaultMinScore {
		t.Errorf("the only candidate scores %.3f, under the threshold %.2f", s, casefile.DefaultMinScore)
	}
	if s := calibrate(close, 0); s >= casefile.DefaultMinScore {
		t.Errorf("a close call scores %.3f, at or over the threshold %.2f", s, casefile.DefaultMinScore)
	}
	if s := calibrate(clear, 1); s >= calibrate(close, 1) || s >= casefile.DefaultMinScore {
		t.Errorf("a candidate far behind the best scores %.3f", s)
	}
	if s := calibrate([]candidate{{pos: 0, score: 0.9}, {pos: 1, score: 0.1}}, 0); s > 1 {
		t.Errorf("scores stay within 0..1, got %.3f", s)
	}
}

// Two or more targets the engine scores alike for an item are a guess among
// them: the shown score is the best's share of the near-ties, so a pair of
// near-ties that each would be shown alone falls under the threshold, a
// third candidate well behind keeps its place under them, and a clear lead
// is not touched.
func TestCalibrationSharesANearTie(t *testing.T) {
	tie := []candidate{{pos: 0, score: 0.30}, {pos: 1, score: 0.295}, {pos: 2, score: 0.05}}
	lead := []candidate{{pos: 0, score: 0.30}, {pos: 1, score: 0.05}}
	if s := calibrate(lead, 0); s < casefile.DefaultMinScore {
		t.Fatalf("a clear lead scores %.3f, under the threshold", s)
	}
	if s := calibrate(tie, 0); s >= casefile.DefaultMinScore {
		t.Errorf("the best of two near-ties scores %.3f, at or over the threshold %.2f", s, casefile.DefaultMinScore)
	}
	if a, b, c := calibrate(tie, 0), calibrate(tie, 1), calibrate(tie, 2); !(a >= b && b > c && c > 0) {
		t.Errorf("near-ties change the order: %.3f, %.3f, %.3f", a, b, c)
	}
	three := []candidate{{pos: 0, score: 1}, {pos: 1, score: 1}, {pos: 2, score: 1}}
	if s := calibrate(three, 0); s > 0.34 || s < 0.33 {
		t.Errorf("one of three equal candidates scores %.3f, want a third", s)
	}
}
