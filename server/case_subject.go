package server

import (
	"context"
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// getCFSubject is GET /CFSubjects/{sourcedId}: {"CFSubjects":[requested, …descendants by hierarchyCode]}.
func (s *Server) getCFSubject(w http.ResponseWriter, r *http.Request, v casefile.Version) error {
	list, err := resolve(r, func(ctx context.Context, id string) ([]casefile.Subject, error) {
		return nonEmpty(s.cfg.Store.Subject(ctx, id))
	})
	if err != nil {
		return err
	}
	elems, err := encodeAll(list, v, casefile.MarshalSubject)
	if err != nil {
		return err
	}
	stamps := make([]string, len(list))
	for i := range list {
		stamps[i] = list[i].LastChangeDateTime
	}
	s.writeObject(w, r, wrapSet("CFSubjects", elems), lastChange(stamps...))
	return nil
}
