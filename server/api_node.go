package server

import (
	"context"
	"net/http"
	"time"

	"github.com/casenode/casenode/casefile"
)

// software is the NodeInfo software name peers recognise.
const software = "casenode"

// getNode is GET /api/v1/node.
func (s *Server) getNode(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Federation != nil {
		info, err := s.cfg.Federation.NodeInfo(r.Context())
		if err != nil {
			return err
		}
		return s.writeAPI(w, r, info)
	}
	seq, err := s.cfg.Store.LastSeq(r.Context())
	if err != nil {
		return err
	}
	return s.writeAPI(w, r, casefile.NodeInfo{Name: s.cfg.Name, BaseURL: s.cfg.BaseURL, Software: software,
		Version: s.cfg.Version, ChangeFeed: true, LastSeq: seq})
}

// health is the /healthz body.
type health struct {
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

// getHealth is GET /healthz: 200 when the store answers within a second.
func (s *Server) getHealth(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), time.Second)
	defer cancel()
	if _, err := s.cfg.Store.LastSeq(ctx); err != nil {
		s.log.Warn("health check failed", "err", err)
		writeJSONStatus(w, http.StatusServiceUnavailable, health{Status: "unavailable", Error: "the store does not answer"})
		return nil
	}
	writeJSONStatus(w, http.StatusOK, health{Status: "ok"})
	return nil
}
