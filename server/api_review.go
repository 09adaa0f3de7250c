package server

import (
	"io"
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// maxReviewBytes caps a reviewed crosswalk CSV upload.
const maxReviewBytes = 16 << 20

// postCrosswalkReview is POST /api/v1/crosswalk/review (admin): the body is
// the crosswalk CSV a reviewer downloaded, with a decision column (accept,
// reject, or a different target code). Each decision is taken as the
// compare page's buttons take it, by the caller; the answer lists every
// row's outcome: {"outcomes": [ReviewOutcome…]}.
func (s *Server) postCrosswalkReview(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Reviews == nil {
		return notEnabled("crosswalk review upload")
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return casefile.Errorf(casefile.Invalid, "the review CSV could not be read (at most %d bytes)", maxReviewBytes)
	}
	out, err := s.cfg.Reviews.ApplyReview(r.Context(), data, "review.csv", principalName(r))
	if err != nil {
		return err
	}
	s.log.Info("crosswalk review uploaded", "by", principalName(r), "rows", len(out))
	writeDone(w, map[string]any{"outcomes": out})
	return nil
}
