package search

import (
	"context"
	"runtime"
	"sync"
)

// applier applies batches on other goroutines, up to a fixed number at a
// time, while the caller reads the next page from the store and maps it
// into the next batch. A batch's analysis runs on Bleve's workers, but
// turning it into a segment runs on the goroutine that applies it: one
// batch at a time left a core idle for most of a build (100,000 items:
// 1.2 cores busy of 2).
//
// Batches in flight hold different documents (a framework's items have
// distinct ids, and the ids deleted are the ones not indexed again), so the
// order they land in does not matter. The indexed change sequence is
// written after wait, in a durable batch, so a crash still replays
// everything applied here.
type applier struct {
	ctx context.Context
	sem chan struct{}
	wg  sync.WaitGroup

	mu  sync.Mutex
	err error
}

// applyWorkers is how many batches are applied at once.
func applyWorkers() int { return max(2, runtime.GOMAXPROCS(0)) }

func newApplier(ctx context.Context) *applier {
	return &applier{ctx: ctx, sem: make(chan struct{}, applyWorkers())}
}

// apply starts applying b (which the caller then leaves alone) once a
// worker is free. It returns the first error of an earlier batch.
func (a *applier) apply(b *batch) error {
	if err := a.failed(); err != nil {
		return err
	}
	if b.Size() == 0 {
		return nil
	}
	select {
	case a.sem <- struct{}{}:
	case <-a.ctx.Done():
		return a.ctx.Err()
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		defer func() { <-a.sem }()
		if err := flush(a.ctx, b); err != nil {
			a.mu.Lock()
			if a.err == nil {
				a.err = err
			}
			a.mu.Unlock()
		}
	}()
	return nil
}

// wait waits for every batch started and returns the first error.
func (a *applier) wait() error {
	a.wg.Wait()
	return a.failed()
}

func (a *applier) failed() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}
