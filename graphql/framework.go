package graphql

import (
	"context"
	"fmt"
	gql "github.com/graph-gophers/graphql-go"
	"slices"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// frameworkRes resolves a Framework.
type frameworkRes struct {
	info casefile.FrameworkInfo
	r    *resolver
}

func (f *frameworkRes) Identifier() gql.ID       { return gql.ID(f.info.Identifier) }
func (f *frameworkRes) URI() string              { return f.info.URI }
func (f *frameworkRes) Title() string            { return f.info.Title }
func (f *frameworkRes) Creator() string          { return f.info.Creator }
func (f *frameworkRes) Publisher() *string       { return strPtr(f.info.Publisher) }
func (f *frameworkRes) Subject() []string        { return nonNil(f.info.Subject) }
func (f *frameworkRes) Language() *string        { return strPtr(f.info.Language) }
func (f *frameworkRes) AdoptionStatus() *string  { return strPtr(f.info.AdoptionStatus) }
func (f *frameworkRes) EducationLevel() []string { return nonNil(f.info.EducationLevel) }
func (f *frameworkRes) LastChangeDateTime() string {
	return f.info.LastChange
}
func (f *frameworkRes) ItemCount() int32        { return int32(f.info.Items) }
func (f *frameworkRes) AssociationCount() int32 { return int32(f.info.Associations) }

// Provenance is shown in full to the admin scope only (casefile.Provenance.ForCaller).
func (f *frameworkRes) Provenance(ctx context.Context) provenanceRes {
	return provenanceRes{f.info.Provenance.ForCaller(ctx)}
}

func (f *frameworkRes) document(ctx context.Context) (*casefile.Document, error) {
	l := loaderFrom(ctx)
	d, err := l.documents.get(f.info.Identifier, func() (*casefile.Document, error) {
		return l.store.Document(ctx, f.info.Identifier)
	})
	return d, f.r.err(ctx, err)
}

func (f *frameworkRes) docField(ctx context.Context, get func(*casefile.Document) string) (*string, error) {
	d, err := f.document(ctx)
	if err != nil {
		return nil, err
	}
	return strPtr(get(d)), nil
}

func (f *frameworkRes) Description(ctx context.Context) (*string, error) {
	return f.docField(ctx, func(d *casefile.Document) string { return d.Description })
}
func (f *frameworkRes) Version(ctx context.Context) (*string, error) {
	return f.docField(ctx, func(d *casefile.Document) string { return d.Version })
}
func (f *frameworkRes) OfficialSourceURL(ctx context.Context) (*string, error) {
	return f.docField(ctx, func(d *casefile.Document) string { return d.OfficialSourceURL })
}
func (f *frameworkRes) Notes(ctx context.Context) (*string, error) {
	return f.docField(ctx, func(d *casefile.Document) string { return d.Notes })
}

// Roots are the children of the document.
func (f *frameworkRes) Roots(ctx context.Context) ([]*itemRes, error) {
	l := loaderFrom(ctx)
	items, err := l.roots.get(f.info.Identifier, func() ([]casefile.Item, error) {
		res, err := l.store.Children(ctx, []string{f.info.Identifier})
		return res[f.info.Identifier], err
	})
	if err != nil {
		return nil, f.r.err(ctx, err)
	}
	return f.r.items(l.newGroup(items), items), nil
}

type itemConnection struct {
	total int
	nodes []*itemRes
	info  pageInfo
}

func (c *itemConnection) TotalCount() int32  { return int32(c.total) }
func (c *itemConnection) Nodes() []*itemRes  { return c.nodes }
func (c *itemConnection) PageInfo() pageInfo { return c.info }

// Items pages over all items in tree order. Only the page is read: the
// store pages in SQL and gives the framework's item count with it.
func (f *frameworkRes) Items(ctx context.Context, args struct {
	First int32
	After *string
}) (*itemConnection, error) {
	start, size, err := window(args.First, args.After, f.r.limits.MaxItemsPage)
	if err != nil {
		return nil, err
	}
	l := loaderFrom(ctx)
	key := fmt.Sprintf("%s\x00%d\x00%d", f.info.Identifier, start, size)
	pg, err := l.itemPages.get(key, func() (itemPage, error) {
		return l.shared.pages.Load(l.gen, key, func() (itemPage, error) {
			items, total, err := l.store.ItemsPage(ctx, f.info.Identifier, start, size)
			return itemPage{items, total}, err
		})
	})
	if err != nil {
		return nil, f.r.err(ctx, err)
	}
	_, _, info := bounds(pg.total, start, size)
	return &itemConnection{total: pg.total, nodes: f.r.items(l.newGroup(pg.items), pg.items), info: info}, nil
}

// itemPage is one page of a framework's items and the framework's count.
type itemPage struct {
	items []casefile.Item
	total int
}

// Associations held by the framework, optionally only of some types.
func (f *frameworkRes) Associations(ctx context.Context, args struct{ Types *[]string }) ([]*assocRes, error) {
	as, err := f.r.store.AssociationsOf(ctx, f.info.Identifier)
	if err != nil {
		return nil, f.r.err(ctx, err)
	}
	as = filterTypes(as, args.Types)
	return f.r.assocs(ctx, as, nil), nil
}

func (f *frameworkRes) pkg(ctx context.Context) (*casefile.Package, error) {
	l := loaderFrom(ctx)
	p, err := l.packages.get(f.info.Identifier, func() (*casefile.Package, error) {
		return l.store.Package(ctx, f.info.Identifier)
	})
	return p, f.r.err(ctx, err)
}

func (f *frameworkRes) Definitions(ctx context.Context) (*definitionsRes, error) {
	p, err := f.pkg(ctx)
	if err != nil {
		return nil, err
	}
	return &definitionsRes{d: &p.CFDefinitions}, nil
}

func (f *frameworkRes) Rubrics(ctx context.Context) ([]*rubricRes, error) {
	p, err := f.pkg(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*rubricRes, len(p.CFRubrics))
	for i := range p.CFRubrics {
		out[i] = &rubricRes{&p.CFRubrics[i]}
	}
	return out, nil
}

type provenanceRes struct{ p casefile.Provenance }

func (p provenanceRes) Source() string      { return p.p.Source }
func (p provenanceRes) Location() string    { return p.p.Location }
func (p provenanceRes) Peer() *string       { return strPtr(p.p.Peer) }
func (p provenanceRes) OriginNode() string  { return p.p.OriginNode }
func (p provenanceRes) ContentHash() string { return p.p.ContentHash }
func (p provenanceRes) FetchedAt() string {
	if p.p.FetchedAt.IsZero() {
		return ""
	}
	return p.p.FetchedAt.UTC().Format("2006-01-02T15:04:05Z")
}

// frameworkFilter is the FrameworkFilter input.
type frameworkFilter struct {
	Title          *string
	Subject        *string
	EducationLevel *string
	Publisher      *string
	AdoptionStatus *string
}

func (ff *frameworkFilter) match(f casefile.FrameworkInfo) bool {
	if ff == nil {
		return true
	}
	has := func(p *string, ok func(string) bool) bool { return p == nil || *p == "" || ok(strings.ToLower(*p)) }
	return has(ff.Title, func(s string) bool { return containsWords(f.Title, s) }) &&
		has(ff.Subject, func(s string) bool { return slices.ContainsFunc(f.Subject, eqFold(s)) }) &&
		has(ff.EducationLevel, func(s string) bool { return slices.ContainsFunc(f.EducationLevel, eqFold(s)) }) &&
		has(ff.Publisher, func(s string) bool {
			return strings.Contains(strings.ToLower(f.Publisher), s) || strings.Contains(strings.ToLower(f.Creator), s)
		}) &&
		has(ff.AdoptionStatus, func(s string) bool { return strings.EqualFold(f.AdoptionStatus, s) })
}

func eqFold(s string) func(string) bool {
	return func(v string) bool { return strings.EqualFold(v, s) }
}

func containsWords(title, words string) bool {
	t := strings.ToLower(title)
	for _, w := range strings.Fields(words) {
		if !strings.Contains(t, w) {
			return false
		}
	}
	return true
}
