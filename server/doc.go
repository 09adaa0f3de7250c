// Package server is casenode's HTTP face: the CASE REST provider API (1.0 under
// /ims/case/v1p0/ and 1.1 under /ims/case/v1p1/, the twelve read endpoints and
// the 1.1 discovery document), the node's own JSON API under /api/v1/, the
// OAuth 2.0 client-credentials token endpoint, health and Prometheus metrics,
// and the mounting of the GraphQL and web handlers it is given. Every route is
// listed in routes.go.
//
// # Access and scopes
//
// CASE defines no OAuth scopes, so casenode defines two of its own
// (deliberately non-standard URIs, see casefile/auth.go):
//
//   - https://casenode.dev/scope/case.readonly (casefile.ScopeRead): read the
//     CASE REST API, the /api/v1 read endpoints and GraphQL queries.
//   - https://casenode.dev/scope/admin (casefile.ScopeAdmin): every write —
//     POST /api/v1/import, DELETE /api/v1/frameworks/{id}, peer changes, syncs,
//     reindex. The admin scope implies the read scope.
//
// Reads are public by default, as CASE publishers run them. With
// Config.RequireAuth every CASE and /api/v1 read (and /graphql) needs a token
// carrying the read scope; the discovery documents, /oauth/token, /healthz and
// /metrics stay public. Writes always need the admin scope: no token answers
// 401, a token without the scope answers 403.
//
// Tokens come from POST /oauth/token (RFC 6749 client-credentials grant:
// grant_type=client_credentials, client_id/client_secret in the form or in
// HTTP Basic, optional space-separated scope, which must be a subset of the
// client's scopes). Client secrets are stored hashed (PBKDF2-HMAC-SHA256,
// 600,000 iterations, random salt); clients are managed from the CLI. A token
// is an HMAC-SHA256-signed claim set (client, scopes, expiry) whose key is
// generated on first use and kept in the store's meta table ("token_key"), so
// tokens survive restarts; it is sent as "Authorization: Bearer <token>" or in
// the cookie "casenode_token". Removing a client does not revoke tokens it
// already holds; they lapse at expiry (Config token TTL, default one hour).
// Secret checks run at most NumCPU/2 at a time; a flood of token requests
// answers 503 temporarily_unavailable instead of starving the node.
//
// # Limits and caching
//
// Requests beyond Config.MaxConcurrent in flight (and, when set, beyond the
// RatePerSecond token bucket) answer 429 server_busy; /healthz and /metrics
// are never limited. Bodies are capped (MaxBodyBytes, MaxImportBytes for
// imports). CASE objects carry a strong ETag (hash of the body; the gzip form
// has its own) and Last-Modified (the object's lastChangeDateTime; sets that
// span frameworks also move with every import or delete) and answer 304 to
// If-None-Match / If-Modified-Since. CFPackage bodies are encoded once per
// framework, CASE version and content hash into an LRU cache bounded by
// PackageCacheBytes, identity and gzip forms together; a conditional request
// for a package costs one small query and no encoding.
package server
