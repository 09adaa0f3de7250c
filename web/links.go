package web

import (
	"context"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// maxURIResolves bounds the per-page lookups by uri (locally and on peers).
const maxURIResolves = 40

// linkView is the other end of an association, resolved as far as possible:
// an item held here (Local), a framework held here (Document), an item on a
// peer (Peer), or only what the association carried.
type linkView struct {
	ID             string
	Code           string
	Title          string
	URI            string
	Local          bool
	Document       bool
	Peer           bool
	Framework      string
	FrameworkTitle string
	OtherFramework bool
}

// resolver resolves association ends for one page; it caches framework titles.
type resolver struct {
	h      *handler
	titles map[string]string
}

func (h *handler) newResolver(ctx context.Context) (*resolver, error) {
	fws, err := h.deps.Store.Frameworks(ctx)
	if err != nil {
		return nil, err
	}
	titles := make(map[string]string, len(fws))
	for _, f := range fws {
		titles[f.Identifier] = f.Title
	}
	return &resolver{h: h, titles: titles}, nil
}

// resolve turns association ends into links; home is the framework of the
// page's item (links to other frameworks are marked).
func (rs *resolver) resolve(ctx context.Context, ends []casefile.LinkGenURI, home string) ([]linkView, error) {
	st := rs.h.deps.Store
	out := make([]linkView, len(ends))
	var ids []string
	for i, e := range ends {
		out[i] = linkView{ID: e.Identifier, Title: firstNonEmpty(e.Title, e.URI, e.Identifier), URI: e.URI}
		if _, isDoc := rs.titles[e.Identifier]; isDoc {
			out[i].Document, out[i].Framework, out[i].FrameworkTitle = true, e.Identifier, rs.titles[e.Identifier]
			out[i].Title = rs.titles[e.Identifier]
			out[i].OtherFramework = e.Identifier != home
			continue
		}
		if e.Identifier != "" {
			ids = append(ids, e.Identifier)
		}
	}
	found := map[string]casefile.Item{}
	if len(ids) > 0 {
		items, err := st.Items(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			found[it.Identifier] = it
			if it.OriginalIdentifier != "" {
				found[it.OriginalIdentifier] = it
			}
		}
	}
	budget := maxURIResolves
	for i, e := range ends {
		if out[i].Document {
			continue
		}
		it, ok := found[e.Identifier]
		if !ok && e.URI != "" && budget > 0 {
			budget--
			if byURI, err := st.ItemByURI(ctx, e.URI); err == nil {
				it, ok = *byURI, true
			} else if casefile.ErrorCode(err) != casefile.NotFound {
				return nil, err
			}
		}
		if ok {
			out[i] = itemLink(it)
		}
	}
	if err := rs.frameworks(ctx, out, home); err != nil {
		return nil, err
	}
	rs.peers(ctx, ends, out)
	return out, nil
}

// frameworks fills in the framework of each local item.
func (rs *resolver) frameworks(ctx context.Context, links []linkView, home string) error {
	var ids []string
	for _, l := range links {
		if l.Local {
			ids = append(ids, l.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	fw, err := rs.h.deps.Store.ItemFramework(ctx, ids)
	if err != nil {
		return err
	}
	for i := range links {
		if f, ok := fw[links[i].ID]; ok && links[i].Local {
			links[i].Framework, links[i].FrameworkTitle = f, rs.titles[f]
			links[i].OtherFramework = f != home
		}
	}
	return nil
}

// peers asks federation for ends not held here that have an http(s) uri,
// within the resolve timeout; a failure leaves the link as sent.
func (rs *resolver) peers(ctx context.Context, ends []casefile.LinkGenURI, out []linkView) {
	fed := rs.h.deps.Federation
	if fed == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, rs.h.deps.ResolveTimeout)
	defer cancel()
	budget := maxURIResolves
	for i, e := range ends {
		if out[i].Local || out[i].Document || !isHTTP(e.URI) || budget == 0 || ctx.Err() != nil {
			continue
		}
		budget--
		it, err := fed.ResolveLink(ctx, e.URI)
		if err != nil || it == nil {
			if err != nil {
				rs.h.log.DebugContext(ctx, "web: resolve link on peer", "uri", e.URI, "err", err)
			}
			continue
		}
		out[i].Peer = true
		out[i].Code = it.HumanCodingScheme
		out[i].Title = firstNonEmpty(it.FullStatement, out[i].Title)
		if it.CFDocumentURI != nil {
			out[i].FrameworkTitle = it.CFDocumentURI.Title
		}
	}
}

func itemLink(it casefile.Item) linkView {
	return linkView{ID: it.Identifier, Code: it.HumanCodingScheme, Title: it.FullStatement, URI: it.URI, Local: true}
}

func isHTTP(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
