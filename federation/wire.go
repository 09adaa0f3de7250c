package federation

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"

	"github.com/casenode/casenode/casefile"
)

// CASE REST and casenode API paths on a peer, relative to its base URL.
const (
	pathNode       = "/api/v1/node"
	pathChanges    = "/api/v1/changes"
	pathFrameworks = "/api/v1/frameworks"
	pathSearch     = "/api/v1/search"
)

// caseVersions lists the CASE REST roots tried, newest first.
var caseVersions = []string{"v1p1", "v1p0"}

// listCapFactor scales MaxBodyBytes for listings and feeds, which grow with
// the number of frameworks a peer holds.
const listCapFactor = 16

// docRef is one entry of a peer's CFDocuments listing.
type docRef struct {
	Identifier         string `json:"identifier"`
	URI                string `json:"uri"`
	Title              string `json:"title"`
	LastChangeDateTime string `json:"lastChangeDateTime"`
}

// changeFeed is GET /api/v1/changes.
type changeFeed struct {
	LastSeq *int64            `json:"lastSeq"`
	Changes []casefile.Change `json:"changes"`
}

func (s *Service) listCap() int64 { return s.cfg.MaxBodyBytes * listCapFactor }

// getJSON GETs base+path into v; a body that is not the expected JSON is an
// Invalid error naming the URL.
func (s *Service) getJSON(ctx context.Context, u string, cred casefile.PeerCredentials, m *meter, max int64, v any) error {
	rep, err := s.client.get(ctx, call{url: u, cred: cred, meter: m, maxBytes: max})
	if err != nil {
		return err
	}
	if err := json.Unmarshal(rep.body, v); err != nil {
		return casefile.Errorf(casefile.Invalid, "%s: answer is not valid JSON (%s)", u, jsonProblem(err))
	}
	return nil
}

func jsonProblem(err error) string {
	switch e := err.(type) {
	case *json.SyntaxError:
		return fmt.Sprintf("syntax error at byte %d", e.Offset)
	case *json.UnmarshalTypeError:
		return fmt.Sprintf("unexpected %s for %s", e.Value, e.Field)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "truncated"
	}
	return "malformed"
}

// peerNode reads a casenode peer's /api/v1/node.
func (s *Service) peerNode(ctx context.Context, p casefile.Peer, cred casefile.PeerCredentials, m *meter) (*casefile.NodeInfo, error) {
	var info casefile.NodeInfo
	if err := s.getJSON(ctx, p.URL+pathNode, cred, m, s.cfg.MaxBodyBytes, &info); err != nil {
		return nil, err
	}
	if info.Software != software || !info.ChangeFeed {
		return nil, casefile.Errorf(casefile.NotFound, "%s is not a casenode", p.URL)
	}
	return &info, nil
}

// changesSince reads one page of a casenode peer's change feed.
func (s *Service) changesSince(ctx context.Context, p casefile.Peer, cred casefile.PeerCredentials, m *meter, since int64) (changeFeed, error) {
	u := p.URL + pathChanges + "?since=" + strconv.FormatInt(since, 10)
	var f changeFeed
	if err := s.getJSON(ctx, u, cred, m, s.listCap(), &f); err != nil {
		return f, err
	}
	if f.LastSeq == nil {
		return f, casefile.Errorf(casefile.Invalid, "%s: answer has no lastSeq (not a casenode change feed)", u)
	}
	return f, nil
}

// peerFrameworks reads a casenode peer's /api/v1/frameworks, accepting a bare
// array or {"frameworks": [...]}.
func (s *Service) peerFrameworks(ctx context.Context, p casefile.Peer, cred casefile.PeerCredentials, m *meter) (map[string]casefile.FrameworkInfo, error) {
	u := p.URL + pathFrameworks
	var raw json.RawMessage
	if err := s.getJSON(ctx, u, cred, m, s.listCap(), &raw); err != nil {
		return nil, err
	}
	var list []casefile.FrameworkInfo
	if err := unmarshalListOrWrapped(raw, "frameworks", &list); err != nil {
		return nil, casefile.Errorf(casefile.Invalid, "%s: %s", u, err)
	}
	out := make(map[string]casefile.FrameworkInfo, len(list))
	for _, fi := range list {
		if fi.Identifier != "" {
			out[fi.Identifier] = fi
		}
	}
	return out, nil
}

// listDocuments lists a CASE provider's documents, trying 1.1 then 1.0, and
// returns them with the version root that answered.
func (s *Service) listDocuments(ctx context.Context, p casefile.Peer, cred casefile.PeerCredentials, m *meter) ([]docRef, string, error) {
	var firstErr error
	for _, v := range caseVersions {
		docs, err := s.listPages(ctx, p.URL+"/ims/case/"+v+"/CFDocuments", cred, m)
		if err == nil {
			return docs, v, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		if ctx.Err() != nil || casefile.ErrorCode(err) == casefile.Forbidden {
			break
		}
	}
	return nil, "", firstErr
}

// listPageSize and listMaxPages bound a paged CFDocuments listing.
const (
	listPageSize = 100
	listMaxPages = 200
)

// listPages reads a CFDocuments listing page by page (limit/offset, as CASE
// providers that paginate expect: the spec's default page is 100). It stops at
// an empty page, at a page that brings no new identifier (a provider that
// ignores offset), or after listMaxPages.
func (s *Service) listPages(ctx context.Context, base string, cred casefile.PeerCredentials, m *meter) ([]docRef, error) {
	var all []docRef
	seen := map[string]bool{}
	for page := 0; page < listMaxPages; page++ {
		u := fmt.Sprintf("%s?limit=%d&offset=%d", base, listPageSize, len(all))
		var raw json.RawMessage
		if err := s.getJSON(ctx, u, cred, m, s.listCap(), &raw); err != nil {
			if page > 0 {
				return nil, casefile.Errorf(casefile.Unavailable, "%s: listing stopped at offset %d: %s", base, len(all), casefile.ErrorMessage(err))
			}
			return nil, err
		}
		var docs []docRef
		if err := unmarshalListOrWrapped(raw, "CFDocuments", &docs); err != nil {
			return nil, casefile.Errorf(casefile.Invalid, "%s: %s", u, err)
		}
		fresh := 0
		for _, d := range validDocs(docs) {
			if !seen[d.Identifier] {
				seen[d.Identifier] = true
				all = append(all, d)
				fresh++
			}
		}
		if fresh == 0 || len(docs) < listPageSize {
			break
		}
	}
	return all, nil
}

// validDocs drops listing entries without a usable identifier.
func validDocs(docs []docRef) []docRef {
	out := docs[:0]
	for _, d := range docs {
		if d.Identifier != "" && len(d.Identifier) <= 512 {
			out = append(out, d)
		}
	}
	return out
}

// unmarshalListOrWrapped accepts `[...]` or `{"<key>": [...]}` (the key is
// matched case-insensitively, as encoding/json does).
func unmarshalListOrWrapped(raw json.RawMessage, key string, v any) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		if err := json.Unmarshal(raw, v); err != nil {
			return fmt.Errorf("list is malformed (%s)", jsonProblem(err))
		}
		return nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return fmt.Errorf("expected a list or an object with %q", key)
	}
	for k, inner := range obj {
		if equalFold(k, key) {
			if err := json.Unmarshal(inner, v); err != nil {
				return fmt.Errorf("%s is malformed (%s)", key, jsonProblem(err))
			}
			return nil
		}
	}
	return fmt.Errorf("answer has no %q list", key)
}

func equalFold(a, b string) bool { return bytes.EqualFold([]byte(a), []byte(b)) }

// packageURL is where a CASE provider serves framework id's CFPackage.
func packageURL(base, version, id string) string {
	return base + "/ims/case/" + version + "/CFPackages/" + url.PathEscape(id)
}
