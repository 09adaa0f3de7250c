package casefile

import (
	"context"
	"net/url"
	"strings"
)

// What a framework's provenance shows depends on who asks: callers with the
// admin scope see it as recorded; everyone else sees it without server paths,
// URL credentials or queries, and without the uploader's client id. This is
// the one place that rule lives.

const (
	uploadByPrefix = "upload by "
	// PublicUploader stands for the client that uploaded a framework.
	PublicUploader = "uploaded by an administrator"
)

// UploadLocation is the Location recorded for a framework uploaded through
// the admin API by clientID; given is the caller's own name for it ("" when
// none), e.g. the path of the file on the caller's machine.
func UploadLocation(given, clientID string) string {
	by := uploadByPrefix + clientID
	if given == "" {
		return by
	}
	return given + " (" + by + ")"
}

// ForCaller returns p as the caller of ctx may see it: as recorded for the
// admin scope, otherwise Public().
func (p Provenance) ForCaller(ctx context.Context) Provenance {
	if who, ok := PrincipalFrom(ctx); ok && who.Has(ScopeAdmin) {
		return p
	}
	return p.Public()
}

// Public is p without what only administrators may see: a file is named by
// its base name, a URL loses its credentials, query and fragment, and an
// upload says "uploaded by an administrator" instead of the client id.
func (p Provenance) Public() Provenance {
	switch p.Source {
	case SourceFile:
		p.Location = publicPlace(p.Location)
	case SourceURL:
		p.Location = publicURL(p.Location)
	case SourceUpload:
		p.Location = publicUpload(p.Location)
	}
	return p
}

// publicUpload rewrites an UploadLocation (or any older free-form upload
// location) for the public.
func publicUpload(loc string) string {
	if strings.HasPrefix(loc, uploadByPrefix) {
		return PublicUploader
	}
	if i := strings.LastIndex(loc, " ("+uploadByPrefix); i >= 0 && strings.HasSuffix(loc, ")") {
		loc = loc[:i]
	}
	if place := publicPlace(loc); place != "" {
		return place + " (" + PublicUploader + ")"
	}
	return PublicUploader
}

// publicPlace is a URL without its private parts, or the base name of a path
// (either separator, as the path may come from another machine).
func publicPlace(loc string) string {
	if strings.Contains(loc, "://") {
		return publicURL(loc)
	}
	loc = strings.TrimRight(loc, `/\`)
	if i := strings.LastIndexAny(loc, `/\`); i >= 0 {
		loc = loc[i+1:]
	}
	return loc
}

// publicURL keeps a URL's scheme, host and path.
func publicURL(loc string) string {
	u, err := url.Parse(loc)
	if err != nil || u.Host == "" {
		return ""
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}
