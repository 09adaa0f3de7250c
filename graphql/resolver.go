package graphql

import (
	"context"
	gql "github.com/graph-gophers/graphql-go"
	"log/slog"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// resolver is the root of the schema (Query and Mutation).
type resolver struct {
	store    Store
	search   Searcher
	cw       Crosswalker
	achiever Achiever
	limits   Limits
	base     string
	log      *slog.Logger
}

// err converts a store/search error for the response.
func (r *resolver) err(ctx context.Context, err error) error {
	return userError(ctx, r.log, err)
}

func (r *resolver) framework(ctx context.Context, id string) (*frameworkRes, error) {
	l := loaderFrom(ctx)
	info, err := l.frameworks.get(id, func() (casefile.FrameworkInfo, error) {
		return l.shared.frameworks.Load(l.gen, id, func() (casefile.FrameworkInfo, error) {
			return l.store.Framework(ctx, id)
		})
	})
	if casefile.ErrorCode(err) == casefile.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, r.err(ctx, err)
	}
	return &frameworkRes{info: info, r: r}, nil
}

type frameworkConnection struct {
	total int
	nodes []*frameworkRes
	info  pageInfo
}

func (c *frameworkConnection) TotalCount() int32      { return int32(c.total) }
func (c *frameworkConnection) Nodes() []*frameworkRes { return c.nodes }
func (c *frameworkConnection) PageInfo() pageInfo     { return c.info }

func (r *resolver) Frameworks(ctx context.Context, args struct {
	Filter *frameworkFilter
	First  int32
	After  *string
}) (*frameworkConnection, error) {
	all, err := r.store.Frameworks(ctx)
	if err != nil {
		return nil, r.err(ctx, err)
	}
	var kept []casefile.FrameworkInfo
	for _, f := range all {
		if args.Filter.match(f) {
			kept = append(kept, f)
		}
	}
	start, end, info, err := page(len(kept), args.First, args.After, 200)
	if err != nil {
		return nil, err
	}
	nodes := make([]*frameworkRes, 0, end-start)
	for _, f := range kept[start:end] {
		nodes = append(nodes, &frameworkRes{info: f, r: r})
	}
	return &frameworkConnection{total: len(kept), nodes: nodes, info: info}, nil
}

func (r *resolver) Framework(ctx context.Context, args struct{ ID gql.ID }) (*frameworkRes, error) {
	if err := checkID(string(args.ID), "id"); err != nil {
		return nil, err
	}
	return r.framework(ctx, string(args.ID))
}

// Item finds one item by identifier, uri or code (with framework when ambiguous).
func (r *resolver) Item(ctx context.Context, args struct {
	ID        *gql.ID
	URI       *string
	Code      *string
	Framework *gql.ID
}) (*itemRes, error) {
	var (
		it  *casefile.Item
		err error
	)
	switch {
	case args.ID != nil && *args.ID != "":
		if err := checkID(string(*args.ID), "id"); err != nil {
			return nil, err
		}
		it, err = r.store.Item(ctx, string(*args.ID))
	case args.URI != nil && *args.URI != "":
		if err := checkID(*args.URI, "uri"); err != nil {
			return nil, err
		}
		it, err = r.store.ItemByURI(ctx, *args.URI)
	case args.Code != nil && *args.Code != "":
		it, err = r.itemByCode(ctx, *args.Code, args.Framework)
	default:
		return nil, invalidf("give one of id, uri or code")
	}
	if casefile.ErrorCode(err) == casefile.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, r.err(ctx, err)
	}
	l := loaderFrom(ctx)
	return &itemRes{it: it, g: l.newGroup([]casefile.Item{*it}), r: r}, nil
}

func (r *resolver) itemByCode(ctx context.Context, code string, framework *gql.ID) (*casefile.Item, error) {
	if err := checkID(code, "code"); err != nil {
		return nil, err
	}
	items, err := r.store.ItemsByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	if framework != nil && *framework != "" {
		items, err = r.inFramework(ctx, items, string(*framework))
		if err != nil {
			return nil, err
		}
	}
	switch len(items) {
	case 0:
		return nil, casefile.Errorf(casefile.NotFound, "no item with code %q", code)
	case 1:
		return &items[0], nil
	}
	return nil, casefile.Errorf(casefile.Invalid, "%d items carry code %q; give the framework", len(items), code)
}

func (r *resolver) inFramework(ctx context.Context, items []casefile.Item, framework string) ([]casefile.Item, error) {
	ids := make([]string, len(items))
	for i := range items {
		ids[i] = items[i].Identifier
	}
	fw, err := r.store.ItemFramework(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []casefile.Item
	for _, it := range items {
		if fw[it.Identifier] == framework {
			out = append(out, it)
		}
	}
	return out, nil
}

func (r *resolver) ItemsByCode(ctx context.Context, args struct{ Code string }) ([]*itemRes, error) {
	if err := checkID(args.Code, "code"); err != nil {
		return nil, err
	}
	items, err := r.store.ItemsByCode(ctx, args.Code)
	if err != nil {
		return nil, r.err(ctx, err)
	}
	return r.items(loaderFrom(ctx).newGroup(items), items), nil
}

func (r *resolver) Definitions(ctx context.Context, args struct{ Framework gql.ID }) (*definitionsRes, error) {
	f, err := r.Framework(ctx, struct{ ID gql.ID }{args.Framework})
	if err != nil || f == nil {
		return nil, err
	}
	return f.Definitions(ctx)
}

func (r *resolver) Rubric(ctx context.Context, args struct{ ID gql.ID }) (*rubricRes, error) {
	if err := checkID(string(args.ID), "id"); err != nil {
		return nil, err
	}
	rb, err := r.store.Rubric(ctx, string(args.ID))
	if casefile.ErrorCode(err) == casefile.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, r.err(ctx, err)
	}
	return &rubricRes{rb}, nil
}

func (r *resolver) CrosswalkDocument() *gql.ID {
	if r.cw == nil {
		return nil
	}
	id := gql.ID(r.cw.CrosswalkDocument())
	return &id
}

// maxIDLen bounds identifiers, uris and codes given as arguments.
const maxIDLen = 1000

func checkID(s, name string) error {
	if strings.TrimSpace(s) == "" || len(s) > maxIDLen {
		return invalidf("%s must be 1 to %d characters", name, maxIDLen)
	}
	return nil
}
