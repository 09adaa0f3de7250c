package crosswalk

import (
	"context"
	"strconv"
	"strings"
	"sync"

	"github.com/casenode/casenode/casefile"
)

// suggest adds text-similarity suggestions to the rows of source items that
// have no explicit match, querying the index with bounded parallelism; a
// rejected pair is never suggested.
func (c *Crosswalker) suggest(ctx context.Context, srcItems []casefile.Item, target string, rows []casefile.CrosswalkRow, rejected pairSet, opt casefile.CrosswalkOptions) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sim := &similarMemo{search: c.search, target: target, m: map[string]*similarEntry{}}
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
				ms, err := suggestFor(ctx, sim, &srcItems[i], rows[i].Matches, rejected, opt)
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
// item, leaving out targets it already matches or that were rejected, and
// incompatible levels.
func suggestFor(ctx context.Context, sim *similarMemo, it *casefile.Item, have []casefile.CrosswalkMatch, rejected pairSet, opt casefile.CrosswalkOptions) ([]casefile.CrosswalkMatch, error) {
	hits, err := sim.similar(ctx, it, opt.MaxSuggestion+len(have)+rejectedSlack)
	if err != nil {
		return nil, err
	}
	var out []casefile.CrosswalkMatch
	for _, h := range hits {
		if len(out) == opt.MaxSuggestion {
			break
		}
		score := round(h.Score)
		if score < opt.MinScore || matched(have, h.Identifier) || rejected.has(it.Identifier, h.Identifier) ||
			!LevelsCompatible(it.EducationLevel, h.EducationLevel) {
			continue
		}
		out = append(out, casefile.CrosswalkMatch{
			Target: casefile.LinkURI{Title: casefile.ReaderText(h.FullStatement), Identifier: h.Identifier, URI: h.URI},
			Kind:   casefile.MatchSuggested,
			Score:  score,
		})
	}
	return out, nil
}

// rejectedSlack is how many more hits than shown are asked for, so that a
// rejected suggestion leaves room for the next one.
const rejectedSlack = 2

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

// similarMemo asks the index once per distinct (text, levels, size) within
// one crosswalk: frameworks repeat statements (TEKS repeats its process
// standards in every grade: 357 of its 1,515 items), and the hits depend
// only on the item's text and levels, not on which item carries them.
type similarMemo struct {
	search Similarity
	target string
	mu     sync.Mutex
	m      map[string]*similarEntry
}

type similarEntry struct {
	once sync.Once
	hits []casefile.SearchHit
	err  error
}

func (s *similarMemo) similar(ctx context.Context, it *casefile.Item, size int) ([]casefile.SearchHit, error) {
	key := strings.Join([]string{it.FullStatement, it.AbbreviatedStatement, it.AlternativeLabel,
		strings.Join(it.ConceptKeywords, "\x1f"), strings.Join(it.EducationLevel, "\x1f"), strconv.Itoa(size)}, "\x1e")
	s.mu.Lock()
	e := s.m[key]
	if e == nil {
		e = &similarEntry{}
		s.m[key] = e
	}
	s.mu.Unlock()
	e.once.Do(func() { e.hits, e.err = s.search.Similar(ctx, it, s.target, size) })
	return e.hits, e.err
}
