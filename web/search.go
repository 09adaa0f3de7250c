package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

const (
	pageSize     = 20
	maxPage      = 500
	maxQueryLen  = 500
	maxFacetVals = 20
	maxValueLen  = 200
)

// facetLabels are the headings of the facet filters.
var facetLabels = map[string]string{
	casefile.FacetFramework:      "Framework",
	casefile.FacetSubject:        "Subject",
	casefile.FacetEducationLevel: "Education level",
	casefile.FacetItemType:       "Item type",
	casefile.FacetLanguage:       "Language",
	casefile.FacetAdoptionStatus: "Adoption status",
	casefile.FacetOriginNode:     "Origin node",
}

// fieldLabels names the item fields a highlight can come from.
var fieldLabels = map[string]string{
	"abbreviatedStatement": "Abbreviated statement",
	"alternativeLabel":     "Alternative label",
	"notes":                "Notes",
	"conceptKeywords":      "Keywords",
}

// searchView is the search page.
type searchView struct {
	Query    string
	Searched bool
	Result   *casefile.SearchResult
	Hits     []hitView
	Facets   []facetView
	Page     int
	Pages    []pageLink
	Prev     string
	Next     string
	First    int
	Last     int
	Filtered bool
	// Federated: live peers were asked too (first page only); CanFederate:
	// this node has a federation service.
	Federated   bool
	CanFederate bool
	PeerHits    []hitView
	PeerStatus  []casefile.PeerStatus
}

type hitView struct {
	casefile.SearchHit
	Statement template.HTML
	Also      []template.HTML // fragments matched in other fields
}

type facetView struct {
	Name, Label string
	Values      []facetValue
}

type facetValue struct {
	Value, Label string
	Count        int
	Checked      bool
	ID           string
}

type pageLink struct {
	N       int
	Href    string
	Current bool
}

// searchRequest reads and bounds the query string.
func searchRequest(q url.Values) (casefile.SearchRequest, int) {
	req := casefile.SearchRequest{Query: strings.TrimSpace(q.Get("q")), Size: pageSize, Filters: map[string][]string{}}
	if len(req.Query) > maxQueryLen {
		req.Query = strings.ToValidUTF8(req.Query[:maxQueryLen], "")
	}
	for _, f := range casefile.Facets {
		for _, v := range q[f] {
			v = strings.TrimSpace(v)
			if v == "" || len(v) > maxValueLen || slices.Contains(req.Filters[f], v) {
				continue
			}
			if len(req.Filters[f]) < maxFacetVals {
				req.Filters[f] = append(req.Filters[f], v)
			}
		}
	}
	page, err := strconv.Atoi(q.Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	page = min(page, maxPage)
	req.From = (page - 1) * pageSize
	return req, page
}

func (h *handler) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	req, page := searchRequest(q)
	sv := searchView{Query: req.Query, Page: page, CanFederate: h.deps.Federation != nil}
	sv.Federated = sv.CanFederate && q.Get("federated") == "1"
	for _, vs := range req.Filters {
		sv.Filtered = sv.Filtered || len(vs) > 0
	}
	if req.Query != "" || sv.Filtered {
		res, err := h.deps.Search.Search(r.Context(), req)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		sv.Searched, sv.Result = true, res
		sv.Hits = hitViews(res.Hits)
		sv.Facets = facetViews(res.Facets, req.Filters)
		sv.paging(q, res.Total, page)
		if sv.Federated && page == 1 && req.Query != "" {
			hits, status := h.deps.Federation.SearchPeers(r.Context(), req)
			sv.PeerHits, sv.PeerStatus = hitViews(hits), status
		}
	}
	title := "Search"
	if req.Query != "" {
		title = "Search: " + clip(req.Query, 40)
	}
	v := h.newView(r, title, sv)
	v.Query = req.Query
	h.render(w, r, http.StatusOK, "search", v)
}

func hitViews(hits []casefile.SearchHit) []hitView {
	out := make([]hitView, 0, len(hits))
	for _, hit := range hits {
		hv := hitView{SearchHit: hit, Statement: renderStatement(hit.FullStatement, highlightTerms(hit.Highlights["fullStatement"]))}
		for field, frags := range hit.Highlights {
			if field != "fullStatement" && len(frags) > 0 {
				label := firstNonEmpty(fieldLabels[field], field)
				hv.Also = append(hv.Also, template.HTML(template.HTMLEscapeString(label)+": ")+joinHighlights(frags))
			}
		}
		slices.Sort(hv.Also)
		out = append(out, hv)
	}
	return out
}

// facetViews lists each facet's values, keeping selected values that the
// result no longer counts so they can be unticked.
func facetViews(facets map[string][]casefile.FacetCount, selected map[string][]string) []facetView {
	var out []facetView
	for _, name := range casefile.Facets {
		fv := facetView{Name: name, Label: facetLabels[name]}
		seen := map[string]bool{}
		for i, c := range facets[name] {
			fv.Values = append(fv.Values, facetValue{Value: c.Value, Label: firstNonEmpty(c.Label, c.Value), Count: c.Count,
				Checked: slices.Contains(selected[name], c.Value), ID: "f-" + name + "-" + strconv.Itoa(i)})
			seen[c.Value] = true
		}
		for i, v := range selected[name] {
			if !seen[v] {
				fv.Values = append(fv.Values, facetValue{Value: v, Label: v, Checked: true, ID: "f-" + name + "-s" + strconv.Itoa(i)})
			}
		}
		if len(fv.Values) > 0 {
			out = append(out, fv)
		}
	}
	return out
}

// paging builds previous/next and a window of page links that keep every
// other parameter, so each page has a shareable URL.
func (sv *searchView) paging(q url.Values, total uint64, page int) {
	pages := int(min(total, uint64(maxPage*pageSize))+pageSize-1) / pageSize
	sv.First = (page-1)*pageSize + 1
	sv.Last = min(sv.First+len(sv.Hits)-1, int(total))
	href := func(n int) string {
		qq := url.Values{}
		for k, v := range q {
			qq[k] = v
		}
		qq.Del("page")
		if n > 1 {
			qq.Set("page", strconv.Itoa(n))
		}
		return "/search?" + qq.Encode()
	}
	if page > 1 {
		sv.Prev = href(page - 1)
	}
	if page < pages {
		sv.Next = href(page + 1)
	}
	for n := max(1, page-4); n <= min(pages, page+4); n++ {
		sv.Pages = append(sv.Pages, pageLink{N: n, Href: href(n), Current: n == page})
	}
}
