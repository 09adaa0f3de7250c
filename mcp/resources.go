package mcp

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/casenode/casenode/casefile"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// Resources are the node's own CASE 1.1 addresses of frameworks and items,
// read as the same CASE JSON the REST API serves.
const (
	casePath    = "/ims/case/v1p1/"
	caseJSON    = "application/json"
	docClass    = "CFDocuments"
	pkgClass    = "CFPackages"
	itemClass   = "CFItems"
	maxIDLength = 512
)

func (s *Server) resource(class, id string) string {
	return s.deps.BaseURL + casePath + class + "/" + id
}
func (s *Server) itemResource(id string) string     { return s.resource(itemClass, id) }
func (s *Server) documentResource(id string) string { return s.resource(docClass, id) }
func (s *Server) packageResource(id string) string  { return s.resource(pkgClass, id) }

func (s *Server) addResources() {
	for _, r := range []struct{ class, name, desc string }{
		{docClass, "framework", "A framework's CFDocument (CASE 1.1 JSON): title, publisher, subjects, licence."},
		{pkgClass, "framework-package", "A whole framework as a CFPackage (CASE 1.1 JSON): every item and association. Large."},
		{itemClass, "item", "One competency as a CFItem (CASE 1.1 JSON)."},
	} {
		s.sdk.AddResourceTemplate(&sdk.ResourceTemplate{Name: r.name, Description: r.desc, MIMEType: caseJSON,
			URITemplate: s.resource(r.class, "{id}")}, s.readResource(r.class))
	}
	// Templates are matched in the order of their text, so the node's own
	// addresses above come before this one, which takes any other URI.
	s.sdk.AddResourceTemplate(&sdk.ResourceTemplate{Name: "by-uri", MIMEType: caseJSON, URITemplate: "{+uri}",
		Description: "A framework (its CFDocument) or an item (CFItem) by the canonical uri its publisher gave it, " +
			"or by the node's stable address {base}/uri/{id}, as CASE 1.1 JSON."},
		s.readByURI)
}

// byStableAddress answers the node's stable address {base}/uri/{id} of an
// item or a framework.
func (s *Server) byStableAddress(ctx context.Context, id string) ([]byte, error) {
	data, err := s.caseJSON(ctx, itemClass, id)
	if casefile.ErrorCode(err) == casefile.NotFound {
		return s.caseJSON(ctx, docClass, id)
	}
	return data, err
}

// readByURI answers a publisher's uri of an item or a framework.
func (s *Server) readByURI(ctx context.Context, req *sdk.ReadResourceRequest) (*sdk.ReadResourceResult, error) {
	uri := req.Params.URI
	if err := s.canRead(ctx); err != nil {
		return nil, s.toolError("resources/read", err)
	}
	data, err := s.byURI(ctx, uri)
	if casefile.ErrorCode(err) == casefile.NotFound {
		return nil, sdk.ResourceNotFoundError(uri)
	}
	if err != nil {
		return nil, s.toolError("resources/read", err)
	}
	return &sdk.ReadResourceResult{Contents: []*sdk.ResourceContents{{URI: uri, MIMEType: caseJSON, Text: string(data)}}}, nil
}

func (s *Server) byURI(ctx context.Context, uri string) ([]byte, error) {
	if uri == "" || len(uri) > casefile.MaxQueryLength {
		return nil, casefile.Errorf(casefile.NotFound, "no resource %q", uri)
	}
	if id, ok := strings.CutPrefix(uri, s.deps.BaseURL+"/uri/"); ok && id != "" && !strings.Contains(id, "/") {
		return s.byStableAddress(ctx, id)
	}
	it, err := s.deps.Store.ItemByURI(ctx, uri)
	if err == nil {
		return casefile.MarshalItem(it, casefile.V1p1)
	}
	if casefile.ErrorCode(err) != casefile.NotFound {
		return nil, err
	}
	fws, err := s.deps.Store.Frameworks(ctx)
	if err != nil {
		return nil, err
	}
	for _, fi := range fws {
		if fi.URI == uri {
			return s.caseJSON(ctx, docClass, fi.Identifier)
		}
	}
	return nil, casefile.Errorf(casefile.NotFound, "no framework or item with uri %q", uri)
}

// readResource answers one resource template.
func (s *Server) readResource(class string) sdk.ResourceHandler {
	return func(ctx context.Context, req *sdk.ReadResourceRequest) (*sdk.ReadResourceResult, error) {
		uri := req.Params.URI
		if err := s.canRead(ctx); err != nil {
			return nil, s.toolError("resources/read", err)
		}
		id, ok := strings.CutPrefix(uri, s.resource(class, ""))
		if !ok || id == "" || len(id) > maxIDLength || strings.Contains(id, "/") {
			return nil, sdk.ResourceNotFoundError(uri)
		}
		data, err := s.caseJSON(ctx, class, id)
		if casefile.ErrorCode(err) == casefile.NotFound {
			return nil, sdk.ResourceNotFoundError(uri)
		}
		if err != nil {
			return nil, s.toolError("resources/read", err)
		}
		return &sdk.ReadResourceResult{Contents: []*sdk.ResourceContents{{URI: uri, MIMEType: caseJSON, Text: string(data)}}}, nil
	}
}

func (s *Server) caseJSON(ctx context.Context, class, id string) ([]byte, error) {
	switch class {
	case docClass:
		d, err := s.deps.Store.Document(ctx, id)
		if err != nil {
			return nil, err
		}
		return casefile.MarshalDocument(d, casefile.V1p1)
	case pkgClass:
		p, err := s.deps.Store.Package(ctx, id)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		err = casefile.EncodePackage(&buf, p, casefile.V1p1)
		return buf.Bytes(), err
	case itemClass:
		it, err := s.deps.Store.Item(ctx, id)
		if err != nil {
			return nil, err
		}
		return casefile.MarshalItem(it, casefile.V1p1)
	}
	return nil, fmt.Errorf("mcp: no resource class %s", class)
}
