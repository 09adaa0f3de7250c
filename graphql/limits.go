package graphql

import (
	"context"
	"github.com/casenode/casenode/internal/costbudget"
	"sync/atomic"
	"time"

	gql "github.com/graph-gophers/graphql-go"
	gqlerrors "github.com/graph-gophers/graphql-go/errors"
	"github.com/graph-gophers/graphql-go/introspection"
	"github.com/graph-gophers/graphql-go/trace/tracer"
)

// Limits bound one GraphQL request. Zero values take the defaults.
type Limits struct {
	MaxDepth       int           // field nesting depth (default 15)
	MaxQueryLength int           // bytes of query text (default 20,000)
	MaxSelections  int           // selections after fragment expansion (default 5,000)
	MaxFields      int           // fields resolved in one request (default 500,000)
	MaxBodyBytes   int64         // request body (default 1 MiB)
	MaxItemsPage   int           // page size cap of items and crosswalk rows (default 2,000)
	Timeout        time.Duration // per request (default 30 s: a first crosswalk with suggestions is the heaviest query)
	// MaxCost is the largest cost of one request (default 200,000; see cost.go).
	MaxCost int64
	// MaxClientCost is what one client address may spend per CostWindow
	// (default 10 × MaxCost per minute).
	MaxClientCost int64
	CostWindow    time.Duration
	Now           func() time.Time // clock of the cost windows (default time.Now)
}

func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.MaxDepth, 15)
	def(&l.MaxQueryLength, 20000)
	def(&l.MaxSelections, 5000)
	def(&l.MaxFields, 500000)
	def(&l.MaxItemsPage, 2000)
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = 1 << 20
	}
	if l.Timeout <= 0 {
		l.Timeout = 30 * time.Second
	}
	l.MaxCost, l.MaxClientCost, l.CostWindow = costbudget.Budgets(l.MaxCost, l.MaxClientCost, l.CostWindow)
	if l.Now == nil {
		l.Now = time.Now
	}
	return l
}

// budget counts the fields one request resolves; past max it cancels the
// request, so an expensive query stops instead of running to the timeout.
type budget struct {
	max      int64
	used     atomic.Int64
	exceeded atomic.Bool
	cancel   context.CancelFunc
}

type budgetKey struct{}

// fieldTracer enforces the per-request budget (graphql-go calls TraceField
// for every field it resolves, trivial ones included).
type fieldTracer struct{}

var _ tracer.Tracer = fieldTracer{}

func (fieldTracer) TraceQuery(ctx context.Context, _ string, _ string, _ map[string]any, _ map[string]*introspection.Type) (context.Context, tracer.QueryFinishFunc) {
	return ctx, func([]*gqlerrors.QueryError) {}
}

func (fieldTracer) TraceField(ctx context.Context, _, _, _ string, _ bool, _ map[string]any) (context.Context, tracer.FieldFinishFunc) {
	if b, ok := ctx.Value(budgetKey{}).(*budget); ok && b.used.Add(1) > b.max {
		if !b.exceeded.Swap(true) {
			b.cancel()
		}
	}
	return ctx, func(*gqlerrors.QueryError) {}
}

func (fieldTracer) TraceValidation(context.Context) tracer.ValidationFinishFunc {
	return func([]*gqlerrors.QueryError) {}
}

// panicHandler hides panic values from callers (they are logged).
type panicHandler struct{}

func (panicHandler) MakePanicError(context.Context, any) *gqlerrors.QueryError {
	return &gqlerrors.QueryError{Message: "internal error", Extensions: map[string]any{"code": "internal"}}
}

func schemaOptions(l Limits, logPanic func(ctx context.Context, v any)) []gql.SchemaOpt {
	return []gql.SchemaOpt{
		gql.UseStringDescriptions(),
		gql.UseFieldResolvers(),
		gql.MaxDepth(l.MaxDepth),
		gql.MaxQueryLength(l.MaxQueryLength),
		gql.MaxSelections(l.MaxSelections),
		gql.MaxParallelism(8),
		gql.Tracer(fieldTracer{}),
		gql.PanicHandler(panicHandler{}),
		gql.Logger(loggerFunc(logPanic)),
	}
}

type loggerFunc func(ctx context.Context, v any)

func (f loggerFunc) LogPanic(ctx context.Context, v any) { f(ctx, v) }
