package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
)

func TestDecisionsReplaceDeleteAndTick(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "node.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	clock := func() int64 {
		n, err := db.DecisionClock(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	c0 := clock()
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	d := casefile.CrosswalkDecision{SourceItem: "s1", TargetItem: "t1", SourceFramework: "A", TargetFramework: "B",
		Decision: casefile.DecisionRejected, By: "ann", At: at}
	if err := db.PutDecision(ctx, d); err != nil {
		t.Fatal(err)
	}
	d.Decision, d.Association, d.By = casefile.DecisionAccepted, "assoc-1", "bob"
	if err := db.PutDecision(ctx, d); err != nil {
		t.Fatal(err)
	}
	c1 := clock()
	if c1 <= c0 {
		t.Errorf("clock did not move: %d -> %d", c0, c1)
	}
	// Asked in the other direction, the same decision comes back.
	got, err := db.Decisions(ctx, "B", "A")
	if err != nil || len(got) != 1 || got[0].Decision != casefile.DecisionAccepted || got[0].By != "bob" || !got[0].At.Equal(at) {
		t.Fatalf("decisions %+v %v", got, err)
	}
	if other, _ := db.Decisions(ctx, "A", "C"); len(other) != 0 {
		t.Errorf("decisions of another pair: %+v", other)
	}
	if err := db.PutDecision(ctx, casefile.CrosswalkDecision{SourceItem: "s", TargetItem: "t", By: "x", Decision: "maybe"}); casefile.ErrorCode(err) != casefile.Invalid {
		t.Errorf("bad decision: %v", err)
	}
	if ok, err := db.DeleteDecision(ctx, "", "assoc-1"); !ok || err != nil {
		t.Fatalf("delete by association: %v %v", ok, err)
	}
	if clock() == c1 {
		t.Error("clock did not move on delete")
	}
	if all, _ := db.Decisions(ctx, "", ""); len(all) != 0 {
		t.Errorf("left: %+v", all)
	}
}

// TestRejectionsInMetaMoveToDecisions: a database written before 0400 kept
// the compare page's rejections as JSON in meta; the migration moves them.
func TestRejectionsInMetaMoveToDecisions(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "node.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	// Back to the schema before 0400, holding rejections the old way.
	for _, q := range []string{`DROP TABLE crosswalk_decisions`, `DROP TABLE crosswalk_decision_clock`,
		`DELETE FROM schema_migrations WHERE version = 400`} {
		if _, err := db.w.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	old := `[{"s":"item-s","t":"item-t","by":"admin1","at":"2026-03-04T05:06:07.5Z"},{"s":"item-u","t":"item-v","by":"admin2","at":"2026-03-05T00:00:00Z"}]`
	if err := db.SetMeta(ctx, "web.crosswalk.rejected:fw-a:fw-b", old); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Decisions(ctx, "fw-a", "fw-b")
	if err != nil || len(got) != 2 {
		t.Fatalf("migrated %+v %v", got, err)
	}
	want := casefile.CrosswalkDecision{SourceItem: "item-s", TargetItem: "item-t", SourceFramework: "fw-a", TargetFramework: "fw-b",
		Decision: casefile.DecisionRejected, By: "admin1", At: time.Date(2026, 3, 4, 5, 6, 7, 5e8, time.UTC)}
	if got[0] != want {
		t.Errorf("got %+v\nwant %+v", got[0], want)
	}
	if v, _ := db.Meta(ctx, "web.crosswalk.rejected:fw-a:fw-b"); v != "" {
		t.Errorf("meta still holds %q", v)
	}
}
