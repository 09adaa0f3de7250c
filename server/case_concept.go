package server

import (
	"context"
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// getCFConcept is GET /CFConcepts/{sourcedId}: {"CFConcepts":[requested, …descendants by hierarchyCode]}.
func (s *Server) getCFConcept(w http.ResponseWriter, r *http.Request, v casefile.Version) error {
	list, err := resolve(r, func(ctx context.Context, id string) ([]casefile.Concept, error) {
		return nonEmpty(s.cfg.Store.Concept(ctx, id))
	})
	if err != nil {
		return err
	}
	elems, err := encodeAll(list, v, casefile.MarshalConcept)
	if err != nil {
		return err
	}
	stamps := make([]string, len(list))
	for i := range list {
		stamps[i] = list[i].LastChangeDateTime
	}
	s.writeObject(w, r, wrapSet("CFConcepts", elems), lastChange(stamps...))
	return nil
}
