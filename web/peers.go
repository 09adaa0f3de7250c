package web

import (
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// peersView is the peers page.
type peersView struct {
	Available bool
	Peers     []casefile.Peer
	Conflicts []casefile.FrameworkConflict
}

func (h *handler) peers(w http.ResponseWriter, r *http.Request) {
	pv := peersView{Available: h.deps.Federation != nil}
	if pv.Available {
		var err error
		if pv.Peers, err = h.deps.Federation.Peers(r.Context()); err != nil {
			h.fail(w, r, err)
			return
		}
		if pv.Conflicts, err = h.deps.Federation.Conflicts(r.Context()); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, http.StatusOK, "peers", h.newView(r, "Peers", pv))
}
