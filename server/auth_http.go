package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/sameorigin"
)

// tokenCookie is the cookie the web login sets; it carries the same token.
const tokenCookie = "casenode_token"

// authenticate puts the principal of a valid bearer token or token cookie in
// the request context. A missing or invalid token leaves the request
// anonymous; routes that need a scope then answer 401. A token that cannot
// be checked (the store fails) answers 503. A request carrying
// the cookie that would change data must come from this node's own pages
// (internal/sameorigin): a cross-origin one answers 403 whatever its route.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok, fromCookie := bearerToken(r)
		if fromCookie && sameorigin.Check(r) != nil {
			closeUnread(w, r)
			s.writeError(w, r, newError(kindForbidden, "Origin",
				"a cross-origin request cannot change data with the sign-in cookie; send a bearer token"))
			return
		}
		if tok != "" && s.cfg.Auth != nil {
			p, err := s.cfg.Auth.Verify(r.Context(), tok)
			switch {
			case err == nil:
				r = r.WithContext(casefile.WithPrincipal(r.Context(), p))
			case casefile.ErrorCode(err) != casefile.Unauthorized:
				// Not a bad token: it could not be checked. Answering as if
				// anonymous would hide the failure and change what the caller sees.
				s.log.Error("verifying a token failed", "path", r.URL.Path, "err", err)
				closeUnread(w, r)
				w.Header().Set("Retry-After", "1")
				s.writeError(w, r, newError(kindUnavailable, "Authorization", "the token cannot be checked right now; retry shortly"))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// bearerToken returns the request's token: the Authorization header's, else
// the sign-in cookie's (fromCookie).
func bearerToken(r *http.Request) (tok string, fromCookie bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, ok := strings.Cut(h, " ")
		if ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(tok), false
		}
		return "", false
	}
	if c, err := r.Cookie(tokenCookie); err == nil && c.Value != "" {
		return c.Value, true
	}
	return "", false
}

// authorize applies a route's access rule to the request's principal.
func (s *Server) authorize(r *http.Request, a access) error {
	var need string
	switch {
	case a == admin:
		need = casefile.ScopeAdmin
	case a == read && s.cfg.RequireAuth:
		need = casefile.ScopeRead
	default:
		return nil
	}
	p, ok := casefile.PrincipalFrom(r.Context())
	if !ok {
		return newError(kindUnauthorized, "Authorization", "this endpoint needs a bearer token (POST /oauth/token)")
	}
	if !p.Has(need) {
		return newError(kindForbidden, "Authorization", "the token lacks the scope "+need)
	}
	return nil
}

// tokenResponse is the RFC 6749 §5.1 answer.
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
	Scope       string `json:"scope"`
}

// oauthError is the RFC 6749 §5.2 error answer.
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description,omitempty"`
}

// postToken is POST /oauth/token: the client-credentials grant.
func (s *Server) postToken(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Pragma", "no-cache")
	if s.cfg.Auth == nil {
		writeJSONStatus(w, http.StatusNotFound, oauthError{"invalid_request", "tokens are not enabled on this node"})
		return
	}
	if err := r.ParseForm(); err != nil {
		writeJSONStatus(w, http.StatusBadRequest, oauthError{"invalid_request", "the body must be an application/x-www-form-urlencoded form"})
		return
	}
	if gt := r.PostForm.Get("grant_type"); gt != "client_credentials" {
		writeJSONStatus(w, http.StatusBadRequest, oauthError{"unsupported_grant_type", "only grant_type=client_credentials is supported"})
		return
	}
	id, secret, basic := r.BasicAuth()
	if !basic {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	var want []string
	if sc := strings.TrimSpace(r.PostForm.Get("scope")); sc != "" {
		want = strings.Fields(sc)
	}
	tok, scopes, exp, err := s.cfg.Auth.issue(r.Context(), id, secret, want)
	switch casefile.ErrorCode(err) {
	case "":
	case casefile.Unauthorized:
		if basic {
			w.Header().Set("WWW-Authenticate", `Basic realm="casenode"`)
		}
		writeJSONStatus(w, http.StatusUnauthorized, oauthError{"invalid_client", casefile.ErrorMessage(err)})
		return
	case casefile.Forbidden:
		writeJSONStatus(w, http.StatusBadRequest, oauthError{"invalid_scope", casefile.ErrorMessage(err)})
		return
	case casefile.Unavailable:
		w.Header().Set("Retry-After", "1")
		writeJSONStatus(w, http.StatusServiceUnavailable, oauthError{"temporarily_unavailable", casefile.ErrorMessage(err)})
		return
	default:
		s.log.Error("issuing a token failed", "client", id, "err", err)
		writeJSONStatus(w, http.StatusInternalServerError, oauthError{"server_error", "internal server error"})
		return
	}
	writeJSONStatus(w, http.StatusOK, tokenResponse{AccessToken: tok, TokenType: "Bearer",
		ExpiresIn: int64(time.Until(exp).Round(time.Second).Seconds()), Scope: strings.Join(scopes, " ")})
}
