package server

import (
	"net/http"
	"strconv"

	"github.com/casenode/casenode/casefile"
)

const (
	defaultChangeLimit = 1000
	maxChangeLimit     = 10000
)

// getFrameworks is GET /api/v1/frameworks: {"frameworks":[FrameworkInfo…]}.
func (s *Server) getFrameworks(w http.ResponseWriter, r *http.Request) error {
	fws, err := s.cfg.Store.Frameworks(r.Context())
	if err != nil {
		return err
	}
	if fws == nil {
		fws = []casefile.FrameworkInfo{}
	}
	for i := range fws {
		fws[i].Provenance = fws[i].Provenance.ForCaller(r.Context())
	}
	return s.writeAPI(w, r, map[string]any{"frameworks": fws})
}

// getFramework is GET /api/v1/frameworks/{id}.
func (s *Server) getFramework(w http.ResponseWriter, r *http.Request) error {
	fi, err := s.cfg.Store.Framework(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	fi.Provenance = fi.Provenance.ForCaller(r.Context())
	return s.writeAPI(w, r, fi)
}

// deleteFramework is DELETE /api/v1/frameworks/{id} (admin).
func (s *Server) deleteFramework(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Importer == nil {
		return notEnabled("deleting")
	}
	id := r.PathValue("id")
	if _, err := s.cfg.Store.Framework(r.Context(), id); err != nil {
		return err
	}
	if err := s.cfg.Importer.Delete(r.Context(), id); err != nil {
		return err
	}
	s.log.Info("framework deleted", "framework", id, "by", principalName(r))
	writeDone(w, nil)
	return nil
}

// getFrameworkDiffs is GET /api/v1/frameworks/{id}/changes: {"changes":[FrameworkDiff…]}.
func (s *Server) getFrameworkDiffs(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if _, err := s.cfg.Store.Framework(r.Context(), id); err != nil {
		return err
	}
	diffs, err := s.cfg.Store.Diffs(r.Context(), id)
	if err != nil {
		return err
	}
	if diffs == nil {
		diffs = []casefile.FrameworkDiff{}
	}
	return s.writeAPI(w, r, map[string]any{"changes": diffs})
}

// getChanges is GET /api/v1/changes?since=N&limit=M: the change feed.
func (s *Server) getChanges(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	since, err := int64Param(q.Get("since"), 0)
	if err != nil || since < 0 {
		return casefile.Errorf(casefile.Invalid, "since must be a change sequence number (0 or more)")
	}
	limit, err := int64Param(q.Get("limit"), defaultChangeLimit)
	if err != nil || limit < 1 || limit > maxChangeLimit {
		return casefile.Errorf(casefile.Invalid, "limit must be between 1 and %d", maxChangeLimit)
	}
	last, err := s.cfg.Store.LastSeq(r.Context())
	if err != nil {
		return err
	}
	changes, err := s.cfg.Store.Changes(r.Context(), since, int(limit))
	if err != nil {
		return err
	}
	if changes == nil {
		changes = []casefile.Change{}
	}
	return s.writeAPI(w, r, map[string]any{"lastSeq": last, "changes": changes})
}

func int64Param(v string, def int64) (int64, error) {
	if v == "" {
		return def, nil
	}
	return strconv.ParseInt(v, 10, 64)
}

// postReindex is POST /api/v1/reindex (admin): rebuild the search index.
func (s *Server) postReindex(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Reindexer == nil {
		return notEnabled("reindexing")
	}
	if err := s.cfg.Reindexer.Rebuild(r.Context()); err != nil {
		return err
	}
	writeDone(w, nil)
	return nil
}

// principalName names the caller in logs.
func principalName(r *http.Request) string {
	if p, ok := casefile.PrincipalFrom(r.Context()); ok {
		return p.ClientID
	}
	return "anonymous"
}
