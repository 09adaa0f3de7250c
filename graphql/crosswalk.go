package graphql

import (
	"bytes"
	"context"
	"fmt"
	gql "github.com/graph-gophers/graphql-go"
	"net/url"
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

type crosswalkArgs struct {
	Source          gql.ID
	Target          gql.ID
	Suggest         bool
	MinScore        float64
	MaxSuggestions  int32
	IncludeHeadings bool
	First           int32
	After           *string
}

func (a crosswalkArgs) options() (casefile.CrosswalkOptions, error) {
	opt := casefile.CrosswalkOptions{Suggest: a.Suggest, MinScore: a.MinScore, MaxSuggestion: int(a.MaxSuggestions), IncludeHeadings: a.IncludeHeadings}
	if opt.MinScore < 0 || opt.MinScore > 1 {
		return opt, invalidf("minScore must be between 0 and 1")
	}
	if opt.MaxSuggestion < 1 || opt.MaxSuggestion > 20 {
		return opt, invalidf("maxSuggestions must be between 1 and 20")
	}
	return opt, nil
}

// Crosswalk computes (once per request and arguments) the crosswalk and pages its rows.
func (r *resolver) Crosswalk(ctx context.Context, args crosswalkArgs) (*crosswalkRes, error) {
	if r.cw == nil {
		return nil, &gqlError{code: casefile.Unavailable, message: "crosswalks are not available on this node"}
	}
	if err := checkID(string(args.Source), "source"); err != nil {
		return nil, err
	}
	if err := checkID(string(args.Target), "target"); err != nil {
		return nil, err
	}
	opt, err := args.options()
	if err != nil {
		return nil, err
	}
	l := loaderFrom(ctx)
	key := fmt.Sprintf("%s|%s|%v|%g|%d|%v", args.Source, args.Target, opt.Suggest, opt.MinScore, opt.MaxSuggestion, opt.IncludeHeadings)
	cw, err := l.crosswalks.get(key, func() (*casefile.Crosswalk, error) {
		return r.cw.Crosswalk(ctx, string(args.Source), string(args.Target), opt)
	})
	if err != nil {
		return nil, r.err(ctx, err)
	}
	start, end, info, err := page(len(cw.Rows), args.First, args.After, r.limits.MaxItemsPage)
	if err != nil {
		return nil, err
	}
	res := &crosswalkRes{cw: cw, opt: opt, info: info, r: r}
	rows := cw.Rows[start:end]
	var srcIDs, tgtIDs []string
	for _, row := range rows {
		srcIDs = append(srcIDs, row.Source.Identifier)
		for _, m := range row.Matches {
			tgtIDs = append(tgtIDs, m.Target.Identifier)
		}
	}
	srcG, tgtG := l.idGroup(srcIDs), l.idGroup(tgtIDs)
	for i := range rows {
		res.rows = append(res.rows, &rowRes{row: &rows[i], src: srcG, tgt: tgtG, r: r})
	}
	return res, nil
}

type crosswalkRes struct {
	cw   *casefile.Crosswalk
	opt  casefile.CrosswalkOptions
	rows []*rowRes
	info pageInfo
	r    *resolver
}

func (c *crosswalkRes) Source() *frameworkRes { return &frameworkRes{info: c.cw.Source, r: c.r} }
func (c *crosswalkRes) Target() *frameworkRes { return &frameworkRes{info: c.cw.Target, r: c.r} }
func (c *crosswalkRes) TotalRows() int32      { return int32(len(c.cw.Rows)) }
func (c *crosswalkRes) Rows() []*rowRes       { return c.rows }
func (c *crosswalkRes) PageInfo() pageInfo    { return c.info }

type coverageRes struct {
	Items, Headings, Explicit, Transitive, SuggestedOnly, None int32
	ExplicitShare, TransitiveShare, SuggestedShare, NoneShare  float64
}

func (c *crosswalkRes) Coverage() coverageRes {
	v := c.cw.Coverage
	return coverageRes{Items: int32(v.Items), Headings: int32(v.Headings), Explicit: int32(v.Explicit), Transitive: int32(v.Transitive),
		SuggestedOnly: int32(v.SuggestedOnly), None: int32(v.None), ExplicitShare: v.ExplicitShare,
		TransitiveShare: v.TransitiveShare, SuggestedShare: v.SuggestedShare, NoneShare: v.NoneShare}
}

// Csv is the whole crosswalk as CSV (the crosswalk service's export).
func (c *crosswalkRes) Csv(ctx context.Context) (string, error) {
	var buf bytes.Buffer
	if err := c.r.cw.WriteCSV(&buf, c.cw); err != nil {
		return "", c.r.err(ctx, err)
	}
	return buf.String(), nil
}

func (c *crosswalkRes) exportURL(format string) string {
	q := url.Values{}
	q.Set("source", c.cw.Source.Identifier)
	q.Set("target", c.cw.Target.Identifier)
	q.Set("format", format)
	if c.opt.Suggest {
		q.Set("suggest", "true")
		q.Set("minScore", strconv.FormatFloat(c.opt.MinScore, 'f', -1, 64))
	}
	return c.r.base + "/api/v1/crosswalk?" + q.Encode()
}

func (c *crosswalkRes) CsvUrl() string     { return c.exportURL("csv") }
func (c *crosswalkRes) PackageUrl() string { return c.exportURL("case") }

// rowRes resolves a CrosswalkRow; src and tgt batch the items of the page.
type rowRes struct {
	row      *casefile.CrosswalkRow
	src, tgt *group
	r        *resolver
}

func (w *rowRes) Source() linkRes {
	return linkRes{Title: w.row.Source.Title, Identifier: w.row.Source.Identifier, URI: w.row.Source.URI}
}
func (w *rowRes) HumanCodingScheme() *string { return strPtr(w.row.Code) }
func (w *rowRes) EducationLevel() []string   { return nonNil(w.row.EducationLevel) }
func (w *rowRes) Heading() bool              { return w.row.Heading }

func (w *rowRes) SourceItem(ctx context.Context) (*itemRes, error) {
	return groupItem(ctx, w.r, w.src, w.row.Source.Identifier)
}

func (w *rowRes) Matches() []*matchRes {
	out := make([]*matchRes, len(w.row.Matches))
	for i := range w.row.Matches {
		out[i] = &matchRes{m: &w.row.Matches[i], tgt: w.tgt, r: w.r}
	}
	return out
}

type matchRes struct {
	m   *casefile.CrosswalkMatch
	tgt *group
	r   *resolver
}

func (m *matchRes) Kind() string             { return strings.ToUpper(m.m.Kind) }
func (m *matchRes) Score() float64           { return m.m.Score }
func (m *matchRes) AssociationType() *string { return strPtr(m.m.AssociationType) }
func (m *matchRes) Association() *string     { return strPtr(m.m.Association) }
func (m *matchRes) EducationLevel() []string { return nonNil(m.m.EducationLevel) }
func (m *matchRes) Target() linkRes {
	return linkRes{Title: m.m.Target.Title, Identifier: m.m.Target.Identifier, URI: m.m.Target.URI}
}

func (m *matchRes) Path() []linkRes {
	out := make([]linkRes, len(m.m.Path))
	for i, p := range m.m.Path {
		out[i] = linkRes{Title: p.Title, Identifier: p.Identifier, URI: p.URI}
	}
	return out
}

func (m *matchRes) TargetItem(ctx context.Context) (*itemRes, error) {
	return groupItem(ctx, m.r, m.tgt, m.m.Target.Identifier)
}

func groupItem(ctx context.Context, r *resolver, g *group, id string) (*itemRes, error) {
	it, err := g.item(ctx, id)
	if err != nil {
		return nil, r.err(ctx, err)
	}
	if it == nil {
		return nil, nil
	}
	return &itemRes{it: it, g: g, r: r}, nil
}
