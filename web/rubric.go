package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/casenode/casenode/casefile"
)

// rubricHolder finds the CFRubric that is, or holds, a criterion or level
// (*store.DB satisfies it).
type rubricHolder interface {
	RubricHolding(ctx context.Context, id string) (*casefile.Rubric, string, error)
}

// rubricView is a rubric as a table: a row per criterion, a cell per level.
type rubricView struct {
	Rubric    *casefile.Rubric
	Framework string
	FWTitle   string
	Focus     string // the criterion or level the page was asked for
}

// rubric answers GET /rubrics/{id}: the CFRubric whose identifier is id, or
// which holds the criterion or level id (highlighted).
func (h *handler) rubric(w http.ResponseWriter, r *http.Request) {
	rh, ok := h.deps.Store.(rubricHolder)
	if !ok {
		h.fail(w, r, casefile.Errorf(casefile.NotFound, "rubrics are not available on this node"))
		return
	}
	id := r.PathValue("id")
	rub, fw, err := rh.RubricHolding(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rv := rubricView{Rubric: rub, Framework: fw}
	if id != rub.Identifier {
		rv.Focus = id
	}
	if fi, err := h.deps.Store.Framework(r.Context(), fw); err == nil {
		rv.FWTitle = fi.Title
	}
	h.render(w, r, http.StatusOK, "rubric", h.newView(r, firstNonEmpty(rub.Title, "Rubric"), rv))
}

// scoreText shows a level's score.
func scoreText(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}
