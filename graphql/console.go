package graphql

import (
	"embed"
	"net/http"
	"path"
	"strings"
)

// GraphiQL (MIT, the npm packages graphiql 3.8.3, react and react-dom 18.3.1,
// built bundles with their licences) is embedded so the page needs nothing
// from the network.
//
//go:embed static/graphiql
var graphiqlFS embed.FS

// assetPrefix is where the page's scripts and styles are served.
const assetPrefix = "/graphql/assets/"

// serveConsole answers a browser's GET /graphql with the GraphiQL page.
func serveConsole(w http.ResponseWriter) {
	page, err := graphiqlFS.ReadFile("static/graphiql/index.html")
	if err != nil {
		http.Error(w, "console unavailable", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	// GraphiQL sets inline styles and loads fonts and icons as data: URIs.
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(page)
}

// serveAsset serves one embedded file of the GraphiQL page.
func serveAsset(w http.ResponseWriter, r *http.Request) {
	name := path.Base(strings.TrimPrefix(r.URL.Path, assetPrefix))
	if name == "index.html" || strings.HasPrefix(name, "LICENSE") {
		http.NotFound(w, r)
		return
	}
	b, err := graphiqlFS.ReadFile("static/graphiql/" + name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	switch path.Ext(name) {
	case ".js":
		h.Set("Content-Type", "text/javascript; charset=utf-8")
	case ".css":
		h.Set("Content-Type", "text/css; charset=utf-8")
	}
	h.Set("Cache-Control", "public, max-age=86400")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(b)
}
