package web

import (
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// homeView lists the frameworks held.
type homeView struct {
	Frameworks []casefile.FrameworkInfo
	Items      int
	CanImport  bool // the node has an import path (the form shows to admins)
}

func (h *handler) home(w http.ResponseWriter, r *http.Request) {
	fws, err := h.deps.Store.Frameworks(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	hv := homeView{Frameworks: fws, CanImport: h.deps.Importer != nil}
	for _, f := range fws {
		hv.Items += f.Items
	}
	h.render(w, r, http.StatusOK, "home", h.newView(r, "Frameworks", hv))
}
