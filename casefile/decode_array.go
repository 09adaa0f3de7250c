package casefile

import (
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
)

// The large arrays of a package (CFItems, CFAssociations) are decoded on
// several cores. The reading goroutine alone walks the input (json.Decoder
// checks and cuts out each element) and copies the elements, a run at a
// time, into chunks; workers decode the chunks, each with its own report;
// the reader merges the chunks back in their order. What comes out (objects,
// warnings, problems and their count, paths) is what one goroutine reading
// element after element gives. Memory stays flat: a few chunks are in
// flight, and a merged chunk's buffers serve the next one.

// Parallelism is the decoder's use of cores; tests compare one worker with
// several and small chunks with large (the zero value: the defaults).
type parallelism struct {
	workers    int // goroutines decoding chunks (default: GOMAXPROCS, at most maxWorkers)
	chunkElems int // elements per chunk (default chunkElems)
}

const (
	// maxWorkers bounds the workers of one array: past about two, the
	// reading goroutine is the bottleneck.
	maxWorkers = 4
	// chunkElems and chunkBytes end a chunk (whichever comes first).
	chunkElems = 512
	chunkBytes = 1 << 20
	// maxInFlight bounds the bytes of the chunks handed to the workers and
	// not merged yet: past it, the reader waits (a few large elements are
	// then decoded one after the other, as by a single reader).
	maxInFlight = 2 * maxWorkers * chunkBytes
)

func (p parallelism) withDefaults() parallelism {
	if p.workers <= 0 {
		p.workers = min(runtime.GOMAXPROCS(0), maxWorkers)
	}
	if p.chunkElems <= 0 {
		p.chunkElems = chunkElems
	}
	return p
}

// decodeFunc decodes one admitted element with a worker's state.
type decodeFunc[T any] func(st *decodeState, m map[string]json.RawMessage, path string) T

// chunk is a run of consecutive elements and, once decoded, what they gave.
type chunk[T any] struct {
	buf   []byte
	ends  []int // element i is buf[ends[i-1]:ends[i]]
	paths []string

	out      []T
	rep      *report
	owners   []ownerRef
	v11      bool
	panicked any
	done     chan struct{}
}

func (c *chunk[T]) add(raw []byte, path string) {
	c.buf = append(c.buf, raw...)
	c.ends = append(c.ends, len(c.buf))
	c.paths = append(c.paths, path)
}

// arrayReader is the reading goroutine's side of one array.
type arrayReader[T any] struct {
	st      *decodeState
	decode  decodeFunc[T]
	par     parallelism
	jobs    chan *chunk[T]
	pending []*chunk[T] // handed to the workers, in input order
	spare   []*chunk[T] // merged, to be filled again
	out     collector[T]
	stopped atomic.Bool // the read failed: workers skip what is left
	wg      sync.WaitGroup

	// inFlight is the size of the pending chunks' elements; peakInFlight
	// its largest value so far.
	inFlight, peakInFlight int
}

// array reads a JSON array of objects, decoding each admitted element with
// decode, and returns dst followed by the results in input order.
func array[T any](s *stream, path string, st *decodeState, dst []T, decode decodeFunc[T]) ([]T, error) {
	tok, err := s.dec.Token()
	if err != nil || tok == nil {
		return dst, err
	}
	if tok != json.Delim('[') {
		st.r.problem(path, "must be an array")
		return dst, s.skip(tok)
	}
	a := &arrayReader[T]{st: st, decode: decode, par: s.opt.parallel.withDefaults()}
	defer a.stop()
	if err := a.read(s, path); err != nil {
		return dst, err
	}
	_, err = s.dec.Token() // ']'
	return a.out.appendTo(dst), err
}

// read hands the elements to the workers a chunk at a time and merges what
// they give. Past the object limit, reading stops with the problems so far.
func (a *arrayReader[T]) read(s *stream, path string) error {
	var raw json.RawMessage
	c := a.chunk()
	for i := 0; s.dec.More(); i++ {
		ep := path + "[" + strconv.Itoa(i) + "]"
		s.path = ep
		if err := s.dec.Decode(&raw); err != nil {
			return err
		}
		// json.Decoder checked raw: it is an object exactly when it opens
		// with '{' (the worker's splitObjectInto then succeeds).
		if j := skipSpace(raw, 0); j < len(raw) && raw[j] == '{' {
			if a.st.atObjectLimit() { // reading further is pointless
				a.submit(c)
				a.mergeAll()
				a.st.countObject(ep)
				return invalidError(a.st.r.problems, a.st.r.nProblems)
			}
			a.st.nObjects++
		}
		if len(raw) >= chunkBytes { // goes alone, in the buffer it was read into
			a.submit(c)
			c = a.chunk()
			c.buf, raw = raw, nil
			c.ends, c.paths = append(c.ends, len(c.buf)), append(c.paths, ep)
		} else {
			c.add(raw, ep)
		}
		if len(c.ends) == a.par.chunkElems || len(c.buf) >= chunkBytes {
			a.submit(c)
			c = a.chunk()
		}
	}
	a.submit(c)
	a.mergeAll()
	return nil
}

// chunk returns an empty chunk, reusing a merged one's buffers.
func (a *arrayReader[T]) chunk() *chunk[T] {
	if n := len(a.spare); n > 0 {
		c := a.spare[n-1]
		a.spare = a.spare[:n-1]
		return c
	}
	return &chunk[T]{}
}

// submit hands c to the workers (started on the first full chunk; an array
// of one chunk is decoded right here) and merges the oldest chunks while
// too many are in flight.
func (a *arrayReader[T]) submit(c *chunk[T]) {
	if len(c.ends) == 0 {
		return
	}
	c.done = make(chan struct{})
	a.inFlight += len(c.buf)
	a.peakInFlight = max(a.peakInFlight, a.inFlight)
	if a.jobs == nil {
		if len(c.ends) < a.par.chunkElems && len(c.buf) < chunkBytes {
			a.pending = append(a.pending, c)
			a.decodeChunk(a.workerState(), c)
			return
		}
		a.start()
	}
	a.pending = append(a.pending, c)
	a.jobs <- c
	for len(a.pending) > 2*a.par.workers || a.inFlight > maxInFlight {
		a.mergeOldest()
	}
}

func (a *arrayReader[T]) start() {
	a.jobs = make(chan *chunk[T], 2*a.par.workers+1)
	for range a.par.workers {
		a.wg.Add(1)
		go func() {
			defer a.wg.Done()
			ws := a.workerState()
			for c := range a.jobs {
				a.decodeChunk(ws, c)
			}
		}()
	}
}

// workerState returns a decoding state of its own for a worker: the
// package's settings and shared strings, its own reusable maps.
func (a *arrayReader[T]) workerState() *decodeState {
	st := a.st
	return &decodeState{baseURL: st.baseURL, limits: st.limits, docID: st.docID, docURI: st.docURI, strs: st.strs}
}

// decodeChunk decodes c's elements as the sequential reader would, into c's
// own report. A panic is carried to the reader, which raises it again.
func (a *arrayReader[T]) decodeChunk(ws *decodeState, c *chunk[T]) {
	defer close(c.done)
	if a.stopped.Load() {
		return
	}
	defer carryPanic(&c.panicked)
	ws.r, ws.owners, ws.v11 = &report{}, nil, false
	c.out = make([]T, 0, len(c.ends))
	start := 0
	for i, end := range c.ends {
		raw, ep := c.buf[start:end], c.paths[i]
		start = end
		m, ok := splitObjectInto(raw, reuse(&ws.elem))
		if !ok {
			ws.r.problem(ep, "must be an object")
			continue
		}
		if ws.admitSize(m, ep) {
			c.out = append(c.out, a.decode(ws, m, ep))
		}
	}
	c.rep, c.owners, c.v11 = ws.r, ws.owners, ws.v11
}

func (a *arrayReader[T]) mergeAll() {
	for len(a.pending) > 0 {
		a.mergeOldest()
	}
}

// mergeOldest waits for the oldest chunk in flight and adds what it gave to
// the package's state; its buffers are kept for a later chunk (what is kept
// of an element was copied out of them: strings, Unknown in fields.rest).
func (a *arrayReader[T]) mergeOldest() {
	c := a.pending[0]
	a.pending[0] = nil
	a.pending = a.pending[1:]
	<-c.done
	if c.panicked != nil {
		panic(c.panicked)
	}
	a.st.r.merge(c.rep)
	a.st.owners = append(a.st.owners, c.owners...)
	a.st.v11 = a.st.v11 || c.v11
	a.out.addAll(c.out)
	a.inFlight -= len(c.buf)
	buf := c.buf[:0]
	if cap(buf) > 2*chunkBytes {
		buf = nil // a large element's: not kept
	}
	clear(c.paths)
	*c = chunk[T]{buf: buf, ends: c.ends[:0], paths: c.paths[:0]}
	a.spare = append(a.spare, c)
}

// stop ends the workers once the array is read or its reading failed.
func (a *arrayReader[T]) stop() {
	if a.jobs == nil {
		return
	}
	a.stopped.Store(true)
	close(a.jobs)
	a.wg.Wait()
}

// carryPanic, deferred in a goroutine of the decoder, keeps its panic (with
// its stack) for the goroutine that waits for it, which raises it again: a
// decoding bug then fails the one request, as it did on one goroutine.
func carryPanic(into *any) {
	if v := recover(); v != nil {
		*into = fmt.Sprintf("%v [in a decoding goroutine]\n%s", v, debug.Stack())
	}
}

// concurrently runs fn on another goroutine; wait returns once fn has, and
// raises fn's panic if it had one.
func concurrently(fn func()) (wait func()) {
	var panicked any
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer carryPanic(&panicked)
		fn()
	}()
	return func() {
		<-done
		if panicked != nil {
			panic(panicked)
		}
	}
}
