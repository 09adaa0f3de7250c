package casefile

import (
	"errors"
	"fmt"
)

// Code classifies an error so that every layer can map it to what a user sees
// (an HTTP status, an exit status, a GraphQL extension) without string matching.
type Code string

const (
	Invalid      Code = "invalid"
	NotFound     Code = "not_found"
	Conflict     Code = "conflict"
	Unauthorized Code = "unauthorized"
	Forbidden    Code = "forbidden"
	Unavailable  Code = "unavailable"
	Internal     Code = "internal"
)

// Error is the one error type users see. Message is safe to show; internal
// detail stays in the wrapped error (Err) and is only logged.
type Error struct {
	Code    Code
	Message string
	// Problems lists path-addressed validation problems when Code is Invalid.
	Problems []Problem
	Err      error
}

func (e *Error) Error() string {
	if e.Err != nil && e.Message == "" {
		return e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted, user-safe message.
// A %w verb in format wraps its operand as the internal cause.
func Errorf(code Code, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	return &Error{Code: code, Message: err.Error(), Err: errors.Unwrap(err)}
}

// ErrorCode returns the code of the first *Error in err's chain, Internal for
// any other non-nil error and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// ErrorMessage returns the user-safe message of err: the *Error message, or a
// generic text for errors that carry no code (their detail is internal).
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// Problem is one validation finding addressed by a JSON path such as
// "$.CFItems[3].identifier".
type Problem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (p Problem) String() string { return p.Path + ": " + p.Message }

// Warning is one normalisation applied while decoding lenient input, addressed
// by the JSON path of the value it changed.
type Warning struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (w Warning) String() string { return w.Path + ": " + w.Message }
