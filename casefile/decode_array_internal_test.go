package casefile

import (
	"encoding/json"
	"strings"
	"testing"
)

// panicMessage runs fn and returns what it panicked with ("" for nothing).
func panicMessage(fn func()) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			msg, _ = v.(string)
			if msg == "" {
				msg = "a panic"
			}
		}
	}()
	fn()
	return ""
}

// A bug that panics while a worker decodes an element panics in the
// caller's goroutine (where a server recovers it), not in the worker's
// (which would end the process).
func TestDecodePanicReachesCaller(t *testing.T) {
	in := "[" + strings.Repeat("{},", 2999) + "{}]"
	for _, workers := range []int{1, 3} {
		s := &stream{dec: json.NewDecoder(strings.NewReader(in)), opt: DecodeOptions{parallel: parallelism{workers: workers, chunkElems: 16}}}
		st := &decodeState{r: &report{}, limits: DefaultLimits(), strs: &internTable{}}
		msg := panicMessage(func() {
			_, _ = array(s, "$.CFItems", st, nil, func(_ *decodeState, _ map[string]json.RawMessage, path string) int {
				if path == "$.CFItems[1700]" {
					panic("element 1700")
				}
				return 0
			})
		})
		if !strings.Contains(msg, "element 1700") || !strings.Contains(msg, "decodeChunk") {
			t.Errorf("%d workers: panic %q, want element 1700's with the worker's stack", workers, msg)
		}
	}
	msg := panicMessage(concurrently(func() { panic("in validate") }))
	if !strings.Contains(msg, "in validate") {
		t.Errorf("concurrently: panic %q", msg)
	}
}

// Elements of 3 MB travel alone, and the reader waits for the workers once
// 8 MB are in flight (not for 2 chunks a worker: 27 MB with 4 workers).
func TestDecodeBoundsBytesInFlight(t *testing.T) {
	elem := `{"a":"` + strings.Repeat("x", 3<<20) + `"}`
	in := "[" + strings.Repeat(elem+",", 19) + elem + "]"
	s := &stream{dec: json.NewDecoder(strings.NewReader(in))}
	if tok, err := s.dec.Token(); err != nil || tok != json.Delim('[') {
		t.Fatal(tok, err)
	}
	st := &decodeState{r: &report{}, limits: Limits{MaxObjectBytes: 4 << 20}.WithDefaults(), strs: &internTable{}}
	n := 0
	a := &arrayReader[int]{st: st, par: parallelism{workers: 4}.withDefaults(),
		decode: func(*decodeState, map[string]json.RawMessage, string) int { return 1 }}
	err := a.read(s, "$.CFItems")
	a.stop()
	for _, v := range a.out.appendTo(nil) {
		n += v
	}
	if err != nil || n != 20 {
		t.Fatalf("%d elements decoded, error %v", n, err)
	}
	if most := maxInFlight + len(elem); a.peakInFlight > most {
		t.Errorf("%d bytes in flight at most, want at most %d", a.peakInFlight, most)
	}
}
