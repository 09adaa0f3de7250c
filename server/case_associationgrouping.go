package server

import (
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// getCFAssociationGrouping is GET /CFAssociationGroupings/{sourcedId}: the flat CFAssociationGrouping.
func (s *Server) getCFAssociationGrouping(w http.ResponseWriter, r *http.Request, v casefile.Version) error {
	obj, err := resolve(r, s.cfg.Store.AssociationGrouping)
	if err != nil {
		return err
	}
	data, err := casefile.MarshalAssociationGrouping(obj, v)
	if err != nil {
		return err
	}
	s.writeObject(w, r, data, lastChange(obj.LastChangeDateTime))
	return nil
}
