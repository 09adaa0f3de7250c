package server

import (
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// getCFAssociation is GET /CFAssociations/{sourcedId}: the flat standalone CFAssociation.
func (s *Server) getCFAssociation(w http.ResponseWriter, r *http.Request, v casefile.Version) error {
	a, err := resolve(r, s.cfg.Store.Association)
	if err != nil {
		return err
	}
	data, err := casefile.MarshalAssociation(a, v)
	if err != nil {
		return err
	}
	s.writeObject(w, r, data, lastChange(a.LastChangeDateTime))
	return nil
}
