package federation

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// ResolveLink returns the CFItem an association destination uri names when
// it lives on a peer (the uri's scheme and host match a peer's base URL, or
// any http(s) uri when Config.ResolveAnyHost). The item is fetched once (GET
// the uri; if that is not a CFItem, GET /ims/case/v1p1/CFItems/{last path
// segment} on the peer), cached in a bounded LRU with its ETag, and
// revalidated with If-None-Match after Config.LinkTTL.
func (s *Service) ResolveLink(ctx context.Context, uri string) (*casefile.Item, error) {
	u, err := url.Parse(uri)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, casefile.Errorf(casefile.NotFound, "link %q is not an http(s) URI held by a peer", uri)
	}
	peer, err := s.peerForURI(ctx, u)
	if err != nil {
		return nil, err
	}
	if peer == nil && !s.cfg.ResolveAnyHost {
		return nil, casefile.Errorf(casefile.NotFound, "link %q belongs to no peer of this node", uri)
	}
	old, cached := s.links.get(uri)
	if cached && s.cfg.Now().Sub(old.checked) < s.cfg.LinkTTL {
		return old.result()
	}
	e := s.links.do(uri, func() linkEntry { return s.fetchLink(ctx, uri, u, peer, old) })
	return e.result()
}

func (e linkEntry) result() (*casefile.Item, error) {
	if e.err != nil {
		return nil, e.err
	}
	it := *e.item
	return &it, nil
}

// peerForURI returns the peer whose base URL has u's scheme and host (nil
// when none).
func (s *Service) peerForURI(ctx context.Context, u *url.URL) (*casefile.Peer, error) {
	peers, err := s.cfg.Store.Peers(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range peers {
		pu, err := url.Parse(p.URL)
		if err == nil && strings.EqualFold(pu.Scheme, u.Scheme) && strings.EqualFold(pu.Host, u.Host) {
			return &p, nil
		}
	}
	return nil, nil
}

// fetchLink fetches (or revalidates old) and caches the outcome. Transport
// failures are not cached, so the next lookup tries again.
func (s *Service) fetchLink(ctx context.Context, uri string, u *url.URL, peer *casefile.Peer, old linkEntry) linkEntry {
	var cred casefile.PeerCredentials
	if peer != nil {
		cred, _ = s.cfg.Store.PeerCredentials(ctx, peer.Name)
	}
	hdr := http.Header{}
	if old.etag != "" && old.item != nil {
		hdr.Set("If-None-Match", old.etag)
	}
	e := linkEntry{uri: uri, checked: s.cfg.Now()}
	rep, err := s.client.get(ctx, call{url: uri, header: hdr, cred: cred})
	var it *casefile.Item
	if err == nil && rep.status == http.StatusNotModified {
		old.checked = e.checked
		s.links.put(old)
		return old
	}
	if err == nil {
		it, err = decodeItem(rep.body)
	}
	if err != nil && peer != nil && ctx.Err() == nil {
		alt := peer.URL + "/ims/case/v1p1/CFItems/" + url.PathEscape(path.Base(u.Path))
		if alt != uri {
			hdr.Del("If-None-Match")
			if rep, err = s.client.get(ctx, call{url: alt, cred: cred}); err == nil {
				it, err = decodeItem(rep.body)
			}
		}
	}
	switch code := casefile.ErrorCode(err); {
	case err == nil:
		e.item, e.etag = it, rep.header.Get("ETag")
	case code == casefile.NotFound || code == casefile.Invalid:
		e.err = casefile.Errorf(casefile.NotFound, "linked item %s could not be resolved: %s", uri, casefile.ErrorMessage(err))
	default:
		e.err = err
		return e
	}
	s.links.put(e)
	return e
}

// wireItem is the lenient shape of a standalone CFItem (1.0 or 1.1).
type wireItem struct {
	Identifier           string            `json:"identifier"`
	URI                  string            `json:"uri"`
	FullStatement        string            `json:"fullStatement"`
	AlternativeLabel     string            `json:"alternativeLabel"`
	CFItemType           string            `json:"CFItemType"`
	HumanCodingScheme    string            `json:"humanCodingScheme"`
	ListEnumeration      string            `json:"listEnumeration"`
	AbbreviatedStatement string            `json:"abbreviatedStatement"`
	ConceptKeywords      json.RawMessage   `json:"conceptKeywords"`
	Notes                string            `json:"notes"`
	Language             string            `json:"language"`
	EducationLevel       json.RawMessage   `json:"educationLevel"`
	CFItemTypeURI        *casefile.LinkURI `json:"CFItemTypeURI"`
	LicenseURI           *casefile.LinkURI `json:"licenseURI"`
	StatusStartDate      string            `json:"statusStartDate"`
	StatusEndDate        string            `json:"statusEndDate"`
	LastChangeDateTime   string            `json:"lastChangeDateTime"`
	CFDocumentURI        *casefile.LinkURI `json:"CFDocumentURI"`
}

// decodeItem reads a standalone CFItem (or {"CFItem": {...}}); an answer
// without identifier and fullStatement is not an item.
func decodeItem(body []byte) (*casefile.Item, error) {
	var wrap struct {
		CFItem *wireItem `json:"CFItem"`
	}
	var w wireItem
	if err := json.Unmarshal(body, &wrap); err == nil && wrap.CFItem != nil {
		w = *wrap.CFItem
	} else if err := json.Unmarshal(body, &w); err != nil {
		return nil, casefile.Errorf(casefile.Invalid, "answer is not a CFItem (%s)", jsonProblem(err))
	}
	if w.Identifier == "" || w.FullStatement == "" {
		return nil, casefile.Errorf(casefile.Invalid, "answer is not a CFItem (no identifier or fullStatement)")
	}
	return &casefile.Item{
		Identifier: w.Identifier, URI: w.URI, FullStatement: w.FullStatement,
		AlternativeLabel: w.AlternativeLabel, CFItemType: w.CFItemType,
		HumanCodingScheme: w.HumanCodingScheme, ListEnumeration: w.ListEnumeration,
		AbbreviatedStatement: w.AbbreviatedStatement, ConceptKeywords: stringList(w.ConceptKeywords),
		Notes: w.Notes, Language: w.Language, EducationLevel: stringList(w.EducationLevel),
		CFItemTypeURI: w.CFItemTypeURI, LicenseURI: w.LicenseURI,
		StatusStartDate: w.StatusStartDate, StatusEndDate: w.StatusEndDate,
		LastChangeDateTime: w.LastChangeDateTime, CFDocumentURI: w.CFDocumentURI,
	}, nil
}

// stringList accepts a JSON array of strings or one (comma-separated) string.
func stringList(raw json.RawMessage) []string {
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return list
	}
	var one string
	if json.Unmarshal(raw, &one) != nil || one == "" {
		return nil
	}
	for _, v := range strings.Split(one, ",") {
		if v = strings.TrimSpace(v); v != "" {
			list = append(list, v)
		}
	}
	return list
}
