package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// acceptTypes are the association types an admin may record from a suggestion.
var acceptTypes = []string{casefile.ExactMatchOf, casefile.IsRelatedTo, casefile.IsPartOf, casefile.IsPeerOf}

// actionForm is what the accept, reject and restore forms post.
type actionForm struct {
	cq                     compareQuery
	sourceItem, targetItem string
	assocType              string
}

// adminAction checks the caller is an admin and reads the form; it answers
// the request itself (and returns false) when it cannot go on.
func (h *handler) adminAction(w http.ResponseWriter, r *http.Request) (actionForm, casefile.Principal, bool) {
	p, ok := h.requireAdmin(w, r, "accept or reject suggestions")
	if !ok {
		return actionForm{}, p, false
	}
	if h.deps.Crosswalk == nil {
		h.fail(w, r, casefile.Errorf(casefile.Unavailable, "Crosswalks are not available on this node."))
		return actionForm{}, p, false
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, casefile.Errorf(casefile.Invalid, "The form could not be read."))
		return actionForm{}, p, false
	}
	f := actionForm{cq: readCompareQuery(r.PostForm), sourceItem: bounded(r.PostForm.Get("sourceItem")),
		targetItem: bounded(r.PostForm.Get("targetItem")), assocType: r.PostForm.Get("associationType")}
	if code := bounded(r.PostForm.Get("targetCode")); f.targetItem == "" && code != "" && f.cq.Target != "" {
		// "Pick a different target": a code or words, found in the target framework.
		id, err := h.findTarget(r, f.cq.Target, code)
		if err != nil {
			h.fail(w, r, err)
			return actionForm{}, p, false
		}
		f.targetItem = id
	}
	if f.cq.Source == "" || f.cq.Target == "" || f.sourceItem == "" || f.targetItem == "" {
		h.fail(w, r, casefile.Errorf(casefile.Invalid, "The form names no suggestion."))
		return actionForm{}, p, false
	}
	return f, p, true
}

// back returns to the compare page the form came from.
func (h *handler) back(w http.ResponseWriter, r *http.Request, f actionForm, notice string) {
	v := f.cq.values(f.cq.Page)
	v.Set("done", notice)
	http.Redirect(w, r, "/compare?"+v.Encode()+"#results", http.StatusSeeOther)
}

// accept answers POST /compare/accept: the suggestion becomes a real
// association in the node's crosswalk document.
func (h *handler) accept(w http.ResponseWriter, r *http.Request) {
	f, p, ok := h.adminAction(w, r)
	if !ok {
		return
	}
	if f.assocType == "" {
		f.assocType = casefile.ExactMatchOf
	}
	if !slices.Contains(acceptTypes, f.assocType) {
		h.fail(w, r, casefile.Errorf(casefile.Invalid, "Unknown association type."))
		return
	}
	if _, err := h.deps.Crosswalk.Accept(r.Context(), f.sourceItem, f.targetItem, f.assocType, p.ClientID); err != nil {
		h.fail(w, r, err)
		return
	}
	h.log.InfoContext(r.Context(), "web: suggestion accepted", "source", f.sourceItem, "target", f.targetItem, "type", f.assocType, "by", p.ClientID)
	h.back(w, r, f, "accepted")
}

// reject answers POST /compare/reject: the pair is never suggested again,
// on this page or by any other surface of the node.
func (h *handler) reject(w http.ResponseWriter, r *http.Request) {
	f, p, ok := h.adminAction(w, r)
	if !ok {
		return
	}
	if _, err := h.deps.Crosswalk.Reject(r.Context(), f.sourceItem, f.targetItem, p.ClientID); err != nil {
		h.fail(w, r, err)
		return
	}
	h.back(w, r, f, "rejected")
}

// restore answers POST /compare/restore: a rejected suggestion shows again.
func (h *handler) restore(w http.ResponseWriter, r *http.Request) {
	f, _, ok := h.adminAction(w, r)
	if !ok {
		return
	}
	if err := h.deps.Crosswalk.Restore(r.Context(), f.sourceItem, f.targetItem); err != nil {
		h.fail(w, r, err)
		return
	}
	h.back(w, r, f, "restored")
}

// findTarget finds the item of the target framework an admin named by code
// (exactly, ignoring case) or, failing that, by words (the best hit).
func (h *handler) findTarget(r *http.Request, framework, q string) (string, error) {
	res, err := h.deps.Search.Search(r.Context(), casefile.SearchRequest{Query: q, Size: 10,
		Filters: map[string][]string{"framework": {framework}}})
	if err != nil {
		return "", err
	}
	for _, hit := range res.Hits {
		if strings.EqualFold(hit.HumanCodingScheme, q) {
			return hit.Identifier, nil
		}
	}
	if len(res.Hits) == 0 {
		return "", casefile.Errorf(casefile.NotFound, "No item of the target framework matches %q.", q)
	}
	return res.Hits[0].Identifier, nil
}
