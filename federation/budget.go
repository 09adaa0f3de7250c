package federation

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Default budget of one sync of one peer: a peer whose listing never ends,
// or that answers forever, is stopped there and recorded as failing.
const (
	DefaultSyncMaxRequests = 5000
	DefaultSyncMaxBytes    = 4 << 30
	DefaultSyncMaxTime     = 30 * time.Minute
)

// budgetError is why a sync was stopped before the end.
type budgetError struct{ msg string }

func (e *budgetError) Error() string { return e.msg }

// meter counts the requests and body bytes of one operation (a sync) and,
// when it has limits, stops the operation (cancels its context with a
// budgetError cause) once one is exceeded. A nil meter counts nothing.
type meter struct {
	requests    atomic.Int64
	bytes       atomic.Int64
	maxRequests int64
	maxBytes    int64
	stop        context.CancelCauseFunc
}

// budgeted returns a context bounded by the sync budget of cfg and the meter
// that enforces its request and byte limits.
func budgeted(ctx context.Context, cfg Config) (context.Context, *meter, context.CancelFunc) {
	ctx, cancelTime := context.WithTimeoutCause(ctx, cfg.SyncMaxTime,
		&budgetError{fmt.Sprintf("sync stopped: it ran past its time budget of %s", cfg.SyncMaxTime)})
	ctx, stop := context.WithCancelCause(ctx)
	m := &meter{maxRequests: int64(cfg.SyncMaxRequests), maxBytes: cfg.SyncMaxBytes, stop: stop}
	return ctx, m, func() { stop(nil); cancelTime() }
}

// admit counts one request about to be sent, or refuses it (and stops the
// operation) when the request budget is spent.
func (m *meter) admit() error {
	if m == nil {
		return nil
	}
	n := m.requests.Add(1)
	if m.maxRequests > 0 && n > m.maxRequests {
		m.requests.Add(-1)
		err := &budgetError{fmt.Sprintf("sync stopped: it used its budget of %d requests", m.maxRequests)}
		m.stop(err)
		return casefile.Errorf(casefile.Unavailable, "%s", err.msg)
	}
	return nil
}

// received counts n body bytes and stops the operation once they pass the
// byte budget (one body is bounded by its own cap).
func (m *meter) received(n int64) {
	if m == nil {
		return
	}
	if total := m.bytes.Add(n); m.maxBytes > 0 && total > m.maxBytes {
		m.stop(&budgetError{fmt.Sprintf("sync stopped: it received more than its budget of %d bytes", m.maxBytes)})
	}
}

// budgetCause returns the budget a sync ran out of, if that is why ctx ended.
func budgetCause(ctx context.Context) error {
	var be *budgetError
	if errors.As(context.Cause(ctx), &be) {
		return casefile.Errorf(casefile.Unavailable, "%s", be.msg)
	}
	return nil
}
