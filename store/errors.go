package store

import (
	"context"
	"errors"

	"github.com/casenode/casenode/casefile"
)

// internal wraps a database error: the user sees a generic message naming
// the operation, the SQL detail stays in the chain for the log. A cancelled
// or expired context keeps its meaning as unavailable.
func internal(op string, err error) error {
	var ce *casefile.Error
	if errors.As(err, &ce) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &casefile.Error{Code: casefile.Unavailable, Message: "store: " + op + ": request cancelled", Err: err}
	}
	return &casefile.Error{Code: casefile.Internal, Message: "store: " + op + " failed", Err: err}
}

// notFound is the error of a lookup of a missing object, e.g. "CFItem x not found".
func notFound(class, id string) error {
	return casefile.Errorf(casefile.NotFound, "%s %s not found", class, id)
}
