// Package sameorigin is the node's one rule against cross-site request
// forgery: a browser request that changes data (any method but GET, HEAD and
// OPTIONS) must come from this node's own pages. It is
// http.CrossOriginProtection: Sec-Fetch-Site must be same-origin or none
// when the browser sends it; otherwise Origin, when sent, must match Host.
// Requests from non-browser clients (neither header) pass; they cannot
// carry a victim's cookie. The server applies it to every cookie-
// authenticated request, the web pages to their forms.
package sameorigin

import "net/http"

var protection = http.NewCrossOriginProtection()

// Check returns an error when r is a cross-origin request that changes data.
func Check(r *http.Request) error { return protection.Check(r) }

// Protect refuses cross-origin requests that change data with 403 before h.
func Protect(h http.Handler) http.Handler { return protection.Handler(h) }
