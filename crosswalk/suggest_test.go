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
