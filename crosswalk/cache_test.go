package crosswalk_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/seed"
)

func TestRepeatedCrosswalkIsServedFromCacheUntilTheNodeChanges(t *testing.T) {
	ctx := context.Background()
	n := newNode(t)
	n.importSeed(t)
	exp := seed.Expected()
	opt := casefile.CrosswalkOptions{Suggest: true}
	first, err := n.cw.Crosswalk(ctx, exp.Frameworks.Northwind, exp.Frameworks.Progression, opt)
	if err != nil {
		t.Fatal(err)
	}
	want := *first
	want.Rows = append([]casefile.CrosswalkRow(nil), first.Rows...)
	// A caller changing its copy does not change the next answer.
	first.Rows[0].Matches = append(first.Rows[0].Matches, casefile.CrosswalkMatch{Kind: "bogus"})
	first.Rows = first.Rows[:1]
	second, err := n.cw.Crosswalk(ctx, exp.Frameworks.Northwind, exp.Frameworks.Progression, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(second.Rows, want.Rows) {
		t.Fatal("second answer differs from the first")
	}
	// An accepted link changes the node, so the same request sees it.
	p := exp.Suggestions[2]
	if _, err := n.cw.Accept(ctx, p.Source, p.Target, casefile.ExactMatchOf, "curator"); err != nil {
		t.Fatal(err)
	}
	third, err := n.cw.Crosswalk(ctx, exp.Frameworks.Northwind, exp.Frameworks.Progression, opt)
	if err != nil {
		t.Fatal(err)
	}
	if ex := matchesOf(row(t, third, p.Source), casefile.MatchExplicit); len(ex) != 1 || ex[0].Target.Identifier != p.Target {
		t.Errorf("after accept, explicit matches of %s: %+v", p.SourceCode, ex)
	}
}

// countingStore counts how often a crosswalk reads whole frameworks.
type countingStore struct {
	crosswalk.Store
	reads atomic.Int64
}

func (s *countingStore) ItemsOf(ctx context.Context, fw string) ([]casefile.Item, error) {
	s.reads.Add(1)
	return s.Store.ItemsOf(ctx, fw)
}

// countingCrosswalker is a Crosswalker of its own on n's store and index
// whose framework reads are counted.
func countingCrosswalker(t *testing.T, n *node) (*countingStore, *crosswalk.Crosswalker) {
	t.Helper()
	st := &countingStore{Store: n.db}
	cw, err := crosswalk.New(crosswalk.Config{Store: st, Search: n.ix, Importer: n, BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	return st, cw
}

// Item pages ask for one item at a time: they are answered from the whole
// crosswalk when it is cached, agree with it, and do not push it out.
func TestPerItemCrosswalksUseAndKeepTheWholeOne(t *testing.T) {
	ctx := context.Background()
	n := newNode(t)
	n.importSeed(t)
	exp := seed.Expected()
	st, cw := countingCrosswalker(t, n)
	opt := casefile.CrosswalkOptions{Suggest: true, MinScore: casefile.DefaultMinScore, MaxSuggestion: 3}
	whole, err := cw.Crosswalk(ctx, exp.Frameworks.Northwind, exp.Frameworks.Progression, opt)
	if err != nil {
		t.Fatal(err)
	}
	computed := st.reads.Load()
	for i, r := range whole.Rows {
		if i == 12 {
			break
		}
		one := opt
		one.Items = []string{r.Source.Identifier}
		got, err := cw.Crosswalk(ctx, exp.Frameworks.Northwind, exp.Frameworks.Progression, one)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Rows) != 1 || !reflect.DeepEqual(got.Rows[0], r) {
			t.Errorf("item %s alone: %+v, in the whole crosswalk: %+v", r.Code, got.Rows, r)
		}
	}
	if _, err := cw.Crosswalk(ctx, exp.Frameworks.Northwind, exp.Frameworks.Progression, opt); err != nil {
		t.Fatal(err)
	}
	if extra := st.reads.Load() - computed; extra != 0 {
		t.Errorf("12 item requests and the whole crosswalk again read frameworks %d more times, want 0 (all from the cached whole)", extra)
	}
}

// The compare page's score filter and GraphQL's minScore ask for the same
// crosswalk at other thresholds: one computation answers all of them, and
// each answer is the one computed at its threshold.
func TestOneComputationServesEveryThreshold(t *testing.T) {
	ctx := context.Background()
	n := newNode(t)
	n.importSeed(t)
	exp := seed.Expected()
	st, cw := countingCrosswalker(t, n)
	src, tgt := exp.Frameworks.Northwind, exp.Frameworks.Progression
	if _, err := cw.Crosswalk(ctx, src, tgt, casefile.CrosswalkOptions{Suggest: true, MinScore: casefile.DefaultMinScore}); err != nil {
		t.Fatal(err)
	}
	computed := st.reads.Load()
	shown := map[float64]int{}
	for _, min := range []float64{0, 0.2, 0.5, 0.8, casefile.DefaultMinScore} {
		opt := casefile.CrosswalkOptions{Suggest: true, MinScore: min}
		got, err := cw.Crosswalk(ctx, src, tgt, opt)
		if err != nil {
			t.Fatal(err)
		}
		// A fresh Crosswalker has no cache: it computes at this threshold.
		fresh, err := crosswalk.New(crosswalk.Config{Store: n.db, Search: n.ix, Importer: n, BaseURL: testBase})
		if err != nil {
			t.Fatal(err)
		}
		want, err := fresh.Crosswalk(ctx, src, tgt, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Rows, want.Rows) || got.Coverage != want.Coverage {
			t.Errorf("at minScore %g the cached answer differs from the computed one (coverage %+v, want %+v)", min, got.Coverage, want.Coverage)
		}
		for _, r := range got.Rows {
			for _, m := range matchesOf(r, casefile.MatchSuggested) {
				if m.Score < min {
					t.Errorf("at minScore %g, %s suggests %s at %g", min, r.Code, m.Target.Identifier, m.Score)
				}
				shown[min]++
			}
		}
	}
	if extra := st.reads.Load() - computed; extra != 0 {
		t.Errorf("five thresholds read frameworks %d more times, want 0", extra)
	}
	if shown[0] <= shown[0.8] {
		t.Errorf("suggestions shown at 0: %d, at 0.8: %d; the threshold should leave some out", shown[0], shown[0.8])
	}
}

// A crosswalk computed again after a decision reads and analyses neither
// framework again (each is kept until it is written again), and still
// shows the decision; a re-imported target is read again and shown as it
// is now.
func TestFrameworksAreReadAgainOnlyWhenWritten(t *testing.T) {
	ctx := context.Background()
	n := newNode(t)
	n.importSeed(t)
	exp := seed.Expected()
	st, cw := countingCrosswalker(t, n)
	src, tgt := exp.Frameworks.Northwind, exp.Frameworks.Progression
	opt := casefile.CrosswalkOptions{Suggest: true}
	if _, err := cw.Crosswalk(ctx, src, tgt, opt); err != nil {
		t.Fatal(err)
	}
	read := st.reads.Load()
	rejected, revised := exp.Suggestions[0], exp.Suggestions[1]
	if _, err := cw.Reject(ctx, rejected.Source, rejected.Target, "curator"); err != nil {
		t.Fatal(err)
	}
	after, err := cw.Crosswalk(ctx, src, tgt, opt)
	if err != nil {
		t.Fatal(err)
	}
	if suggests(t, after, rejected.Source, rejected.Target) {
		t.Errorf("%s → %s is still suggested after its rejection", rejected.SourceCode, rejected.TargetCode)
	}
	if extra := st.reads.Load() - read; extra != 0 {
		t.Errorf("the crosswalk after a rejection read frameworks %d more times, want 0", extra)
	}

	// The target framework is written again: one of its statements changes.
	var file []byte
	for _, f := range seed.Frameworks() {
		if strings.Contains(string(f.Data), revised.Target) {
			file = f.Data
		}
	}
	var pkg map[string]any
	if err := json.Unmarshal(file, &pkg); err != nil {
		t.Fatal(err)
	}
	statement := ""
	for _, it := range pkg["CFItems"].([]any) {
		if item := it.(map[string]any); item["identifier"] == revised.Target {
			statement = item["fullStatement"].(string) + " (revised)"
			item["fullStatement"] = statement
		}
	}
	data, err := json.Marshal(pkg)
	if err != nil {
		t.Fatal(err)
	}
	n.importBytes(t, "progression-revised.json", data)
	read = st.reads.Load()
	again, err := cw.Crosswalk(ctx, src, tgt, opt)
	if err != nil {
		t.Fatal(err)
	}
	if st.reads.Load() == read {
		t.Error("the re-imported target was not read again")
	}
	shown := false
	for _, m := range row(t, again, revised.Source).Matches {
		shown = shown || (m.Target.Identifier == revised.Target && m.Target.Title == statement)
	}
	if !shown {
		t.Errorf("%s → %s is not shown with its revised statement %q: %+v", revised.SourceCode, revised.TargetCode, statement, row(t, again, revised.Source).Matches)
	}
}

// Crosswalks computed at once share the frameworks they read (run with
// -race): each answer is the one computed alone.
func TestConcurrentCrosswalksShareFrameworks(t *testing.T) {
	ctx := context.Background()
	n := newNode(t)
	n.importSeed(t)
	fw := seed.Expected().Frameworks
	pairs := [][2]string{{fw.Northwind, fw.Progression}, {fw.Numeracy, fw.Progression}, {fw.Progression, fw.Northwind}, {fw.Northwind, fw.Numeracy}}
	want := make([]*casefile.Crosswalk, len(pairs))
	for i, p := range pairs {
		alone, err := crosswalk.New(crosswalk.Config{Store: n.db, Search: n.ix, Importer: n, BaseURL: testBase})
		if err != nil {
			t.Fatal(err)
		}
		if want[i], err = alone.Crosswalk(ctx, p[0], p[1], casefile.CrosswalkOptions{Suggest: true}); err != nil {
			t.Fatal(err)
		}
	}
	shared, err := crosswalk.New(crosswalk.Config{Store: n.db, Search: n.ix, Importer: n, BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	got := make([]*casefile.Crosswalk, len(pairs))
	errs := make([]error, len(pairs))
	var wg sync.WaitGroup
	for i, p := range pairs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = shared.Crosswalk(ctx, p[0], p[1], casefile.CrosswalkOptions{Suggest: true})
		}()
	}
	wg.Wait()
	for i := range pairs {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !reflect.DeepEqual(got[i].Rows, want[i].Rows) {
			t.Errorf("crosswalk %d computed alongside others differs from the one computed alone", i)
		}
	}
}
