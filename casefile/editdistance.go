package casefile

// WithinEdits reports whether a and b are at most k single-byte edits
// (insertions, deletions, substitutions) apart. It stops as soon as every
// path is over k, so a long word far from a short one costs little. Search
// uses it to mark typo-tolerant hits, the CLI to suggest a mistyped command.
func WithinEdits(a, b string, k int) bool {
	if k <= 0 || abs(len(a)-len(b)) > k {
		return a == b
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > k {
			return false
		}
		prev, cur = cur, prev
	}
	return prev[len(b)] <= k
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
