package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

const (
	compareRows = 50
	// suggestAllItems is the largest source framework whose suggestions are
	// computed for all its items at once: a full crosswalk of ~1,500 items
	// takes about 2 s (BENCHMARKS.md) and is then cached for paging. Larger
	// sources get suggestions for the rows on screen only.
	suggestAllItems = 2000
	defaultMinScore = casefile.DefaultMinScore
)

// compareKinds are the values of the kind filter.
var compareKinds = []struct{ Value, Label string }{
	{"", "All matches"},
	{casefile.MatchExplicit, "Explicit only"},
	{casefile.MatchTransitive, "Through a third framework"},
	{casefile.MatchSuggested, "Suggested only"},
	{"none", "Items without a match"},
}

// compareQuery is the compare page's parameters, bounded.
type compareQuery struct {
	Source, Target, Kind string
	// Level and Strand narrow the source items: to one education level
	// (own or inherited), and to the children of one source item.
	Level, Strand string
	MinScore      float64
	Page          int
}

func readCompareQuery(q url.Values) compareQuery {
	cq := compareQuery{Source: bounded(q.Get("source")), Target: bounded(q.Get("target")), MinScore: defaultMinScore, Page: 1,
		Level: bounded(q.Get("level")), Strand: bounded(q.Get("strand"))}
	for _, k := range compareKinds {
		if q.Get("kind") == k.Value {
			cq.Kind = k.Value
		}
	}
	if s, err := strconv.ParseFloat(q.Get("minScore"), 64); err == nil && s >= 0 && s <= 1 {
		cq.MinScore = s
	}
	if p, err := strconv.Atoi(q.Get("page")); err == nil && p > 1 {
		cq.Page = min(p, maxPage)
	}
	return cq
}

func bounded(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > maxValueLen {
		return ""
	}
	return s
}

// values encodes the query (page > 1 only), for links and redirects.
func (cq compareQuery) values(page int) url.Values {
	v := url.Values{"source": {cq.Source}, "target": {cq.Target}}
	for k, val := range map[string]string{"kind": cq.Kind, "level": cq.Level, "strand": cq.Strand} {
		if val != "" {
			v.Set(k, val)
		}
	}
	v.Set("minScore", strconv.FormatFloat(cq.MinScore, 'f', -1, 64))
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return v
}

// crosswalkView is a crosswalk cut to one page of source rows.
type crosswalkView struct {
	cw       *casefile.Crosswalk // Source, Target, Coverage; Rows = all rows that pass the filter
	page     []casefile.CrosswalkRow
	total    int
	rejected []casefile.CrosswalkDecision
	// partial is true when suggestions were computed only for this page's
	// source items (a source framework larger than suggestAll items).
	partial bool
	// levels and strands are the values of the level and strand filters;
	// nextUnmatched is the position (in the filtered rows) of the first
	// item without any match after this page, -1 when there is none.
	levels        []string
	strands       []casefile.LinkURI
	nextUnmatched int
	// explain says, for each heading, what the items under it match.
	explain map[string]*headingExplain
}

// scope keeps the rows of the query's level and strand, after listing the
// values those filters offer (strands: the parents of the rows of the level).
func (cv *crosswalkView) scope(cw *casefile.Crosswalk, cq compareQuery) {
	cv.explain = explainHeadings(cw.Rows)
	seenLevel, seenStrand := map[string]bool{}, map[string]bool{}
	var out []casefile.CrosswalkRow
	for _, r := range cw.Rows {
		for _, l := range r.EducationLevel {
			if !seenLevel[l] {
				seenLevel[l] = true
				cv.levels = append(cv.levels, l)
			}
		}
		if cq.Level != "" && !slices.Contains(r.EducationLevel, cq.Level) {
			continue
		}
		if r.Parent != nil && !seenStrand[r.Parent.Identifier] {
			seenStrand[r.Parent.Identifier] = true
			cv.strands = append(cv.strands, *r.Parent)
		}
		if cq.Strand != "" && (r.Parent == nil || r.Parent.Identifier != cq.Strand) {
			continue
		}
		out = append(out, r)
	}
	slices.SortFunc(cv.levels, compareLevels)
	cw.Rows = out
}

// compareLevels orders CASE levels PK, KG, 01 … 12, then others by name.
func compareLevels(a, b string) int {
	rank := func(l string) string {
		switch l {
		case "PK":
			return "0"
		case "KG":
			return "1"
		}
		return "2" + l
	}
	return strings.Compare(rank(a), rank(b))
}

// nextUnmatched is the position of the first row from from on that has no
// match and is not a heading, or -1.
func nextUnmatched(rows []casefile.CrosswalkRow, from int) int {
	for i := from; i < len(rows); i++ {
		if len(rows[i].Matches) == 0 && !rows[i].Heading {
			return i
		}
	}
	return -1
}

// wantsSuggestions reports whether the kind filter shows suggestions.
func wantsSuggestions(kind string) bool {
	return kind == "" || kind == casefile.MatchSuggested || kind == "none"
}

// crosswalk computes the page the query asks for. Explicit and transitive
// links are cheap and computed for the whole source framework; suggestions
// cost a similarity query per source item, so for a source framework of more
// than suggestAll items they are computed for the source items of the page
// only (rows without an explicit or transitive match when the filter is
// "suggested" or "none").
func (h *handler) crosswalk(ctx context.Context, cq compareQuery) (*crosswalkView, error) {
	cx := h.deps.Crosswalk
	base, err := cx.Crosswalk(ctx, cq.Source, cq.Target, casefile.CrosswalkOptions{})
	if err != nil {
		return nil, err
	}
	cv := &crosswalkView{cw: base}
	if cv.rejected, err = cx.Rejections(ctx, base.Source.Identifier, base.Target.Identifier); err != nil {
		return nil, err
	}
	from := (cq.Page - 1) * compareRows
	if !wantsSuggestions(cq.Kind) || len(base.Rows) <= h.suggestAll {
		if wantsSuggestions(cq.Kind) {
			full, err := cx.Crosswalk(ctx, cq.Source, cq.Target, casefile.CrosswalkOptions{Suggest: true, MinScore: cq.MinScore})
			if err != nil {
				return nil, err
			}
			cv.cw = full
		}
		cv.scope(cv.cw, cq)
		filterRows(cv.cw, cq.Kind)
		cv.total = len(cv.cw.Rows)
		cv.nextUnmatched = nextUnmatched(cv.cw.Rows, from+compareRows)
		cv.page = cv.cw.Rows[min(from, cv.total):min(from+compareRows, cv.total)]
		return cv, nil
	}
	cv.partial = true
	scoped := *base
	cv.scope(&scoped, cq)
	candidates := scoped.Rows
	cv.nextUnmatched = nextUnmatched(candidates, from+compareRows)
	if cq.Kind != "" {
		candidates = slices.DeleteFunc(slices.Clone(base.Rows), func(r casefile.CrosswalkRow) bool { return len(r.Matches) > 0 })
	}
	cv.total = len(candidates)
	page := slices.Clone(candidates[min(from, cv.total):min(from+compareRows, cv.total)])
	if err := h.suggestFor(ctx, cq, page); err != nil {
		return nil, err
	}
	pcw := &casefile.Crosswalk{Rows: page}
	filterRows(pcw, cq.Kind)
	cv.page = pcw.Rows
	return cv, nil
}

// suggestFor adds the suggested matches of the rows' source items.
func (h *handler) suggestFor(ctx context.Context, cq compareQuery, rows []casefile.CrosswalkRow) error {
	if len(rows) == 0 {
		return nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.Source.Identifier
	}
	sug, err := h.deps.Crosswalk.Crosswalk(ctx, cq.Source, cq.Target, casefile.CrosswalkOptions{Suggest: true, MinScore: cq.MinScore, Items: ids})
	if err != nil {
		return err
	}
	bySource := map[string][]casefile.CrosswalkMatch{}
	for _, r := range sug.Rows {
		for _, m := range r.Matches {
			if m.Kind == casefile.MatchSuggested {
				bySource[r.Source.Identifier] = append(bySource[r.Source.Identifier], m)
			}
		}
	}
	for i := range rows {
		rows[i].Matches = append(slices.Clone(rows[i].Matches), bySource[rows[i].Source.Identifier]...)
	}
	return nil
}

// filterRows keeps the rows (and matches) of the requested kind; "none"
// keeps rows without any match. (The crosswalk never suggests a rejected pair.)
func filterRows(cw *casefile.Crosswalk, kind string) {
	out := cw.Rows[:0]
	for _, row := range cw.Rows {
		ms := row.Matches[:0]
		for _, m := range row.Matches {
			if kind == "" || kind == "none" || m.Kind == kind {
				ms = append(ms, m)
			}
		}
		row.Matches = ms
		switch {
		case kind == "none" && len(ms) > 0, kind != "" && kind != "none" && len(ms) == 0:
			continue
		}
		out = append(out, row)
	}
	cw.Rows = out
}

// crosswalkAll computes every row that passes the filter, with suggestions
// when the source framework has at most suggestAll items (see crosswalk).
func (h *handler) crosswalkAll(ctx context.Context, cq compareQuery) (*casefile.Crosswalk, error) {
	cx := h.deps.Crosswalk
	cw, err := cx.Crosswalk(ctx, cq.Source, cq.Target, casefile.CrosswalkOptions{})
	if err != nil {
		return nil, err
	}
	if wantsSuggestions(cq.Kind) && len(cw.Rows) <= h.suggestAll {
		if cw, err = cx.Crosswalk(ctx, cq.Source, cq.Target, casefile.CrosswalkOptions{Suggest: true, MinScore: cq.MinScore}); err != nil {
			return nil, err
		}
	}
	var scope crosswalkView
	scope.scope(cw, cq)
	filterRows(cw, cq.Kind)
	return cw, nil
}

// compareCSV downloads the crosswalk as filtered on the page (without
// suggestions for a source framework of more than suggestAll items).
func (h *handler) compareCSV(w http.ResponseWriter, r *http.Request) {
	if h.deps.Crosswalk == nil {
		h.fail(w, r, casefile.Errorf(casefile.Unavailable, "Crosswalks are not available on this node."))
		return
	}
	cq := readCompareQuery(r.URL.Query())
	if cq.Source == "" || cq.Target == "" {
		h.fail(w, r, casefile.Errorf(casefile.Invalid, "Choose a source and a target framework."))
		return
	}
	cw, err := h.crosswalkAll(r.Context(), cq)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="crosswalk.csv"`)
	if err := h.deps.Crosswalk.WriteCSV(w, cw); err != nil {
		h.log.WarnContext(r.Context(), "web: crosswalk csv", "err", err)
	}
}
