package seed

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

func TestSynthHasExactlyTheItemsAskedForInOneTree(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 13, 100, 1000, 23456} {
		p := Synth(SynthOptions{Items: n, Seed: 42})
		if len(p.CFItems) != n {
			t.Fatalf("Items %d: got %d items", n, len(p.CFItems))
		}
		checkTree(t, p)
	}
}

// checkTree asserts unique ids and codes, and that every item hangs by exactly
// one isChildOf from the document or an item listed before it.
func checkTree(t *testing.T, p *casefile.Package) {
	t.Helper()
	doc := p.CFDocument.Identifier
	pos := map[string]int{doc: -1}
	codes := map[string]bool{}
	for i, it := range p.CFItems {
		if _, dup := pos[it.Identifier]; dup || !casefile.IsUUID(it.Identifier) {
			t.Fatalf("item %d: identifier %q duplicate or not a UUID", i, it.Identifier)
		}
		if codes[it.HumanCodingScheme] {
			t.Fatalf("item %d: code %q used twice", i, it.HumanCodingScheme)
		}
		pos[it.Identifier], codes[it.HumanCodingScheme] = i, true
	}
	parents := map[string]int{}
	for _, a := range p.CFAssociations {
		o, okO := pos[a.OriginNodeURI.Identifier]
		d, okD := pos[a.DestinationNodeURI.Identifier]
		if !okO || !okD {
			t.Fatalf("association %s leaves the framework", a.Identifier)
		}
		if a.AssociationType == casefile.IsChildOf {
			parents[a.OriginNodeURI.Identifier]++
			if d >= o {
				t.Fatalf("item %d is a child of item %d listed after it", o, d)
			}
		}
	}
	for _, it := range p.CFItems {
		if parents[it.Identifier] != 1 {
			t.Fatalf("item %s has %d parents", it.HumanCodingScheme, parents[it.Identifier])
		}
	}
}

func TestSynthTextAndLinksAreVaried(t *testing.T) {
	p := Synth(SynthOptions{Items: 20000, Seed: 7})
	statements, subjects, types, levels := map[string]bool{}, map[string]bool{}, map[string]int{}, map[string]bool{}
	for _, it := range p.CFItems {
		statements[it.FullStatement] = true
		for _, s := range it.Subject {
			subjects[s] = true
		}
		types[it.CFItemType]++
		levels[strings.Join(it.EducationLevel, ",")] = true
	}
	if len(statements) < 5000 || len(subjects) != 3 || len(types) != 5 || len(levels) != 13 {
		t.Errorf("%d distinct statements, subjects %v, item types %v, %d education levels", len(statements), subjects, types, len(levels))
	}
	assocs := map[string]int{}
	for _, a := range p.CFAssociations {
		assocs[a.AssociationType]++
	}
	for _, typ := range []string{casefile.IsChildOf, casefile.Precedes, casefile.IsRelatedTo, casefile.ExactMatchOf} {
		if assocs[typ] == 0 {
			t.Errorf("no %s association among %v", typ, assocs)
		}
	}
}

func synthBytes(t *testing.T, opt SynthOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteSynth(&buf, opt); err != nil {
		t.Fatalf("WriteSynth(%+v): %v", opt, err)
	}
	return buf.Bytes()
}

func TestWriteSynthIsDeterministic(t *testing.T) {
	opt := SynthOptions{Items: 5000, Seed: 9, BaseURL: "http://127.0.0.1:8080/", Title: "Bench \"quoted\" framework"}
	a, b := synthBytes(t, opt), synthBytes(t, opt)
	if sha256.Sum256(a) != sha256.Sum256(b) {
		t.Fatal("same options gave different bytes")
	}
	if !json.Valid(a) {
		t.Fatal("output is not JSON")
	}
	opt.Seed = 10
	if bytes.Equal(a, synthBytes(t, opt)) {
		t.Fatal("another seed gave the same bytes")
	}
	if !bytes.Contains(a, []byte(`"uri":"http://127.0.0.1:8080/ims/case/v1p1/CFItems/`)) {
		t.Error("uris are not minted under the base URL")
	}
}

func TestWriteSynthDecodesToSynth(t *testing.T) {
	opt := SynthOptions{Items: 3000, Seed: 5, Title: "Decoded"}
	got, warns, err := casefile.Decode(bytes.NewReader(synthBytes(t, opt)), casefile.DecodeOptions{})
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	for _, w := range warns {
		t.Errorf("warning %s", w)
	}
	want := Synth(opt)
	if len(got.CFItems) != len(want.CFItems) || len(got.CFAssociations) != len(want.CFAssociations) {
		t.Fatalf("decoded %d items %d associations, Synth has %d and %d",
			len(got.CFItems), len(got.CFAssociations), len(want.CFItems), len(want.CFAssociations))
	}
	for i := range want.CFItems {
		if !reflect.DeepEqual(got.CFItems[i], want.CFItems[i]) {
			t.Fatalf("item %d:\n got %+v\nwant %+v", i, got.CFItems[i], want.CFItems[i])
		}
	}
	for i := range want.CFAssociations {
		if !reflect.DeepEqual(got.CFAssociations[i], want.CFAssociations[i]) {
			t.Fatalf("association %d:\n got %+v\nwant %+v", i, got.CFAssociations[i], want.CFAssociations[i])
		}
	}
	if got.CFDocument.Title != "Decoded" || len(got.CFDefinitions.CFItemTypes) != 5 || len(got.CFDefinitions.CFSubjects) != 3 {
		t.Errorf("document %q, %d item types, %d subjects", got.CFDocument.Title, len(got.CFDefinitions.CFItemTypes), len(got.CFDefinitions.CFSubjects))
	}
	if probs := casefile.Validate(want); len(probs) > 0 {
		t.Errorf("Synth package has problems: %v", probs[:min(5, len(probs))])
	}
}

// heapWatcher discards what it is given and records the largest heap seen.
type heapWatcher struct {
	written, next int
	peak          uint64
}

func (h *heapWatcher) Write(p []byte) (int, error) {
	h.written += len(p)
	if h.written >= h.next {
		h.next = h.written + 8<<20
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		h.peak = max(h.peak, m.HeapAlloc)
	}
	return len(p), nil
}

func TestWriteSynthStreams(t *testing.T) {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	h := &heapWatcher{}
	const items = 200_000
	if err := WriteSynth(h, SynthOptions{Items: items, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	// The output is ~300 MB; holding the items would need several hundred MB.
	if grew := int64(h.peak) - int64(before.HeapAlloc); grew > 48<<20 {
		t.Errorf("heap grew by %d MB while writing %d MB", grew>>20, h.written>>20)
	}
	if h.written < items*500 {
		t.Errorf("only %d bytes written for %d items", h.written, items)
	}
}

type failingWriter struct{ after int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.after -= len(p); f.after < 0 {
		return 0, io.ErrClosedPipe
	}
	return len(p), nil
}

func TestWriteSynthReportsBadOptionsAndWriteErrors(t *testing.T) {
	for _, opt := range []SynthOptions{
		{Items: -1},
		{Items: MaxSynthItems + 1},
		{Items: 10, BaseURL: "ftp://example.org"},
		{Items: 10, BaseURL: "not a url"},
		{Items: 10, Title: strings.Repeat("x", 2000)},
	} {
		err := WriteSynth(io.Discard, opt)
		if casefile.ErrorCode(err) != casefile.Invalid {
			t.Errorf("WriteSynth(%+v): got %v, want an invalid error", opt, err)
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Synth(%+v) did not panic", opt)
				}
			}()
			Synth(opt)
		}()
	}
	err := WriteSynth(&failingWriter{after: 200 << 10}, SynthOptions{Items: 10000})
	if err == nil || !strings.Contains(err.Error(), io.ErrClosedPipe.Error()) {
		t.Errorf("write error: got %v", err)
	}
}

func TestSynthWalkEndsWhenToldToStop(t *testing.T) {
	opt, err := SynthOptions{Items: 100000}.normalized()
	if err != nil {
		t.Fatal(err)
	}
	visited := 0
	w := newSynthWalker(opt, func(n, parent *synthNode) { visited++ })
	w.stop = func() bool { return visited >= 10 }
	w.walk(opt.Items)
	if visited != 10 {
		t.Errorf("walk visited %d items after being told to stop at 10", visited)
	}
}

func BenchmarkWriteSynth(b *testing.B) {
	const items = 100_000
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteSynth(io.Discard, SynthOptions{Items: items, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(items*b.N)/b.Elapsed().Seconds(), "items/s")
}

func BenchmarkSynth1M(b *testing.B) {
	const items = 1_000_000
	for b.Loop() {
		if p := Synth(SynthOptions{Items: items, Seed: 1}); len(p.CFItems) != items {
			b.Fatal(len(p.CFItems))
		}
	}
	b.ReportMetric(float64(items*b.N)/b.Elapsed().Seconds(), "items/s")
}
