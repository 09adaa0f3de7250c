package server

import (
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// getCFItem is GET /CFItems/{sourcedId}: the flat standalone CFItem, encoded
// once per store generation (respCache).
func (s *Server) getCFItem(w http.ResponseWriter, r *http.Request, v casefile.Version) error {
	return s.cachedRead(w, r, "CFItems\x00"+string(v)+"\x00"+r.PathValue("sourcedId"), func() (*cachedResp, error) {
		it, err := resolve(r, s.cfg.Store.Item)
		if err != nil {
			return nil, err
		}
		data, err := casefile.MarshalItem(it, v)
		if err != nil {
			return nil, err
		}
		return &cachedResp{body: newBody(data, lastChange(it.LastChangeDateTime))}, nil
	})
}
