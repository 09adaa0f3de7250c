package server

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// A /uri/ representation.
type uriForm int

const (
	formChoices     uriForm = iota // no preference stated: 300 with the choices
	formHTML                       // the page for people
	formCASE                       // CASE JSON (1.1 unless 1.0 asked)
	formAchievement                // OB 3.0 Achievement, JSON-LD
)

const (
	ctypeHTML  = "text/html; charset=utf-8"
	ctypeLD    = "application/ld+json; charset=utf-8"
	formParams = "format=html|json|achievement"
)

// negotiate picks the representation: ?format= first (html, json or case,
// achievement or ob3 or ld), else the Accept header by quality. A request
// without Accept, or with only */*, states no preference.
func negotiate(r *http.Request) (uriForm, casefile.Version, error) {
	v := casefile.V1p1
	if q := r.URL.Query().Get("version"); q == "1.0" || q == "v1p0" {
		v = casefile.V1p0
	}
	switch f := strings.ToLower(r.URL.Query().Get("format")); f {
	case "html":
		return formHTML, v, nil
	case "json", "case":
		return formCASE, v, nil
	case "achievement", "ob3", "ld", "jsonld", "json-ld":
		return formAchievement, v, nil
	case "":
	default:
		return formChoices, v, casefile.Errorf(casefile.Invalid, "unknown format %s: use %s", quoteShort(f), formParams)
	}
	best, bestQ := formChoices, 0.0
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			if f, err := strconv.ParseFloat(s, 64); err == nil {
				q = f
			}
		}
		var f uriForm
		switch mt {
		case "text/html", "application/xhtml+xml":
			f = formHTML
		case "application/json":
			f = formCASE
			if pv := params["version"]; pv == "1.0" || pv == "v1p0" {
				v = casefile.V1p0
			}
		case "application/ld+json":
			f = formAchievement
		default:
			continue
		}
		if q > bestQ {
			best, bestQ = f, q
		}
	}
	if best == formChoices && strings.TrimSpace(r.Header.Get("Accept")) != "" && !acceptsAnything(r) {
		return formChoices, v, notAcceptable("this uri is served as text/html, application/json (CASE) or application/ld+json (OB 3.0 Achievement)")
	}
	return best, v, nil
}

// acceptsAnything reports whether Accept lists only wildcards.
func acceptsAnything(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err == nil && (mt == "*/*" || mt == "application/*" || mt == "text/*") {
			return true
		}
	}
	return false
}

// getURI is GET /uri/{id}: the object the node holds under that identifier,
// in the representation negotiated.
func (s *Server) getURI(w http.ResponseWriter, r *http.Request) error {
	raw := r.PathValue("id")
	w.Header().Set("Vary", "Accept")
	form, v, err := negotiate(r)
	var na *notAcceptableError
	if errors.As(err, &na) {
		writeNotAcceptable(w, na)
		return nil
	}
	if err != nil {
		return err
	}
	obj, err := s.findObject(r.Context(), raw)
	if err != nil {
		s.writeURIError(w, r, form, v, err)
		return nil
	}
	if obj.uri != "" {
		w.Header().Add("Link", "<"+obj.uri+`>; rel="canonical"`)
	}
	switch form {
	case formHTML:
		return s.uriHTML(w, r, obj)
	case formCASE:
		data, err := obj.marshal(v)
		if err != nil {
			return err
		}
		s.writeObject(w, r, data, lastChange(obj.modified))
		return nil
	case formAchievement:
		return s.uriAchievement(w, r, obj)
	}
	return s.uriChoices(w, obj)
}

// uriChoices answers 300 Multiple Choices: the representations of obj.
func (s *Server) uriChoices(w http.ResponseWriter, obj *uriObject) error {
	type choice struct {
		Type string `json:"type"`
		Href string `json:"href"`
	}
	self := s.cfg.BaseURL + "/uri/" + url.PathEscape(obj.id)
	choices := []choice{{"text/html", self + "?format=html"}, {"application/json", self + "?format=json"}}
	if achievable(obj.kind) {
		choices = append(choices, choice{"application/ld+json", self + "?format=achievement"})
	}
	for _, c := range choices {
		w.Header().Add("Link", "<"+c.Href+`>; rel="alternate"; type="`+c.Type+`"`)
	}
	writeJSONStatus(w, http.StatusMultipleChoices, map[string]any{
		"identifier": obj.id, "type": obj.kind, "uri": obj.uri, "canonicalUri": self, "choices": choices,
		"message": "ask with an Accept header (text/html, application/json, application/ld+json) or ?" + formParams,
	})
	return nil
}

// achievable reports whether an Achievement stands for objects of kind.
func achievable(kind string) bool {
	switch kind {
	case "CFItem", "CFDocument", "CFRubric", "CFRubricCriterion", "CFRubricCriterionLevel":
		return true
	}
	return false
}

// uriAchievement answers the OB 3.0 Achievement of obj.
func (s *Server) uriAchievement(w http.ResponseWriter, r *http.Request, obj *uriObject) error {
	if s.cfg.Credentials == nil {
		return notEnabled("credentials")
	}
	if !achievable(obj.kind) {
		writeNotAcceptable(w, notAcceptable("a "+obj.kind+" has no OB 3.0 Achievement; ask for text/html or application/json"))
		return nil
	}
	a, err := s.cfg.Credentials.Achievement(r.Context(), obj.id)
	if err != nil {
		return err
	}
	data, err := marshalJSON(a)
	if err != nil {
		return err
	}
	return s.writeRaw(w, r, ctypeLD, data)
}

// writeURIError answers err in the representation asked: a page, a CASE
// imsx_StatusInfo body, or the node's JSON error.
func (s *Server) writeURIError(w http.ResponseWriter, r *http.Request, form uriForm, v casefile.Version, err error) {
	switch form {
	case formHTML:
		k, msg, _ := classify(err)
		s.writePage(w, classOf(k).status, "Not found", msg, nil)
	case formCASE:
		status, body := caseErrorBody(err, v)
		writeJSONStatus(w, status, body)
	default:
		s.writeError(w, r, err)
	}
}

// notAcceptableError is a 406: no representation the client accepts.
type notAcceptableError struct{ msg string }

func (e *notAcceptableError) Error() string { return e.msg }

func notAcceptable(msg string) *notAcceptableError { return &notAcceptableError{msg} }

func writeNotAcceptable(w http.ResponseWriter, e *notAcceptableError) {
	writeJSONStatus(w, http.StatusNotAcceptable, apiErrorBody{Error: apiError{Code: string(casefile.Invalid), Message: e.msg}})
}
