package web

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Rejecting a suggestion records it in the node's settings (store Meta),
// under one key per (source, target) framework pair, so the compare page of
// every admin hides it from then on; "Restore" lists and undoes them. The
// crosswalk service and its API exports do not know about rejections: they
// are a curation aid of these pages, not data.
const (
	rejectKeyPrefix = "web.crosswalk.rejected:"
	maxRejections   = 5000
)

// rejection is one suggestion an admin turned down.
type rejection struct {
	Source string    `json:"s"`
	Target string    `json:"t"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

func rejectKey(source, target string) string {
	return rejectKeyPrefix + source + ":" + target
}

func (h *handler) rejections(ctx context.Context, source, target string) ([]rejection, error) {
	raw, err := h.deps.Store.Meta(ctx, rejectKey(source, target))
	if err != nil || raw == "" {
		return nil, err
	}
	var rs []rejection
	if err := json.Unmarshal([]byte(raw), &rs); err != nil {
		h.log.WarnContext(ctx, "web: unreadable rejected suggestions; ignoring them", "key", rejectKey(source, target), "err", err)
		return nil, nil
	}
	return rs, nil
}

func isRejected(rs []rejection, source, target string) bool {
	return slices.ContainsFunc(rs, func(r rejection) bool { return r.Source == source && r.Target == target })
}

// updateRejections applies change to the pair's list under a lock (one
// writer per process) and stores the result.
func (h *handler) updateRejections(ctx context.Context, fwSource, fwTarget string, change func([]rejection) ([]rejection, error)) error {
	h.rejectMu.Lock()
	defer h.rejectMu.Unlock()
	rs, err := h.rejections(ctx, fwSource, fwTarget)
	if err != nil {
		return err
	}
	if rs, err = change(rs); err != nil {
		return err
	}
	raw, err := json.Marshal(rs)
	if err != nil {
		return fmt.Errorf("web: encode rejections: %w", err)
	}
	return h.deps.Store.SetMeta(ctx, rejectKey(fwSource, fwTarget), string(raw))
}

func addRejection(r rejection) func([]rejection) ([]rejection, error) {
	return func(rs []rejection) ([]rejection, error) {
		if isRejected(rs, r.Source, r.Target) {
			return rs, nil
		}
		if len(rs) >= maxRejections {
			return nil, casefile.Errorf(casefile.Conflict, "At most %d suggestions can be rejected for one pair of frameworks.", maxRejections)
		}
		return append(rs, r), nil
	}
}

func removeRejection(source, target string) func([]rejection) ([]rejection, error) {
	return func(rs []rejection) ([]rejection, error) {
		return slices.DeleteFunc(rs, func(r rejection) bool { return r.Source == source && r.Target == target }), nil
	}
}
