package server

import (
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// getCFRubric is GET /CFRubrics/{sourcedId}: the flat CFRubric with its criteria and levels.
func (s *Server) getCFRubric(w http.ResponseWriter, r *http.Request, v casefile.Version) error {
	obj, err := resolve(r, s.cfg.Store.Rubric)
	if err != nil {
		return err
	}
	data, err := casefile.MarshalRubric(obj, v)
	if err != nil {
		return err
	}
	s.writeObject(w, r, data, lastChange(obj.LastChangeDateTime))
	return nil
}
