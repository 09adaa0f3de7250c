package store

import (
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// An object's hash is the hex sha256 of its stored JSON (see encoder).

// idHash is one object of a framework in the content hash.
type idHash struct{ id, hash string }

// contentParts is everything the content hash covers, as stored.
type contentParts struct {
	document string // hash of the stored document JSON
	extra    string // hash of the package-level extra JSON
	items    []idHash
	assocs   []idHash
	defs     []idHash // id is kind + "/" + identifier
	rubrics  []idHash
}

// contentHash is the framework's canonical content hash: sha256 over the
// document, package extras and the (identifier, hash) pairs of every object
// sorted by identifier. It does not depend on array order, and it can be
// recomputed from the stored rows alone.
func contentHash(p contentParts) string {
	h := sha256.New()
	var line []byte // one line at a time, without allocating per object
	w := func(s ...string) {
		line = line[:0]
		for i, x := range s {
			if i > 0 {
				line = append(line, '\x1f')
			}
			line = append(line, x...)
		}
		h.Write(append(line, '\n'))
	}
	w("casenode-content-v1", p.document, p.extra)
	for _, set := range []struct {
		name string
		list []idHash
	}{{"items", p.items}, {"associations", p.assocs}, {"definitions", p.defs}, {"rubrics", p.rubrics}} {
		order := make([]int32, len(set.list)) // sorted by identifier: 4 bytes an object, not a copy of the list
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int { return strings.Compare(set.list[a].id, set.list[b].id) })
		w(set.name)
		for _, i := range order {
			w(set.list[i].id, set.list[i].hash)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// hashParallelMin is the object count from which hashAll uses more than one
// goroutine (below it, starting them costs more than it saves).
const hashParallelMin = 2000

// hashAll sets out[i] = hash(enc, i) for every i, on up to GOMAXPROCS
// goroutines over contiguous ranges, each with its own encoder. The result
// does not depend on the split; the error is that of the lowest index.
func hashAll(out []string, hash func(enc *encoder, i int) (string, error)) error {
	workers := min(runtime.GOMAXPROCS(0), max(1, len(out)/hashParallelMin))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := len(out)*w/workers, len(out)*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			enc := newEncoder()
			for i := lo; i < hi && errs[w] == nil; i++ {
				out[i], errs[w] = hash(enc, i)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// pairHashes pairs each hash with the identifier of its object.
func pairHashes(hashes []string, id func(i int) string) []idHash {
	out := make([]idHash, len(hashes))
	for i, h := range hashes {
		out[i] = idHash{id(i), h}
	}
	return out
}
