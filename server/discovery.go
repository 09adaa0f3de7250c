package server

import (
	"bytes"
	"embed"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"
)

// openapiFiles holds the official CASE 1.1 OpenAPI 3.0 file (1EdTech's
// interface definition, served as the discovery document) and the node API's
// own description.
//
//go:embed openapi/imscasev1p1_openapi3_v1p0.json openapi/casenode_api_v1.json
var openapiFiles embed.FS

// specModified is the Last-Modified of the embedded descriptions (the CASE
// 1.1 final release date).
var specModified = time.Date(2025, 1, 24, 0, 0, 0, 0, time.UTC)

// topOrder is the member order of an OpenAPI document.
var topOrder = []string{"openapi", "info", "servers", "tags", "paths", "components"}

// withServers returns the OpenAPI document src with its servers replaced by
// one entry for url, other members kept as they are.
func withServers(src []byte, url, description string) ([]byte, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	servers, err := marshalJSON([]map[string]string{{"url": url, "description": description}})
	if err != nil {
		return nil, err
	}
	doc["servers"] = servers
	var b bytes.Buffer
	b.WriteByte('{')
	write := func(k string) {
		v, ok := doc[k]
		if !ok {
			return
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		b.Write(v)
		delete(doc, k)
	}
	for _, k := range topOrder {
		write(k)
	}
	for k := range doc {
		write(k)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// localiseDiscovery is the CASE 1.1 discovery document for this node.
func localiseDiscovery(base string, log *slog.Logger) []byte {
	src, err := openapiFiles.ReadFile("openapi/imscasev1p1_openapi3_v1p0.json")
	if err == nil {
		var out []byte
		if out, err = withServers(src, base+"/ims/case/v1p1", "This casenode's CASE 1.1 provider endpoints."); err == nil {
			return out
		}
	}
	log.Error("cannot localise the CASE discovery document", "err", err)
	return src
}

// apiOpenAPI is the node API description with this node's server.
func apiOpenAPI(base string) []byte {
	src, err := openapiFiles.ReadFile("openapi/casenode_api_v1.json")
	if err != nil {
		panic("embedded node API description missing: " + err.Error())
	}
	out, err := withServers(src, base, "This casenode.")
	if err != nil {
		panic("embedded node API description is not valid JSON: " + err.Error())
	}
	return out
}

// getDiscovery is GET /ims/case/v1p1/discovery/imscasev1p1_openapi3_v1p0.json.
func (s *Server) getDiscovery(w http.ResponseWriter, r *http.Request) error {
	s.writeBody(w, r, s.discovery)
	return nil
}

// getAPISpec is GET /api/v1/openapi.json.
func (s *Server) getAPISpec(w http.ResponseWriter, r *http.Request) error {
	s.writeBody(w, r, s.apiSpec)
	return nil
}

// staticBody prepares a body that never changes, with its gzip form.
func (s *Server) staticBody(data []byte, modified time.Time) body {
	b := newBody(data, modified)
	b.gz = s.gzipBytes(data)
	return b
}
