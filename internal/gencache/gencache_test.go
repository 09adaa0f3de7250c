package gencache

import (
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

// A value read under an older generation is never served once a newer one
// is current, and the cache stays within its bounds.
func TestGenerations(t *testing.T) {
	c := New[string](100, 1<<20, nil)
	c.Put(2, "k", "new")
	c.Put(1, "old", "stale") // read before the write of generation 2 committed
	if _, ok := c.Get(2, "old"); ok {
		t.Error("a value of generation 1 is served under generation 2")
	}
	if v, ok := c.Get(2, "k"); !ok || v != "new" {
		t.Errorf("Get(2, k) = %q, %v", v, ok)
	}
	if _, ok := c.Get(3, "k"); ok {
		t.Error("a value of generation 2 is served under generation 3")
	}
	c.Put(3, "k", "newer")
	if n, _ := c.Len(); n != 1 {
		t.Errorf("a newer generation keeps %d old values", n)
	}
}

func TestBounds(t *testing.T) {
	bySize := New[[]byte](1000, 1<<16, func(k string, v []byte) int64 { return int64(len(k) + len(v)) })
	for i := 0; i < 100; i++ {
		bySize.Put(1, strconv.Itoa(i), make([]byte, 1<<11))
	}
	if n, b := bySize.Len(); b > 1<<16 || n < 16 {
		t.Errorf("%d values, %d bytes (bound %d)", n, b, 1<<16)
	}
	bySize.Put(1, "huge", make([]byte, 1<<13)) // over a sixteenth of the bound
	if _, ok := bySize.Get(1, "huge"); ok {
		t.Error("a value over a sixteenth of the bound is kept")
	}
	byCount := New[int](10, 1<<20, nil)
	for i := 0; i < 100; i++ {
		byCount.Put(1, strconv.Itoa(i), i)
	}
	v, ok := byCount.Get(1, "99")
	if n, _ := byCount.Len(); n != 10 || !ok || v != 99 {
		t.Errorf("%d values (bound 10), the last put kept: %v", n, ok)
	}
}

// Readers and a writer at once: every value served under a generation was
// computed at that generation or later (the store a value is read from
// moves forward only), however the reads and writes interleave.
func TestNeverOlderThanItsGeneration(t *testing.T) {
	var version atomic.Uint64 // the "store": its data is its version
	c := New[uint64](16, 1<<20, nil)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for r := 0; r < 8; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20_000; i++ {
				gen := version.Load() // before the read
				v, _ := c.Load(gen, strconv.Itoa(i%4), func() (uint64, error) { return version.Load(), nil })
				if v < gen {
					t.Errorf("generation %d served data of version %d", gen, v)
					return
				}
			}
		}()
	}
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
				version.Add(1)
				runtime.Gosched()
			}
		}
	}()
	wg.Wait()
	close(stop)
}
