package server

import (
	"context"
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// getCFItemType is GET /CFItemTypes/{sourcedId}: {"CFItemTypes":[requested, …descendants by hierarchyCode]}.
func (s *Server) getCFItemType(w http.ResponseWriter, r *http.Request, v casefile.Version) error {
	list, err := resolve(r, func(ctx context.Context, id string) ([]casefile.ItemType, error) {
		return nonEmpty(s.cfg.Store.ItemType(ctx, id))
	})
	if err != nil {
		return err
	}
	elems, err := encodeAll(list, v, casefile.MarshalItemType)
	if err != nil {
		return err
	}
	stamps := make([]string, len(list))
	for i := range list {
		stamps[i] = list[i].LastChangeDateTime
	}
	s.writeObject(w, r, wrapSet("CFItemTypes", elems), lastChange(stamps...))
	return nil
}
