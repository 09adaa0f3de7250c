package server

import (
	"context"
	"io"
	"net/http"
	"net/url"

	"github.com/casenode/casenode/casefile"
)

// Credentials builds OB 3.0 Achievements and reads learners' credentials
// (*credential.Service satisfies it).
type Credentials interface {
	Achievement(ctx context.Context, id string) (*casefile.Achievement, error)
	Resolve(ctx context.Context, body []byte, target string) (*casefile.CredentialReport, error)
}

// getItemAchievement is GET /api/v1/items/{id}/achievement: the OB 3.0
// Achievement whose alignment points at the item.
func (s *Server) getItemAchievement(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Credentials == nil {
		return notEnabled("credentials")
	}
	id, err := s.itemID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	a, err := s.cfg.Credentials.Achievement(r.Context(), id)
	if err != nil {
		return err
	}
	data, err := marshalJSON(a)
	if err != nil {
		return err
	}
	return s.writeRaw(w, r, ctypeLD, data)
}

// itemID is the identifier of the item held under raw (or its original id).
func (s *Server) itemID(ctx context.Context, raw string) (string, error) {
	if raw != "" && len(raw) <= maxIDLength {
		for _, id := range casefile.IDCandidates(raw) {
			it, err := s.cfg.Store.Item(ctx, id)
			if err == nil {
				return it.Identifier, nil
			}
			if c := casefile.ErrorCode(err); c != casefile.NotFound && c != casefile.Invalid {
				return "", err
			}
		}
	}
	return "", casefile.Errorf(casefile.NotFound, "this node holds no item with identifier %s", quoteShort(raw))
}

// postResolveCredential is POST /api/v1/credentials/resolve[?target=ID]: the
// body is an OB 3.0 credential or Achievement or a CLR 2.0 ClrCredential,
// as JSON or as a compact JWT (its signature is not verified).
func (s *Server) postResolveCredential(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Credentials == nil {
		return notEnabled("credentials")
	}
	target := r.URL.Query().Get("target")
	if len(target) > maxIDLength {
		return casefile.Errorf(casefile.Invalid, "target is not a framework identifier")
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	rep, err := s.cfg.Credentials.Resolve(r.Context(), body, target)
	if err != nil {
		return err
	}
	writeJSONStatus(w, http.StatusOK, rep)
	return nil
}

// objectInfo is what GET /api/v1/resolve says about an object the node holds.
type objectInfo struct {
	Type          string        `json:"type"`
	Identifier    string        `json:"identifier"`
	Title         string        `json:"title,omitempty"`
	URI           string        `json:"uri"`          // as the publisher sent it
	CanonicalURI  string        `json:"canonicalUri"` // this node's /uri/{id}
	Framework     string        `json:"framework,omitempty"`
	SourceOfTruth sourceOfTruth `json:"sourceOfTruth"`
	Forms         []string      `json:"forms"`
}

// sourceOfTruth says which origin publishes an object.
type sourceOfTruth struct {
	URI    string `json:"uri"`              // the object's own uri: where its publisher serves it
	Origin string `json:"origin"`           // base URL of the node that publishes the framework
	Held   string `json:"held"`             // local (this node is the origin or imported it) or mirror
	Peer   string `json:"peer,omitempty"`   // the peer it was mirrored through
	Source string `json:"source,omitempty"` // how it arrived: file, url, peer, upload, seed, local
}

// getResolveURI is GET /api/v1/resolve?uri=U (or ?id=I): the object this
// node holds that U names — by exact item uri, or by the identifier ending
// U (a /uri/ of any node, a CASE 1.0 or 1.1 REST path of any host) — with
// the origin that is its source of truth.
func (s *Server) getResolveURI(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	raw, uri := q.Get("id"), q.Get("uri")
	if len(uri) > 4*maxIDLength || len(raw) > maxIDLength || (raw == "") == (uri == "") {
		return casefile.Errorf(casefile.Invalid, "give either uri or id")
	}
	var obj *uriObject
	var err error
	if uri != "" {
		obj, err = s.findByURI(r.Context(), uri)
	} else {
		obj, err = s.findObject(r.Context(), raw)
	}
	if err != nil {
		return err
	}
	info := objectInfo{Type: obj.kind, Identifier: obj.id, Title: obj.title, URI: obj.uri, Framework: obj.framework,
		CanonicalURI: s.cfg.BaseURL + "/uri/" + url.PathEscape(obj.id), Forms: []string{"text/html", "application/json"}}
	if achievable(obj.kind) {
		info.Forms = append(info.Forms, "application/ld+json")
	}
	info.SourceOfTruth, err = s.sourceOf(r.Context(), obj)
	if err != nil {
		return err
	}
	return s.writeAPI(w, r, info)
}

// findByURI finds an item by its exact uri, else any object by the
// identifier that ends uri.
func (s *Server) findByURI(ctx context.Context, uri string) (*uriObject, error) {
	if ib, ok := s.cfg.Store.(itemByURI); ok {
		it, err := ib.ItemByURI(ctx, uri)
		if err == nil {
			return s.findObject(ctx, it.Identifier)
		}
		if c := casefile.ErrorCode(err); c != casefile.NotFound && c != casefile.Invalid {
			return nil, err
		}
	}
	id := casefile.URIIdentifier(uri)
	if id == "" {
		return nil, casefile.Errorf(casefile.NotFound, "this node holds no object with uri %s", quoteShort(uri))
	}
	return s.findObject(ctx, id)
}

// sourceOf says which origin publishes obj's framework.
func (s *Server) sourceOf(ctx context.Context, obj *uriObject) (sourceOfTruth, error) {
	src := sourceOfTruth{URI: obj.uri, Origin: s.cfg.BaseURL, Held: casefile.HeldLocal}
	if obj.framework == "" {
		return src, nil
	}
	fi, err := s.cfg.Store.Framework(ctx, obj.framework)
	if casefile.ErrorCode(err) == casefile.NotFound {
		return src, nil
	}
	if err != nil {
		return src, err
	}
	src.Source = fi.Provenance.Source
	if fi.Provenance.OriginNode != "" {
		src.Origin = fi.Provenance.OriginNode
	}
	if fi.Provenance.Source == casefile.SourcePeer {
		src.Held, src.Peer = casefile.HeldMirror, fi.Provenance.Peer
	}
	return src, nil
}
