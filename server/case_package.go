package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

// packageLoadTimeout bounds loading and encoding one CFPackage for the cache
// (independent of the request that triggered it, since others may wait on it).
const packageLoadTimeout = 2 * time.Minute

// packageVersion is the cheap validator of a framework.
type packageVersion struct {
	id       string
	hash     string
	modified time.Time
}

// getCFPackage is GET /CFPackages/{sourcedId} (the CFDocument identifier):
// the flat CFPackage. It checks the framework's content hash first, so a
// conditional request costs one small query (none while no write commits:
// the validators are kept per store generation); bodies come from the
// cache, encoded once per framework, version and content hash.
func (s *Server) getCFPackage(w http.ResponseWriter, r *http.Request, v casefile.Version) error {
	pv, err := s.packageVersions.Load(s.cfg.Store.Generation(), r.PathValue("sourcedId"), func() (packageVersion, error) {
		return resolve(r, func(ctx context.Context, id string) (packageVersion, error) {
			hash, mod, err := s.cfg.Store.PackageVersion(ctx, id)
			return packageVersion{id: id, hash: hash, modified: mod}, err
		})
	})
	if err != nil {
		return err
	}
	etag := packageETag(pv.hash, v)
	if notModified(r, etag, pv.modified) {
		s.setValidators(w.Header(), etag, pv.modified)
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	key := packageKey{framework: pv.id, version: v, hash: pv.hash}
	e, err := s.packages.get(r.Context(), key, func() (*packageEntry, error) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), packageLoadTimeout)
		defer cancel()
		return s.encodePackage(ctx, key, etag, pv.modified)
	})
	if err != nil {
		return err
	}
	s.writeBody(w, r, e.body)
	return nil
}

// encodePackage loads and encodes one framework in version v, with its gzip form.
func (s *Server) encodePackage(ctx context.Context, k packageKey, etag string, modified time.Time) (*packageEntry, error) {
	p, err := s.cfg.Store.Package(ctx, k.framework)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := casefile.EncodePackage(&buf, p, k.version); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	b := body{data: data, etag: etag, modified: modified}
	if len(data) >= minGzipBytes {
		// Encoded once per version, served many times: compress hard.
		if b.gz, err = gzipBest(data); err != nil {
			return nil, err
		}
	}
	return &packageEntry{key: k, body: b}, nil
}

// packageETag is the strong validator of a framework's encoding in v.
func packageETag(hash string, v casefile.Version) string {
	clean := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, hash)
	if len(clean) > 40 {
		clean = clean[:40]
	}
	tag := "v1p1"
	if v == casefile.V1p0 {
		tag = "v1p0"
	}
	return `"` + clean + "-" + tag + `"`
}

// gzipBest compresses data at the best compression level.
func gzipBest(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
