package server

import (
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// getCFItem is GET /CFItems/{sourcedId}: the flat standalone CFItem.
func (s *Server) getCFItem(w http.ResponseWriter, r *http.Request, v casefile.Version) error {
	it, err := resolve(r, s.cfg.Store.Item)
	if err != nil {
		return err
	}
	data, err := casefile.MarshalItem(it, v)
	if err != nil {
		return err
	}
	s.writeObject(w, r, data, lastChange(it.LastChangeDateTime))
	return nil
}
