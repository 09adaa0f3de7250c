package web

import (
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// itemView is the item page.
type itemView struct {
	Item      *casefile.Item
	Framework string
	FWTitle   string
	Ancestors []casefile.LinkURI
	Groups    []assocGroup
	Count     int
	Levels    string // by name: "Grade 8", "Kindergarten"
	AltLabel  string // shown only when it says more than code and statement
	ListEnum  string // shown only when it says more than the code
	Canonical string // this node's version-independent address of the item
	Siblings  siblingView
	Counter   []counterpartGroup
	Truth     truthView
}

func (h *handler) item(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	it, err := h.deps.Store.Item(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	iv := itemView{Item: it}
	if it.CFDocumentURI != nil {
		iv.Framework, iv.FWTitle = it.CFDocumentURI.Identifier, it.CFDocumentURI.Title
	}
	if iv.Ancestors, err = h.deps.Store.Ancestors(ctx, it.Identifier); err != nil {
		h.fail(w, r, err)
		return
	}
	rs, err := h.newResolver(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if t, ok := rs.titles[iv.Framework]; ok && t != "" {
		iv.FWTitle = t
	}
	if iv.Groups, iv.Count, err = h.itemAssociations(r, rs, it, iv.Framework); err != nil {
		h.fail(w, r, err)
		return
	}
	iv.Levels = casefile.LevelRange(it.EducationLevel)
	if !redundantLabel(it.AlternativeLabel, it) {
		iv.AltLabel = it.AlternativeLabel
	}
	if !noisyEnumeration(it.ListEnumeration, it) {
		iv.ListEnum = it.ListEnumeration
	}
	iv.Canonical = casefile.CanonicalURI(h.deps.BaseURL, it.Identifier)
	if iv.Siblings, err = h.siblings(ctx, it, iv.Framework, iv.Ancestors); err != nil {
		h.fail(w, r, err)
		return
	}
	if iv.Counter, err = h.counterparts(ctx, it, iv.Framework); err != nil {
		h.log.WarnContext(ctx, "web: item counterparts", "item", it.Identifier, "err", err)
		iv.Counter = nil // the page stands without them
	}
	if iv.Truth, err = h.truthOf(ctx, it, iv.Framework); err != nil {
		h.fail(w, r, err)
		return
	}
	title := it.HumanCodingScheme
	if title == "" {
		title = clip(plainStatement(it.FullStatement), 60)
	}
	h.render(w, r, http.StatusOK, "item", h.newView(r, title, iv))
}

// itemAssociations loads the item's associations in both directions and
// resolves their other ends.
func (h *handler) itemAssociations(r *http.Request, rs *resolver, it *casefile.Item, home string) ([]assocGroup, int, error) {
	ctx := r.Context()
	assocs, err := h.deps.Store.ItemAssociations(ctx, it.Identifier)
	if err != nil {
		return nil, 0, err
	}
	links := make([]assocLink, 0, len(assocs))
	ends := make([]casefile.LinkGenURI, 0, len(assocs))
	for _, a := range assocs {
		out := isEnd(a.OriginNodeURI, it)
		in := isEnd(a.DestinationNodeURI, it)
		other := a.DestinationNodeURI
		if in && !out {
			other = a.OriginNodeURI
		}
		links = append(links, assocLink{Type: a.AssociationType, Incoming: in && !out, Notes: a.Notes})
		ends = append(ends, other)
	}
	resolved, err := rs.resolve(ctx, ends, home)
	if err != nil {
		return nil, 0, err
	}
	for i := range links {
		links[i].Target = resolved[i]
	}
	return groupLinks(links), len(links), nil
}

// isEnd reports whether an association end names the item.
func isEnd(e casefile.LinkGenURI, it *casefile.Item) bool {
	switch {
	case e.Identifier != "" && (e.Identifier == it.Identifier || e.Identifier == it.OriginalIdentifier):
		return true
	case e.URI != "" && e.URI == it.URI:
		return true
	}
	return false
}
