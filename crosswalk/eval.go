package crosswalk

import (
	"context"
	"slices"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/cputime"
)

// Aligner finds the items a passage of text aligns to (*search.Index
// satisfies it; /api/v1/align serves it).
type Aligner interface {
	Align(ctx context.Context, text string, req casefile.SearchRequest) (*casefile.SearchResult, error)
}

// EvalConfig wires an evaluation.
type EvalConfig struct {
	// Crosswalk configures the Crosswalker measured; a fresh one is built for
	// every set, so its cache never answers and the wall time is a full crosswalk.
	Crosswalk Config
	Align     Aligner // the align function the passages are measured on
	// Threshold is the minimum score at which a suggestion is shown
	// (0: casefile.DefaultMinScore, the compare page's default).
	Threshold float64
	// LearnFrom, when set to a split, first takes a designer's decisions on
	// that split's entries (accept the gold pair, reject the other shown
	// suggestions) through the Crosswalker, so that the other split measures
	// what the engine learned from them (leave-half-out). It changes the
	// node's data: use a node made for the evaluation.
	LearnFrom string
}

// passageDepth is how many aligned items a passage is judged on (top-5).
const passageDepth = 5

// PairResult is how the crosswalk answered one gold pair or no-match item.
type PairResult struct {
	Set, Split, Source, SourceCode, Wording string
	NoMatch                                 bool
	// Linked: the row had explicit or through-third matches, so the engine
	// gave it no suggestions.
	Linked bool
	// Suggested are the suggestions in rank order (at most DefaultSuggestions).
	Suggested []Scored
	// Rank of the first accepted target among Suggested (1-based), 0 if absent.
	Rank int
	// Shown: an accepted target is suggested at or above the threshold.
	Shown bool
	// ShownRight and ShownAll count the suggestions at or above the threshold
	// that are accepted targets, and all of them.
	ShownRight, ShownAll int
}

// Scored is one suggested or aligned item.
type Scored struct {
	Identifier, Code string
	Score            float64
}

// PassageResult is how the align function answered one gold passage.
type PassageResult struct {
	Split, Note string
	Hits        []Scored // top passageDepth
	Rank        int      // of the first gold target (1-based), 0 if absent
	Took        time.Duration
}

// SetTiming is the cost of one set's full crosswalk with suggestions.
type SetTiming struct {
	Set  string
	Rows int
	Wall time.Duration
	CPU  time.Duration // process CPU time during the crosswalk (0: not measured)
}

// EvalReport holds every entry's result; Figures summarises a split.
type EvalReport struct {
	Threshold float64
	Sets      []string
	Pairs     []PairResult // gold pairs and no-match items, in gold order
	Passages  []PassageResult
	Timings   []SetTiming
	Learned   *Learned // the decisions taken first (EvalConfig.LearnFrom), if any
}

// Evaluated is the number of gold entries the report covers.
func (r *EvalReport) Evaluated() int { return len(r.Pairs) + len(r.Passages) }

// Evaluate runs every set's full crosswalk with suggestions and every
// passage through the align function, and records how each gold entry was
// answered. Only suggestions are measured: explicit and through-third
// matches are ignored.
func Evaluate(ctx context.Context, cfg EvalConfig, g *Gold) (*EvalReport, error) {
	if cfg.Align == nil && len(g.Passages) > 0 {
		return nil, casefile.Errorf(casefile.Invalid, "the gold set has passages but no align function was given")
	}
	rep := &EvalReport{Threshold: cfg.Threshold}
	if rep.Threshold == 0 {
		rep.Threshold = casefile.DefaultMinScore
	}
	if cfg.LearnFrom != "" {
		if cfg.LearnFrom != SplitDev && cfg.LearnFrom != SplitHeldout {
			return nil, casefile.Errorf(casefile.Invalid, "learn from %s or %s, not %q", SplitDev, SplitHeldout, cfg.LearnFrom)
		}
		l, err := learn(ctx, cfg, g, cfg.LearnFrom, rep.Threshold)
		if err != nil {
			return nil, err
		}
		rep.Learned = &l
	}
	for _, s := range g.Sets {
		if err := evalSet(ctx, cfg, g, s, rep); err != nil {
			return nil, err
		}
	}
	for _, p := range g.Passages {
		res, err := evalPassage(ctx, cfg.Align, p)
		if err != nil {
			return nil, err
		}
		rep.Passages = append(rep.Passages, res)
	}
	return rep, nil
}

// evalSet computes one set's crosswalk and judges its pairs and no-match items.
func evalSet(ctx context.Context, cfg EvalConfig, g *Gold, s GoldSet, rep *EvalReport) error {
	cx, err := New(cfg.Crosswalk)
	if err != nil {
		return err
	}
	start, cpu := time.Now(), cputime.Process()
	cw, err := cx.Crosswalk(ctx, s.Source, s.Target, casefile.CrosswalkOptions{Suggest: true, MaxSuggestion: DefaultSuggestions})
	if err != nil {
		return err
	}
	rep.Sets = append(rep.Sets, s.Name)
	rep.Timings = append(rep.Timings, SetTiming{Set: s.Name, Rows: len(cw.Rows), Wall: time.Since(start), CPU: cputime.Process() - cpu})
	targets, err := cfg.Crosswalk.Store.ItemsOf(ctx, s.Target)
	if err != nil {
		return err
	}
	codeOf := make(map[string]string, len(targets))
	for _, it := range targets {
		codeOf[it.Identifier] = it.HumanCodingScheme
	}
	rows := make(map[string]*casefile.CrosswalkRow, len(cw.Rows))
	for i := range cw.Rows {
		rows[cw.Rows[i].Source.Identifier] = &cw.Rows[i]
	}
	judge := func(pr PairResult, accepted []string) error {
		row := rows[pr.Source]
		if row == nil {
			return casefile.Errorf(casefile.NotFound, "gold set %s: no crosswalk row for %s (%s)", s.Name, pr.SourceCode, pr.Source)
		}
		rep.Pairs = append(rep.Pairs, judgeRow(pr, row, accepted, codeOf, rep.Threshold))
		return nil
	}
	for _, p := range g.Pairs {
		if p.Set == s.Name {
			if err := judge(PairResult{Set: s.Name, Split: p.Split, Source: p.Source, SourceCode: p.SourceCode, Wording: p.Wording}, p.Targets); err != nil {
				return err
			}
		}
	}
	for _, n := range g.NoMatch {
		if n.Set == s.Name {
			if err := judge(PairResult{Set: s.Name, Split: n.Split, Source: n.Source, SourceCode: n.SourceCode, NoMatch: true}, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// judgeRow fills pr from the row's suggestions.
func judgeRow(pr PairResult, row *casefile.CrosswalkRow, accepted []string, codeOf map[string]string, threshold float64) PairResult {
	for _, m := range row.Matches {
		if m.Kind != casefile.MatchSuggested {
			pr.Linked = true
			continue
		}
		pr.Suggested = append(pr.Suggested, Scored{Identifier: m.Target.Identifier, Code: codeOf[m.Target.Identifier], Score: m.Score})
		right := slices.Contains(accepted, m.Target.Identifier)
		if right && pr.Rank == 0 {
			pr.Rank = len(pr.Suggested)
		}
		if m.Score >= threshold {
			pr.ShownAll++
			if right {
				pr.ShownRight++
				pr.Shown = true
			}
		}
	}
	return pr
}

// evalPassage aligns one passage within its frameworks.
func evalPassage(ctx context.Context, al Aligner, p GoldPassage) (PassageResult, error) {
	req := casefile.SearchRequest{Size: passageDepth, Filters: map[string][]string{casefile.FacetFramework: p.Frameworks}}
	start := time.Now()
	res, err := al.Align(ctx, p.Text, req)
	if err != nil {
		return PassageResult{}, err
	}
	pr := PassageResult{Split: p.Split, Note: p.Note, Took: time.Since(start)}
	for _, h := range res.Hits {
		if len(pr.Hits) == passageDepth {
			break
		}
		pr.Hits = append(pr.Hits, Scored{Identifier: h.Identifier, Code: h.HumanCodingScheme, Score: h.Score})
		if pr.Rank == 0 && slices.Contains(p.Targets, h.Identifier) {
			pr.Rank = len(pr.Hits)
		}
	}
	return pr, nil
}
