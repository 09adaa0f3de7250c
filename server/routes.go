package server

import (
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// access says who may call a route.
type access int

const (
	public access = iota // anyone
	read                 // anyone, or ScopeRead holders when Config.RequireAuth
	admin                // ScopeAdmin holders only
)

// route is one entry of the routes list.
type route struct {
	pattern string
	access  access
	h       http.Handler
	maxBody int64 // 0 = Config.MaxBodyBytes
}

// caseVersions are the CASE REST roots served.
var caseVersions = []struct {
	root string
	v    casefile.Version
}{{"/ims/case/v1p0", casefile.V1p0}, {"/ims/case/v1p1", casefile.V1p1}}

// routes is every route of the node, in one place.
func (s *Server) routes() []route {
	var rs []route
	for _, cv := range caseVersions {
		rs = append(rs, s.caseRoutes(cv.root, cv.v)...)
	}
	rs = append(rs,
		route{pattern: "GET /ims/case/v1p1/discovery/imscasev1p1_openapi3_v1p0.json", access: public, h: s.handle(s.getDiscovery)},
		route{pattern: "GET /api/v1/openapi.json", access: public, h: s.handle(s.getAPISpec)},
		route{pattern: "POST /oauth/token", access: public, h: http.HandlerFunc(s.postToken)},

		route{pattern: "GET /api/v1/node", access: read, h: s.handle(s.getNode)},
		route{pattern: "GET /api/v1/search", access: read, h: s.handle(s.getSearch)},
		route{pattern: "POST /api/v1/align", access: read, h: s.handle(s.postAlign)},
		route{pattern: "GET /api/v1/frameworks", access: read, h: s.handle(s.getFrameworks)},
		route{pattern: "GET /api/v1/frameworks/{id}", access: read, h: s.handle(s.getFramework)},
		route{pattern: "DELETE /api/v1/frameworks/{id}", access: admin, h: s.handle(s.deleteFramework)},
		route{pattern: "GET /api/v1/frameworks/{id}/changes", access: read, h: s.handle(s.getFrameworkDiffs)},
		route{pattern: "GET /api/v1/frameworks/{id}/export", access: read, h: s.handle(s.getFrameworkExport)},
		route{pattern: "POST /api/v1/import", access: admin, h: s.handle(s.postImport), maxBody: s.cfg.MaxImportBytes},
		route{pattern: "POST /api/v1/reindex", access: admin, h: s.handle(s.postReindex)},
		route{pattern: "GET /api/v1/changes", access: read, h: s.handle(s.getChanges)},
		route{pattern: "GET /api/v1/peers", access: read, h: s.handle(s.getPeers)},
		route{pattern: "POST /api/v1/peers", access: admin, h: s.handle(s.postPeer)},
		route{pattern: "DELETE /api/v1/peers/{name}", access: admin, h: s.handle(s.deletePeer)},
		route{pattern: "POST /api/v1/peers/{name}/sync", access: admin, h: s.handle(s.postPeerSync)},
		route{pattern: "POST /api/v1/sync", access: admin, h: s.handle(s.postSyncAll)},
		route{pattern: "GET /api/v1/conflicts", access: read, h: s.handle(s.getConflicts)},
		route{pattern: "GET /api/v1/crosswalk", access: read, h: s.handle(s.getCrosswalk)},
		route{pattern: "POST /api/v1/crosswalk/review", access: admin, h: s.handle(s.postCrosswalkReview), maxBody: maxReviewBytes},
		route{pattern: "GET /api/v1/items/{id}/achievement", access: read, h: s.handle(s.getItemAchievement)},
		route{pattern: "POST /api/v1/credentials/resolve", access: read, h: s.handle(s.postResolveCredential)},
		route{pattern: "GET /api/v1/resolve", access: read, h: s.handle(s.getResolveURI)},
		route{pattern: "GET /uri/{id}", access: read, h: s.handle(s.getURI)},

		route{pattern: "GET /healthz", access: public, h: s.handle(s.getHealth)},
		route{pattern: "GET /metrics", access: public, h: s.handle(s.serveMetrics)},
		// The web's upload form: a page, but its body may be far larger than
		// MaxBodyBytes. The page checks the admin scope before it reads the body.
		route{pattern: "POST /import", access: public, h: s.handle(s.fallback), maxBody: s.cfg.MaxImportBytes},
		route{pattern: "/", access: public, h: s.handle(s.fallback)},
	)
	if s.cfg.GraphQL != nil {
		rs = append(rs,
			route{pattern: "GET /graphql", access: read, h: s.cfg.GraphQL},
			route{pattern: "POST /graphql", access: read, h: s.cfg.GraphQL},
			route{pattern: "GET /graphql/assets/", access: public, h: s.cfg.GraphQL})
	}
	if s.cfg.MCP != nil {
		rs = append(rs, route{pattern: "/mcp", access: read, h: s.cfg.MCP})
	}
	return rs
}

// caseRoutes are the twelve CASE REST read endpoints under root for v.
func (s *Server) caseRoutes(root string, v casefile.Version) []route {
	get := func(path string, fn func(http.ResponseWriter, *http.Request, casefile.Version) error) route {
		return route{pattern: "GET " + root + path, access: read, h: s.handle(func(w http.ResponseWriter, r *http.Request) error {
			return fn(w, r, v)
		})}
	}
	return []route{
		get("/CFDocuments", s.getAllCFDocuments),
		get("/CFDocuments/{sourcedId}", s.getCFDocument),
		get("/CFItems/{sourcedId}", s.getCFItem),
		get("/CFItemAssociations/{sourcedId}", s.getCFItemAssociations),
		get("/CFAssociations/{sourcedId}", s.getCFAssociation),
		get("/CFPackages/{sourcedId}", s.getCFPackage),
		get("/CFAssociationGroupings/{sourcedId}", s.getCFAssociationGrouping),
		get("/CFConcepts/{sourcedId}", s.getCFConcept),
		get("/CFItemTypes/{sourcedId}", s.getCFItemType),
		get("/CFLicenses/{sourcedId}", s.getCFLicense),
		get("/CFSubjects/{sourcedId}", s.getCFSubject),
		get("/CFRubrics/{sourcedId}", s.getCFRubric),
	}
}
