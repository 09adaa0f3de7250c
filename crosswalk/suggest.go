package crosswalk

import (
	"context"
	"strconv"
	"strings"
	"sync"

	"github.com/casenode/casenode/casefile"
)

// suggest adds text-similarity suggestions to the rows of source items that
// have no explicit match, querying the index with bounded parallelism.
func (c *Crosswalker) suggest(ctx context.Context, srcItems []casefile.Item, target string, rows []casefile.CrosswalkRow, opt casefile.CrosswalkOptions) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	var (
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	for range c.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				ms, err := c.suggestFor(ctx, &srcItems[i], target, rows[i].Matches, opt)
				if err != nil {
					errOnce.Do(func() { firstErr = err; cancel() })
					continue
				}
				rows[i].Matches = append(rows[i].Matches, ms...)
			}
		}()
	}
	for i := range srcItems {
		if hasExplicit(rows[i].Matches) || strings.TrimSpace(srcItems[i].FullStatement) == "" {
			continue
		}
		select {
		case jobs <- i:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// suggestFor returns at most opt.MaxSuggestion suggestions for one source
// item, leaving out targets it already matches and incompatible levels.
func (c *Crosswalker) suggestFor(ctx context.Context, it *casefile.Item, target string, have []casefile.CrosswalkMatch, opt casefile.CrosswalkOptions) ([]casefile.CrosswalkMatch, error) {
	hits, err := c.search.Similar(ctx, it, target, opt.MaxSuggestion+len(have))
	if err != nil {
		return nil, err
	}
	var out []casefile.CrosswalkMatch
	for _, h := range hits {
		if len(out) == opt.MaxSuggestion {
			break
		}
		score := round(h.Score)
		if score < opt.MinScore || matched(have, h.Identifier) || !LevelsCompatible(it.EducationLevel, h.EducationLevel) {
			continue
		}
		out = append(out, casefile.CrosswalkMatch{
			Target: casefile.LinkURI{Title: h.FullStatement, Identifier: h.Identifier, URI: h.URI},
			Kind:   casefile.MatchSuggested,
			Score:  score,
		})
	}
	return out, nil
}

func hasExplicit(ms []casefile.CrosswalkMatch) bool {
	for _, m := range ms {
		if m.Kind == casefile.MatchExplicit {
			return true
		}
	}
	return false
}

func matched(ms []casefile.CrosswalkMatch, id string) bool {
	for _, m := range ms {
		if m.Target.Identifier == id {
			return true
		}
	}
	return false
}

// LevelsCompatible reports whether two education-level lists share a level;
// when either side has none, they are compatible. Levels are compared after
// normalising their spelling ("03" = "3", "KG" = "K" = "Kindergarten").
func LevelsCompatible(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	set := make(map[string]bool, len(a))
	for _, l := range a {
		set[normLevel(l)] = true
	}
	for _, l := range b {
		if set[normLevel(l)] {
			return true
		}
	}
	return false
}

func normLevel(l string) string {
	l = strings.ToLower(strings.TrimSpace(l))
	switch l {
	case "k", "kg", "kindergarten", "00":
		return "k"
	case "pk", "prek", "pre-k", "prekindergarten":
		return "pk"
	}
	if n, err := strconv.Atoi(l); err == nil {
		return strconv.Itoa(n)
	}
	return l
}
