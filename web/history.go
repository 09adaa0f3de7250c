package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// The framework's version history: every import that changed it, from the
// diffs the store records, and what changed between two versions.

// historyView is the history page.
type historyView struct {
	Info     casefile.FrameworkInfo
	Versions []versionView // newest first
	From, To int64         // the versions compared (sequence numbers); 0 = the first import
	Diff     *netDiff
}

// versionView is one recorded change of the framework.
type versionView struct {
	casefile.FrameworkDiff
	Added, Removed, Modified int
}

// netDiff is what changed between two versions, each object counted once.
type netDiff struct {
	Added, Modified             []casefile.Item
	Removed                     []string // items no longer held: identifiers only
	AssocAdded, AssocRemoved    int
	AssocModified               int
	DocumentModified, Unchanged bool
}

func (h *handler) history(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	info, err := h.deps.Store.Framework(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	diffs, err := h.deps.Store.Diffs(ctx, info.Identifier)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	hv := historyView{Info: info}
	for _, d := range diffs {
		hv.Versions = append(hv.Versions, versionView{FrameworkDiff: d, Added: len(d.ItemsAdded), Removed: len(d.ItemsRemoved), Modified: len(d.ItemsModified)})
	}
	q := r.URL.Query()
	if q.Has("from") || q.Has("to") {
		hv.From, _ = strconv.ParseInt(q.Get("from"), 10, 64)
		hv.To, _ = strconv.ParseInt(q.Get("to"), 10, 64)
		if hv.To == 0 && len(diffs) > 0 {
			hv.To = diffs[0].Seq
		}
		if hv.From > hv.To {
			hv.From, hv.To = hv.To, hv.From
		}
		nd := between(diffs, hv.From, hv.To)
		if hv.Diff, err = h.itemsOf(r, nd); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, http.StatusOK, "history", h.newView(r, "History of "+firstNonEmpty(info.Title, info.Identifier), hv))
}

// idDiff is a net change by identifier.
type idDiff struct {
	items, assocs map[string]byte // 'a' added, 'r' removed, 'm' modified
	doc           bool
}

// between folds the diffs after version from up to version to into one net
// change: added then removed is nothing, removed then added is modified,
// added then modified stays added.
func between(diffs []casefile.FrameworkDiff, from, to int64) idDiff {
	asc := slices.Clone(diffs)
	slices.SortFunc(asc, func(a, b casefile.FrameworkDiff) int { return int(a.Seq - b.Seq) })
	nd := idDiff{items: map[string]byte{}, assocs: map[string]byte{}}
	for _, d := range asc {
		if d.Seq <= from || d.Seq > to {
			continue
		}
		fold(nd.items, d.ItemsAdded, d.ItemsRemoved, d.ItemsModified)
		fold(nd.assocs, d.AssociationsAdded, d.AssociationsRemoved, d.AssociationsModified)
		nd.doc = nd.doc || d.DocumentModified
	}
	return nd
}

func fold(state map[string]byte, added, removed, modified []string) {
	for _, id := range added {
		if state[id] == 'r' {
			state[id] = 'm'
		} else {
			state[id] = 'a'
		}
	}
	for _, id := range removed {
		if state[id] == 'a' {
			delete(state, id)
		} else {
			state[id] = 'r'
		}
	}
	for _, id := range modified {
		if state[id] == 0 {
			state[id] = 'm'
		}
	}
}

// itemsOf turns a net change into what the page lists.
func (h *handler) itemsOf(r *http.Request, nd idDiff) (*netDiff, error) {
	out := &netDiff{DocumentModified: nd.doc}
	var added, modified []string
	for id, s := range nd.items {
		switch s {
		case 'a':
			added = append(added, id)
		case 'm':
			modified = append(modified, id)
		case 'r':
			out.Removed = append(out.Removed, id)
		}
	}
	slices.Sort(out.Removed)
	for _, s := range nd.assocs {
		switch s {
		case 'a':
			out.AssocAdded++
		case 'm':
			out.AssocModified++
		case 'r':
			out.AssocRemoved++
		}
	}
	var err error
	if out.Added, err = h.held(r, added); err != nil {
		return nil, err
	}
	if out.Modified, err = h.held(r, modified); err != nil {
		return nil, err
	}
	out.Unchanged = len(nd.items) == 0 && len(nd.assocs) == 0 && !nd.doc
	return out, nil
}

// maxDiffItems bounds the items a diff page lists by name.
const maxDiffItems = 500

// held loads the items still held among ids, in code order.
func (h *handler) held(r *http.Request, ids []string) ([]casefile.Item, error) {
	if len(ids) > maxDiffItems {
		ids = ids[:maxDiffItems]
	}
	if len(ids) == 0 {
		return nil, nil
	}
	items, err := h.deps.Store.Items(r.Context(), ids)
	slices.SortFunc(items, func(a, b casefile.Item) int {
		return strings.Compare(a.HumanCodingScheme+"\x00"+a.Identifier, b.HumanCodingScheme+"\x00"+b.Identifier)
	})
	return items, err
}

// prevSeq is the version before the change seq (0: the first import), for
// the "what changed" link of each version. vs is newest first.
func prevSeq(vs []versionView, seq int64) int64 {
	for i, v := range vs {
		if v.Seq == seq && i+1 < len(vs) {
			return vs[i+1].Seq
		}
	}
	return 0
}
