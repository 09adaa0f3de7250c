package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/casenode/casenode/casefile"
)

// CookieName is the session cookie the login form sets; the server's auth
// middleware reads it like a bearer token.
const CookieName = "casenode_token"

// loginView is the sign-in form.
type loginView struct {
	Next      string
	ClientID  string
	Error     string
	Available bool
}

func (h *handler) loginForm(w http.ResponseWriter, r *http.Request) {
	lv := loginView{Next: localPath(r.URL.Query().Get("next")), Available: h.deps.Auth != nil}
	h.render(w, r, http.StatusOK, "login", h.newView(r, "Admin sign in", lv))
}

// login answers POST /login: client credentials → token → HttpOnly,
// SameSite=Strict cookie, then back to the page the admin came from.
func (h *handler) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, casefile.Errorf(casefile.Invalid, "The form could not be read."))
		return
	}
	lv := loginView{Next: localPath(r.PostForm.Get("next")), ClientID: bounded(r.PostForm.Get("client_id")), Available: h.deps.Auth != nil}
	if h.deps.Auth == nil {
		lv.Error = "Signing in is not available on this node."
		h.render(w, r, http.StatusServiceUnavailable, "login", h.newView(r, "Admin sign in", lv))
		return
	}
	secret := r.PostForm.Get("client_secret")
	if lv.ClientID == "" || secret == "" || len(secret) > 1024 {
		lv.Error = "Enter a client id and its secret."
		h.render(w, r, http.StatusBadRequest, "login", h.newView(r, "Admin sign in", lv))
		return
	}
	token, _, expires, err := h.deps.Auth.Issue(r.Context(), lv.ClientID, secret)
	if err != nil {
		status := statusOf(casefile.ErrorCode(err))
		lv.Error = "That client id and secret were not accepted."
		if status >= 500 {
			h.log.ErrorContext(r.Context(), "web: login", "err", err)
			lv.Error = "Signing in failed on this node. Please try again later."
		} else {
			status = http.StatusUnauthorized
		}
		h.render(w, r, status, "login", h.newView(r, "Admin sign in", lv))
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: CookieName, Value: token, Path: "/", Expires: expires, MaxAge: int(time.Until(expires).Seconds()),
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: h.secure(r),
	})
	h.log.InfoContext(r.Context(), "web: signed in", "client", lv.ClientID)
	http.Redirect(w, r, lv.Next, http.StatusSeeOther)
}

// requireAdmin answers 401 to a visitor who is not signed in and 403 to one
// without the admin scope; what names the action in the message.
func (h *handler) requireAdmin(w http.ResponseWriter, r *http.Request, what string) (casefile.Principal, bool) {
	p, ok := casefile.PrincipalFrom(r.Context())
	if !ok {
		h.fail(w, r, casefile.Errorf(casefile.Unauthorized, "Only an admin can %s. Sign in as an admin first.", what))
		return p, false
	}
	if !p.Has(casefile.ScopeAdmin) {
		h.fail(w, r, casefile.Errorf(casefile.Forbidden, "Only an admin can %s; this sign-in lacks the admin scope.", what))
		return p, false
	}
	return p, true
}

// logout clears the cookie. The token itself stays valid until it expires.
func (h *handler) logout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: h.secure(r)})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (h *handler) secure(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(h.deps.BaseURL, "https://")
}

// localPath keeps a redirect target on this node; anything else is "/". A
// target is a path of this node: it starts with one "/" (not "//", which a
// browser reads as another host), holds no backslash (read as "/"), no
// control character (browsers drop tabs and newlines, so "/\t/evil" would
// become "//evil"), and the same holds once percent-decoded; it has no
// scheme or host, and is not the login page itself.
func localPath(p string) string {
	if !isLocalPath(p) {
		return "/"
	}
	if dec, err := url.PathUnescape(p); err != nil || !isLocalPath(dec) {
		return "/"
	}
	return p
}

func isLocalPath(p string) bool {
	if p == "" || len(p) > 2000 || p[0] != '/' || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/login") {
		return false
	}
	for _, c := range p {
		if c == '\\' || c < 0x20 || c == 0x7f || !unicode.IsPrint(c) {
			return false
		}
	}
	u, err := url.Parse(p)
	return err == nil && u.Scheme == "" && u.Host == "" && u.Opaque == "" && strings.HasPrefix(u.Path, "/")
}
