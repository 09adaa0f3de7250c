package crosswalk

import "testing"

// The entry of a framework is the same until it is the least recently used
// of more than max frameworks.
func TestRecentKeepsTheLastFrameworksUsed(t *testing.T) {
	var r recent[frameEntry]
	a, b := r.entry("A", 2), r.entry("B", 2)
	if r.entry("A", 2) != a {
		t.Fatal("A's entry changed while it was kept")
	}
	r.entry("C", 2) // B is now the least recently used
	if r.entry("A", 2) != a {
		t.Error("A, used after B, was dropped")
	}
	if r.entry("B", 2) == b {
		t.Error("B, the least recently used of three, was kept with a bound of two")
	}
	if len(r.entries) != 2 || len(r.frameworks) != 2 {
		t.Errorf("%d entries and %d names kept, bound 2", len(r.entries), len(r.frameworks))
	}
}
