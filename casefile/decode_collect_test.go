package casefile

import (
	"slices"
	"testing"
)

func TestCollectorKeepsOrderAndExactLength(t *testing.T) {
	for _, n := range []int{0, 1, firstChunk, firstChunk + 1, 3 * maxChunk, 3*maxChunk + 7} {
		var c collector[int]
		want := []int{-2, -1}
		for i := range n {
			c.add(i)
			want = append(want, i)
		}
		got := c.appendTo([]int{-2, -1})
		if !slices.Equal(got, want) || cap(got) != len(want) {
			t.Errorf("n=%d: %d elements (cap %d), equal %v", n, len(got), cap(got), slices.Equal(got, want))
		}
	}
	var c collector[int]
	if got := c.appendTo(nil); got != nil {
		t.Errorf("nothing collected gave %v, want nil", got)
	}
}
