package crosswalk

import (
	"slices"
	"sync"
)

// recent keeps one entry per framework for the last few frameworks used,
// the least recently used going first: the frames crosswalks read
// (frameCache) and the shapes align reads (shapeCache). An entry has its
// own lock, held while it is brought up to date, so requests for the same
// framework wait for one reading.
type recent[E any] struct {
	mu         sync.Mutex
	frameworks []string // most recent last
	entries    []*E
}

// entry finds or adds the entry of framework, keeping at most max.
func (r *recent[E]) entry(framework string, max int) *E {
	r.mu.Lock()
	defer r.mu.Unlock()
	if i := slices.Index(r.frameworks, framework); i >= 0 {
		e := r.entries[i]
		r.frameworks = append(slices.Delete(r.frameworks, i, i+1), framework)
		r.entries = append(slices.Delete(r.entries, i, i+1), e)
		return e
	}
	if len(r.entries) >= max {
		r.frameworks, r.entries = r.frameworks[1:], r.entries[1:]
	}
	e := new(E)
	r.frameworks, r.entries = append(r.frameworks, framework), append(r.entries, e)
	return e
}
