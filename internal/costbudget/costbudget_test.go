package costbudget

import (
	"testing"
	"time"
)

// Budgets left zero take the documented defaults; a client may spend ten
// requests' worth per window; budgets given are kept.
func TestBudgetsDefaults(t *testing.T) {
	if m, c, w := Budgets(0, 0, 0); m != DefaultMaxCost || c != 10*DefaultMaxCost || w != DefaultWindow {
		t.Errorf("defaults: %d, %d, %s", m, c, w)
	}
	if m, c, w := Budgets(1000, 0, 0); m != 1000 || c != 10_000 || w != DefaultWindow {
		t.Errorf("client budget from a request budget of 1000: %d, %d, %s", m, c, w)
	}
	if m, c, w := Budgets(5, 7, time.Second); m != 5 || c != 7 || w != time.Second {
		t.Errorf("given budgets changed: %d, %d, %s", m, c, w)
	}
}
