package web

import (
	"context"
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// compareView is the compare page.
type compareView struct {
	Q          compareQuery
	Frameworks []casefile.FrameworkInfo
	Kinds      []struct{ Value, Label string }
	Available  bool
	CW         *casefile.Crosswalk
	Rows       []compareRow
	Rejected   []casefile.CrosswalkDecision
	Total      int
	Page       int
	Pages      int
	// Levels and Strands are the choices of the level and strand filters.
	Levels  []string
	Strands []casefile.LinkURI
	// NextUnmatched links to the next source item without a match after this page.
	NextUnmatched string
	Prev, Next    string
	CSV           string
	APICSV        string
	Back          string
	Notice        string
	// Partial: suggestions only for this page's source items.
	Partial     bool
	AcceptTypes []string
}

// compareRow is a source item with its matches, hydrated for display.
type compareRow struct {
	Source  itemRef
	Levels  []string // the source's, own or inherited
	Heading bool
	Matches []compareMatch
	// Explain: for a heading, what the items under it match.
	Explain *explainView
}

// explainView is a heading's explanation, its targets hydrated.
type explainView struct {
	Matched, Of int
	Targets     []itemRef
}

type compareMatch struct {
	Target itemRef
	casefile.CrosswalkMatch
	Via []casefile.LinkURI // the inner items of a transitive path
}

type itemRef struct{ ID, Code, Statement string }

func (h *handler) compare(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	cq := readCompareQuery(r.URL.Query())
	fws, err := h.deps.Store.Frameworks(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	cv := compareView{Q: cq, Frameworks: fws, Kinds: compareKinds, Available: h.deps.Crosswalk != nil, Page: cq.Page, AcceptTypes: acceptTypes}
	switch r.URL.Query().Get("done") {
	case "accepted":
		cv.Notice = "Suggestion accepted: it is now an association in this node's crosswalk document."
	case "rejected":
		cv.Notice = "Suggestion rejected: it is hidden from this comparison."
	case "restored":
		cv.Notice = "Suggestion restored."
	}
	if cv.Available && cq.Source != "" && cq.Target != "" {
		xv, err := h.crosswalk(ctx, cq)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		cv.CW, cv.Rejected, cv.Total, cv.Partial = xv.cw, xv.rejected, xv.total, xv.partial
		cv.Levels, cv.Strands = xv.levels, xv.strands
		cv.Pages = max(1, (cv.Total+compareRows-1)/compareRows)
		if i := xv.nextUnmatched; i >= 0 && i < len(xv.cw.Rows) {
			cv.NextUnmatched = "/compare?" + cq.values(i/compareRows+1).Encode() + "#row-" + xv.cw.Rows[i].Source.Identifier
		}
		if err := h.comparePage(ctx, &cv, xv.page, xv.explain); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	title := "Compare frameworks"
	if cv.CW != nil {
		title = "Compare " + clip(cv.CW.Source.Title, 30) + " with " + clip(cv.CW.Target.Title, 30)
	}
	h.render(w, r, http.StatusOK, "compare", h.newView(r, title, cv))
}

// comparePage cuts one page of rows and hydrates their items (codes and
// statements of both sides) in one batch.
func (h *handler) comparePage(ctx context.Context, cv *compareView, rows []casefile.CrosswalkRow, explain map[string]*headingExplain) error {
	cq := cv.Q
	from := (cq.Page - 1) * compareRows
	if cq.Page > 1 {
		cv.Prev = "/compare?" + cq.values(cq.Page-1).Encode()
	}
	if from+compareRows < cv.Total {
		cv.Next = "/compare?" + cq.values(cq.Page+1).Encode()
	}
	cv.Back = "/compare?" + cq.values(cq.Page).Encode()
	cv.CSV = "/compare.csv?" + cq.values(0).Encode()
	api := cq.values(0)
	api.Del("kind")
	api.Del("level")
	api.Del("strand")
	api.Set("format", "csv")
	cv.APICSV = "/api/v1/crosswalk?" + api.Encode()
	var ids []string
	for _, row := range rows {
		ids = append(ids, row.Source.Identifier)
		for _, m := range row.Matches {
			ids = append(ids, m.Target.Identifier)
		}
		if e := explain[row.Source.Identifier]; row.Heading && e != nil {
			for _, t := range e.Targets {
				ids = append(ids, t.Identifier)
			}
		}
	}
	items, err := h.deps.Store.Items(ctx, ids)
	if err != nil {
		return err
	}
	byID := make(map[string]casefile.Item, len(items))
	for _, it := range items {
		byID[it.Identifier] = it
	}
	ref := func(l casefile.LinkURI) itemRef {
		if it, ok := byID[l.Identifier]; ok {
			return itemRef{ID: it.Identifier, Code: it.HumanCodingScheme, Statement: it.FullStatement}
		}
		return itemRef{ID: l.Identifier, Statement: l.Title}
	}
	for _, row := range rows {
		cr := compareRow{Source: ref(row.Source), Levels: row.EducationLevel, Heading: row.Heading}
		if e := explain[row.Source.Identifier]; row.Heading && e != nil && e.Of > 0 {
			cr.Explain = &explainView{Matched: e.Matched, Of: e.Of}
			for _, t := range e.Targets {
				cr.Explain.Targets = append(cr.Explain.Targets, ref(t))
			}
		}
		for _, m := range row.Matches {
			cm := compareMatch{Target: ref(m.Target), CrosswalkMatch: m}
			if len(m.Path) > 2 {
				cm.Via = m.Path[1 : len(m.Path)-1]
			}
			cr.Matches = append(cr.Matches, cm)
		}
		cv.Rows = append(cv.Rows, cr)
	}
	return nil
}
