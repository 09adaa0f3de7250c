package graphql

import (
	"context"
	"errors"
	"log/slog"

	"github.com/casenode/casenode/casefile"
)

// gqlError is what a resolver returns: a user-safe message and the casefile
// code, which graphql-go copies into the error's `extensions`.
type gqlError struct {
	code    casefile.Code
	message string
	cause   error
}

func (e *gqlError) Error() string { return e.message }
func (e *gqlError) Unwrap() error { return e.cause }

// Extensions is read by graphql-go to fill the error's "extensions" member.
func (e *gqlError) Extensions() map[string]any { return map[string]any{"code": string(e.code)} }

// userError converts err into a gqlError: casefile errors keep their code and
// message; a deadline becomes unavailable; anything else is logged and shown
// as a generic internal error.
func userError(ctx context.Context, log *slog.Logger, err error) error {
	if err == nil {
		return nil
	}
	var ge *gqlError
	if errors.As(err, &ge) {
		return ge
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return &gqlError{code: casefile.Unavailable, message: "the request took too long", cause: err}
	case errors.Is(err, context.Canceled):
		return &gqlError{code: casefile.Unavailable, message: "the request was cancelled", cause: err}
	}
	code := casefile.ErrorCode(err)
	if code == casefile.Internal {
		log.ErrorContext(ctx, "graphql resolver failed", "err", err)
	}
	return &gqlError{code: code, message: casefile.ErrorMessage(err), cause: err}
}

func invalidf(format string, args ...any) error {
	e := casefile.Errorf(casefile.Invalid, format, args...)
	return &gqlError{code: e.Code, message: e.Message}
}
