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
