// Package graphql serves casenode's GraphQL API (schema.graphql) with
// per-request batching loaders, query limits and a query console page.
package graphql

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"github.com/casenode/casenode/internal/costbudget"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"

	gql "github.com/graph-gophers/graphql-go"
	gqlerrors "github.com/graph-gophers/graphql-go/errors"

	"github.com/casenode/casenode/casefile"
)

//go:embed schema.graphql
var schemaText string

// Store is what the API reads (*store.DB satisfies it).
type Store interface {
	Frameworks(ctx context.Context) ([]casefile.FrameworkInfo, error)
	Framework(ctx context.Context, id string) (casefile.FrameworkInfo, error)
	Document(ctx context.Context, id string) (*casefile.Document, error)
	Package(ctx context.Context, id string) (*casefile.Package, error)
	Item(ctx context.Context, id string) (*casefile.Item, error)
	ItemByURI(ctx context.Context, uri string) (*casefile.Item, error)
	ItemsByCode(ctx context.Context, code string) ([]casefile.Item, error)
	Items(ctx context.Context, ids []string) ([]casefile.Item, error)
	ItemsPage(ctx context.Context, framework string, offset, limit int) ([]casefile.Item, int, error)
	ItemFramework(ctx context.Context, ids []string) (map[string]string, error)
	AssociationsFor(ctx context.Context, nodeIDs []string) (map[string][]casefile.Association, error)
	AssociationsOf(ctx context.Context, framework string) ([]casefile.Association, error)
	Children(ctx context.Context, parentIDs []string) (map[string][]casefile.Item, error)
	Ancestors(ctx context.Context, itemID string) ([]casefile.LinkURI, error)
	Rubric(ctx context.Context, id string) (*casefile.Rubric, error)
	// Generation moves whenever a write commits (store.DB.Generation):
	// requests share decoded frameworks and item pages for one generation.
	Generation() uint64
}

// Searcher is the node's search engine (*search.Index satisfies it).
type Searcher interface {
	Search(ctx context.Context, req casefile.SearchRequest) (*casefile.SearchResult, error)
}

// Crosswalker is the crosswalk service (*crosswalk.Crosswalker satisfies it).
type Crosswalker interface {
	Crosswalk(ctx context.Context, source, target string, opt casefile.CrosswalkOptions) (*casefile.Crosswalk, error)
	WriteCSV(w io.Writer, cw *casefile.Crosswalk) error
	Accept(ctx context.Context, sourceItem, targetItem, associationType, acceptedBy string) (*casefile.Association, error)
	RemoveAssociation(ctx context.Context, id string) error
	Reject(ctx context.Context, sourceItem, targetItem, rejectedBy string) (*casefile.CrosswalkDecision, error)
	Restore(ctx context.Context, sourceItem, targetItem string) error
	CrosswalkDocument() string
}

// Deps wires the handler. Search and Crosswalker may be nil (those fields
// then answer unavailable).
type Deps struct {
	Store       Store
	Search      Searcher
	Crosswalker Crosswalker
	Achiever    Achiever // nil: Item.achievement is null
	BaseURL     string   // for export URLs
	Limits      Limits
	Log         *slog.Logger
}

// handler serves POST/GET /graphql and the console page.
type handler struct {
	schema *gql.Schema
	store  Store
	limits Limits
	log    *slog.Logger
	cost   costModel
	ledger *costbudget.Ledger
	shared *shared
}

// New returns the GraphQL handler: POST (JSON body) and GET (?query=, queries
// only) execute; a GET whose Accept header prefers text/html gets the console page.
func New(deps Deps) (http.Handler, error) {
	if deps.Store == nil {
		return nil, errors.New("graphql: a store is required")
	}
	log := deps.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	lim := deps.Limits.withDefaults()
	root := &resolver{store: deps.Store, search: deps.Search, cw: deps.Crosswalker, achiever: deps.Achiever, limits: lim,
		base: strings.TrimRight(deps.BaseURL, "/"), log: log}
	logPanic := func(ctx context.Context, v any) { log.ErrorContext(ctx, "graphql resolver panicked", "panic", v) }
	schema, err := gql.ParseSchema(schemaText, root, schemaOptions(lim, logPanic)...)
	if err != nil {
		return nil, err
	}
	return &handler{schema: schema, store: deps.Store, limits: lim, log: log,
		cost:   costModel{schema: schema.ASTSchema(), maxDepth: lim.MaxDepth},
		ledger: costbudget.New(lim.MaxClientCost, lim.CostWindow), shared: newShared()}, nil
}

type request struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		if strings.HasPrefix(r.URL.Path, assetPrefix) {
			serveAsset(w, r)
			return
		}
		if prefersHTML(r.Header.Get("Accept")) {
			serveConsole(w)
			return
		}
		q := r.URL.Query()
		req := request{Query: q.Get("query"), OperationName: q.Get("operationName")}
		if v := q.Get("variables"); v != "" {
			if err := json.Unmarshal([]byte(v), &req.Variables); err != nil {
				writeError(w, http.StatusBadRequest, casefile.Invalid, "variables is not a JSON object")
				return
			}
		}
		if h.admit(w, r, req) {
			h.execute(context.WithValue(r.Context(), readOnlyKey{}, true), w, req)
		}
	case http.MethodPost:
		req, status, err := h.decode(w, r)
		if err != nil {
			writeError(w, status, casefile.Invalid, err.Error())
			return
		}
		if h.admit(w, r, req) {
			h.execute(r.Context(), w, req)
		}
	default:
		w.Header().Set("Allow", "GET, POST")
		writeError(w, http.StatusMethodNotAllowed, casefile.Invalid, "use GET or POST")
	}
}

func (h *handler) decode(w http.ResponseWriter, r *http.Request) (request, int, error) {
	var req request
	body := http.MaxBytesReader(w, r.Body, h.limits.MaxBodyBytes)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/graphql" {
		b, err := io.ReadAll(body)
		if err != nil {
			return req, bodyStatus(err), bodyError(err)
		}
		req.Query = string(b)
		return req, 0, nil
	}
	if err := json.NewDecoder(body).Decode(&req); err != nil {
		return req, bodyStatus(err), bodyError(err)
	}
	return req, 0, nil
}

func bodyStatus(err error) int {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

func bodyError(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return errors.New("the request body is too large")
	}
	return errors.New("the request body is not a GraphQL JSON request ({\"query\": …})")
}

// execute runs one operation with a fresh loader, the timeout and the field budget.
func (h *handler) execute(ctx context.Context, w http.ResponseWriter, req request) {
	if strings.TrimSpace(req.Query) == "" {
		writeError(w, http.StatusBadRequest, casefile.Invalid, "query is required")
		return
	}
	ctx, cancel := context.WithTimeout(ctx, h.limits.Timeout)
	defer cancel()
	b := &budget{max: int64(h.limits.MaxFields), cancel: cancel}
	ctx = context.WithValue(ctx, budgetKey{}, b)
	ctx = withLoader(ctx, newLoader(h.store, h.shared))
	resp := h.schema.Exec(ctx, req.Query, req.OperationName, req.Variables)
	status := finish(resp, b, ctx.Err())
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := writeResponse(w, resp); err != nil {
		h.log.Debug("graphql: writing the response failed", "err", err)
	}
}

// writeResponse writes resp as json.Encoder would. An answer with data only
// is written around the data as it is: graphql-go writes every value with
// json.Marshal (compact, HTML-escaped) and names as they are, so the
// encoder's pass over it (compacting and escaping the whole data again)
// would change no byte and cost a tenth of the node's CPU under load.
func writeResponse(w io.Writer, resp *gql.Response) error {
	if len(resp.Errors) > 0 || len(resp.Extensions) > 0 || len(resp.Data) == 0 {
		return json.NewEncoder(w).Encode(resp)
	}
	out := make([]byte, 0, len(resp.Data)+10)
	out = append(out, `{"data":`...)
	out = append(out, resp.Data...)
	_, err := w.Write(append(out, "}\n"...))
	return err
}

// finish gives every error an extensions.code and chooses the HTTP status:
// 400 when the operation was rejected before running (503 when it timed out
// before any data), 401/403 when every error is an authorization error, 200
// otherwise (GraphQL partial results).
func finish(resp *gql.Response, b *budget, ctxErr error) int {
	if b.exceeded.Load() {
		resp.Data = nil
		resp.Errors = []*gqlerrors.QueryError{{Message: "the query resolves too many fields; ask for fewer or smaller pages",
			Extensions: map[string]any{"code": string(casefile.Invalid)}}}
		return http.StatusBadRequest
	}
	if len(resp.Errors) == 0 {
		return http.StatusOK
	}
	rejected := len(resp.Data) == 0
	codes := map[string]bool{}
	for _, e := range resp.Errors {
		if e.Extensions == nil || e.Extensions["code"] == nil {
			code := casefile.Internal
			switch {
			case errors.Is(ctxErr, context.DeadlineExceeded):
				code, e.Message = casefile.Unavailable, "the request took too long"
			case rejected || len(e.Path) == 0:
				code = casefile.Invalid
			}
			e.Extensions = map[string]any{"code": string(code)}
		}
		codes[e.Extensions["code"].(string)] = true
	}
	switch {
	case rejected && len(codes) == 1 && codes[string(casefile.Unavailable)]:
		return http.StatusServiceUnavailable
	case rejected:
		return http.StatusBadRequest
	case len(codes) == 1 && codes[string(casefile.Forbidden)]:
		return http.StatusForbidden
	case len(codes) == 1 && codes[string(casefile.Unauthorized)]:
		return http.StatusUnauthorized
	}
	return http.StatusOK
}

func writeError(w http.ResponseWriter, status int, code casefile.Code, msg string) {
	writeErrorExt(w, status, msg, map[string]any{"code": string(code)})
}

func writeErrorExt(w http.ResponseWriter, status int, msg string, ext map[string]any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]any{{"message": msg, "extensions": ext}}})
}

// prefersHTML reports whether an Accept header ranks text/html above JSON.
func prefersHTML(accept string) bool {
	html, jsonQ := -1.0, -1.0
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				f = 0
			}
			q = f
		}
		switch mt {
		case "text/html":
			html = max(html, q)
		case "application/json", "application/graphql-response+json":
			jsonQ = max(jsonQ, q)
		}
	}
	return html > 0 && html > jsonQ
}

// readOnlyKey marks a GET request: mutations are refused (GET must not change data).
type readOnlyKey struct{}
