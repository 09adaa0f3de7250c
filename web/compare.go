package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

const (
	compareRows     = 100
	defaultMinScore = 0.3
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
	MinScore             float64
	Page                 int
}

func readCompareQuery(q url.Values) compareQuery {
	cq := compareQuery{Source: bounded(q.Get("source")), Target: bounded(q.Get("target")), MinScore: defaultMinScore, Page: 1}
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
	if cq.Kind != "" {
		v.Set("kind", cq.Kind)
	}
	v.Set("minScore", strconv.FormatFloat(cq.MinScore, 'f', -1, 64))
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return v
}

// crosswalk computes the crosswalk the query asks for, without the
// suggestions an admin rejected, and with rows filtered by kind.
func (h *handler) crosswalk(ctx context.Context, cq compareQuery) (*casefile.Crosswalk, []rejection, error) {
	suggest := cq.Kind == "" || cq.Kind == casefile.MatchSuggested || cq.Kind == "none"
	cw, err := h.deps.Crosswalk.Crosswalk(ctx, cq.Source, cq.Target, casefile.CrosswalkOptions{Suggest: suggest, MinScore: cq.MinScore})
	if err != nil {
		return nil, nil, err
	}
	rejected, err := h.rejections(ctx, cw.Source.Identifier, cw.Target.Identifier)
	if err != nil {
		return nil, nil, err
	}
	filterRows(cw, cq.Kind, rejected)
	return cw, rejected, nil
}

// filterRows drops rejected suggestions, then keeps the rows (and matches)
// of the requested kind; "none" keeps rows without any match.
func filterRows(cw *casefile.Crosswalk, kind string, rejected []rejection) {
	out := cw.Rows[:0]
	for _, row := range cw.Rows {
		ms := row.Matches[:0]
		for _, m := range row.Matches {
			if m.Kind == casefile.MatchSuggested && isRejected(rejected, row.Source.Identifier, m.Target.Identifier) {
				continue
			}
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

// compareCSV downloads the crosswalk as filtered on the page.
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
	cw, _, err := h.crosswalk(r.Context(), cq)
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
