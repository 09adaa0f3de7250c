package server

import (
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// getCFLicense is GET /CFLicenses/{sourcedId}: the flat CFLicense.
func (s *Server) getCFLicense(w http.ResponseWriter, r *http.Request, v casefile.Version) error {
	obj, err := resolve(r, s.cfg.Store.License)
	if err != nil {
		return err
	}
	data, err := casefile.MarshalLicense(obj, v)
	if err != nil {
		return err
	}
	s.writeObject(w, r, data, lastChange(obj.LastChangeDateTime))
	return nil
}
