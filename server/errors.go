package server

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// kind classifies every error the server answers. The casefile codes map to
// the kinds of the same name; the others are HTTP-level conditions.
type kind string

const (
	kindInvalid      kind = kind(casefile.Invalid)
	kindNotFound     kind = kind(casefile.NotFound)
	kindConflict     kind = kind(casefile.Conflict)
	kindUnauthorized kind = kind(casefile.Unauthorized)
	kindForbidden    kind = kind(casefile.Forbidden)
	kindUnavailable  kind = kind(casefile.Unavailable)
	kindInternal     kind = kind(casefile.Internal)
	kindInvalidUUID  kind = "invalid_uuid"
	kindBusy         kind = "busy"
	kindMethod       kind = "method_not_allowed"
	kindTooLarge     kind = "too_large"
	kindTimeout      kind = "timeout"
)

// errorClass is how one kind is answered: HTTP status and the CASE
// imsx_codeMinor value per version ("" = no codeMinor; codeMajor unsupported).
type errorClass struct {
	status  int
	minor11 string
	minor10 string
}

// errorTable is the one mapping from error kinds to HTTP status and CASE codes.
var errorTable = map[kind]errorClass{
	kindInvalid:      {http.StatusBadRequest, "invalid_selection_field", "invalid_selection_field"},
	kindNotFound:     {http.StatusNotFound, "unknownobject", "unknownobject"},
	kindInvalidUUID:  {http.StatusNotFound, "invalid_uuid", "invaliduuid"},
	kindConflict:     {http.StatusConflict, "forbidden", "forbidden"},
	kindUnauthorized: {http.StatusUnauthorized, "unauthorised_request", "unauthorisedrequest"},
	kindForbidden:    {http.StatusForbidden, "forbidden", "forbidden"},
	kindBusy:         {http.StatusTooManyRequests, "server_busy", "server_busy"},
	kindUnavailable:  {http.StatusServiceUnavailable, "server_busy", "server_busy"},
	kindInternal:     {http.StatusInternalServerError, "internal_server_error", "internal_server_error"},
	kindMethod:       {http.StatusMethodNotAllowed, "", ""},
	kindTooLarge:     {http.StatusRequestEntityTooLarge, "invalid_selection_field", "invalid_selection_field"},
	kindTimeout:      {http.StatusRequestTimeout, "invalid_selection_field", "invalid_selection_field"},
}

// httpError is an error answered with a given kind; cause stays in logs.
type httpError struct {
	kind    kind
	message string
	field   string // imsx_codeMinorFieldName (CASE) e.g. "sourcedId", "filter"
	cause   error
}

func (e *httpError) Error() string { return e.message }
func (e *httpError) Unwrap() error { return e.cause }

func newError(k kind, field, message string) *httpError {
	return &httpError{kind: k, field: field, message: message}
}

// classify returns the kind, the user-safe message and problems of err.
func classify(err error) (kind, string, []casefile.Problem) {
	var he *httpError
	if errors.As(err, &he) {
		return he.kind, he.message, nil
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return kindTooLarge, "request body is larger than the limit of this endpoint", nil
	}
	var ce *casefile.Error
	if errors.As(err, &ce) {
		k := kind(ce.Code)
		if _, ok := errorTable[k]; !ok || k == kindInternal {
			return kindInternal, "internal server error", nil
		}
		return k, ce.Message, ce.Problems
	}
	return kindInternal, "internal server error", nil
}

func classOf(k kind) errorClass {
	if c, ok := errorTable[k]; ok {
		return c
	}
	return errorTable[kindInternal]
}

// imsxStatus is the CASE imsx_StatusInfo error body.
type imsxStatus struct {
	CodeMajor   string     `json:"imsx_codeMajor"`
	Severity    string     `json:"imsx_severity"`
	Description string     `json:"imsx_description,omitempty"`
	CodeMinor   *imsxMinor `json:"imsx_codeMinor,omitempty"`
}

type imsxMinor struct {
	Fields []imsxMinorField `json:"imsx_codeMinorField"`
}

type imsxMinorField struct {
	Name  string `json:"imsx_codeMinorFieldName"`
	Value string `json:"imsx_codeMinorFieldValue"`
}

// caseErrorBody builds the imsx_StatusInfo for err in version v.
func caseErrorBody(err error, v casefile.Version) (int, imsxStatus) {
	k, msg, _ := classify(err)
	c := classOf(k)
	minor := c.minor11
	if v == casefile.V1p0 {
		minor = c.minor10
	}
	st := imsxStatus{CodeMajor: "failure", Severity: "error", Description: msg}
	if minor == "" {
		st.CodeMajor = "unsupported"
		return c.status, st
	}
	field := "casenode"
	var he *httpError
	if errors.As(err, &he) && he.field != "" {
		field = he.field
	}
	st.CodeMinor = &imsxMinor{Fields: []imsxMinorField{{Name: field, Value: minor}}}
	return c.status, st
}

// apiErrorBody is the node API error shape.
type apiErrorBody struct {
	Error apiError `json:"error"`
}

type apiError struct {
	Code     string             `json:"code"`
	Message  string             `json:"message"`
	Problems []casefile.Problem `json:"problems,omitempty"`
}

// apiCode is the casefile code a client sees for kind k.
func apiCode(k kind) string {
	switch k {
	case kindInvalidUUID, kindNotFound:
		return string(casefile.NotFound)
	case kindBusy:
		return string(casefile.Unavailable)
	case kindMethod, kindTooLarge, kindTimeout:
		return string(casefile.Invalid)
	}
	return string(k)
}

// writeError answers err in the body shape of the request's API family and
// logs internal errors (their detail is never sent).
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	k, msg, problems := classify(err)
	switch k {
	case kindInternal:
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	case kindUnauthorized:
		w.Header().Set("WWW-Authenticate", `Bearer realm="casenode"`)
	case kindForbidden:
		w.Header().Set("WWW-Authenticate", `Bearer realm="casenode", error="insufficient_scope"`)
	}
	if v, ok := caseVersionOf(r.URL.Path); ok {
		status, body := caseErrorBody(err, v)
		writeJSONStatus(w, status, body)
		return
	}
	writeJSONStatus(w, classOf(k).status, apiErrorBody{Error: apiError{Code: apiCode(k), Message: msg, Problems: problems}})
}

// writeJSONStatus writes v as a JSON response with status, uncached.
func writeJSONStatus(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":{"code":"internal","message":"internal server error"}}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Del("ETag")
	h.Del("Last-Modified")
	w.WriteHeader(status)
	w.Write(b)
}
