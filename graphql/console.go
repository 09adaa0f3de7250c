package graphql

import (
	_ "embed"
	"net/http"
)

// consolePage is a small self-written query console (no external assets:
// GraphiQL's bundle is large and cannot be fetched from a CDN at run time).
//
//go:embed static/console.html
var consolePage []byte

func serveConsole(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(consolePage)
}
