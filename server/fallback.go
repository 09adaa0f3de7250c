package server

import (
	"net/http"
	"strings"
)

// apiPrefixes are the path spaces the server owns; anything else goes to the
// web handler.
var apiPrefixes = []string{"/ims/", "/api/", "/oauth/", "/graphql", "/healthz", "/metrics"}

// probeMethods are tried to compute the Allow header of a 405.
var probeMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// fallback answers requests no route matched: the web pages, or a JSON 404 or
// 405 (with Allow) in the shape of the API family of the path.
func (s *Server) fallback(w http.ResponseWriter, r *http.Request) error {
	owned := false
	for _, p := range apiPrefixes {
		if strings.HasPrefix(r.URL.Path, p) {
			owned = true
			break
		}
	}
	if !owned && s.cfg.Web != nil {
		s.cfg.Web.ServeHTTP(w, r)
		return nil
	}
	if allow := s.allowedMethods(r); len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		return newError(kindMethod, "", r.Method+" is not allowed on "+r.URL.Path+"; allowed: "+strings.Join(allow, ", "))
	}
	return newError(kindNotFound, "", "no such endpoint: "+r.URL.Path)
}

// allowedMethods lists the methods a route other than the fallback serves
// for the request's path.
func (s *Server) allowedMethods(r *http.Request) []string {
	var allow []string
	for _, m := range probeMethods {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && pattern != "/" {
			allow = append(allow, m)
		}
	}
	return allow
}
