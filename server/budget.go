package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"golang.org/x/sync/semaphore"

	"github.com/maillage/maillage/graph/spend"
	"github.com/maillage/maillage/internal/apperr"
)

func init() { errcode.RegisterErrorType(apperr.CodeResponseTooLarge, errcode.KindProtocol) }

// A GraphQL request is admitted at RequestBaseWeight + cost ×
// BytesPerCost: what parsing, the graph index's own work (a search,
// say) and gqlgen's execution allocate, plus per field resolved what
// execution and the answer's JSON allocate. TestMemoryPerCostUnit checks
// on large answers of every kind that a request allocates no more (at
// most 490 bytes per unit since the executor answers plain fields
// itself, 980 before, and 1.1 MB for a search, on the shipped data).
const (
	RequestBaseWeight = 2 << 20
	BytesPerCost      = 1024
)

// budget is the second line behind the static bounds: each request is
// admitted by weight against the memory its answers may take at once,
// then counts what it resolves and is stopped past its own budget.
//
//   - Admission: a request weighs RequestBaseWeight + cost ×
//     BytesPerCost (the cost is an upper bound on its fields); requests
//     whose weights add up past memory wait, in order, up to wait, then
//     are refused 503 OVERLOADED, so that concurrent big requests queue
//     instead of adding up.
//   - Budget: fields resolved and an estimate of the bytes they write are
//     counted as they resolve; past maxFields or maxBytes the request's
//     remaining fields fail at once, and its answer is replaced by one
//     RESPONSE_TOO_LARGE error. The answer's real size is checked too.
//
// A setting of 0 switches its part off (benchmarks against peers that
// have none): no admission without RequestMemory, no field budget
// without MaxComplexity, no byte budget without MaxResponseBytes.
type budget struct {
	memory    *semaphore.Weighted
	capacity  int64
	wait      time.Duration
	maxFields int64
	maxBytes  int64
	// observe, for tests, learns how many fields each request resolved.
	observe func(fields int64)
}

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
	graphql.FieldInterceptor
} = &budget{}

func newBudget(cfg Config) *budget {
	b := &budget{
		capacity:  cfg.RequestMemory,
		wait:      cfg.AnonymousWait,
		maxFields: int64(cfg.Limits.MaxComplexity),
		maxBytes:  cfg.Limits.MaxResponseBytes,
		observe:   cfg.fieldsObserver,
	}
	if b.capacity > 0 {
		b.memory = semaphore.NewWeighted(b.capacity)
	}
	return b
}

// over reports whether fields or bytes are past the budget.
func (b *budget) over(fields, bytes int64) bool {
	return (b.maxFields > 0 && fields > b.maxFields) || (b.maxBytes > 0 && bytes > b.maxBytes)
}

func (*budget) ExtensionName() string                   { return "Budget" }
func (*budget) Validate(graphql.ExecutableSchema) error { return nil }

// weight is what a request of cost is admitted at, never more than the
// whole capacity (a request alone always runs: its cost is within the
// limit, which an operator sizes with the memory).
func (b *budget) weight(cost int) int64 {
	return min(RequestBaseWeight+max(int64(cost), 0)*BytesPerCost, max(b.capacity, 1))
}

// acquire admits weight, waiting at most b.wait; release gives it back.
func (b *budget) acquire(ctx context.Context, weight int64) error {
	if b.memory == nil {
		return nil
	}
	if b.memory.TryAcquire(weight) {
		return nil
	}
	wctx, cancel := context.WithTimeout(ctx, b.wait)
	defer cancel()
	return b.memory.Acquire(wctx, weight)
}

func (b *budget) release(weight int64) {
	if b.memory != nil {
		b.memory.Release(weight)
	}
}

// admit admits an HTTP request outside GraphQL at weight bytes; ok is
// false when it was refused (the answer is then written).
func (b *budget) admit(w http.ResponseWriter, r *http.Request, weight int64) (release func(), ok bool) {
	weight = min(max(weight, 1), max(b.capacity, 1))
	if err := b.acquire(r.Context(), weight); err != nil {
		w.Header().Set("Retry-After", "1")
		writeError(w, r, http.StatusServiceUnavailable, apperr.CodeOverloaded, "the server is busy with large requests: retry in a moment")
		return nil, false
	}
	return func() { b.release(weight) }, true
}

var errStopped = errors.New("stopped: the request is past its budget")

func (b *budget) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	st := stateOf(ctx)
	_, cost, _, _ := st.snapshot()
	weight := b.weight(cost)
	if err := b.acquire(ctx, weight); err != nil {
		st.setStatus(http.StatusServiceUnavailable)
		return codedResponse(ctx, apperr.CodeOverloaded, "the server is busy with large requests: retry in a moment, or ask for less")
	}
	defer b.release(weight)
	meter := spend.New(b.maxFields, b.maxBytes)
	resp := next(spend.With(ctx, meter))
	if b.observe != nil {
		b.observe(meter.Fields())
	}
	if resp != nil && (meter.Over() || b.over(0, int64(len(resp.Data)))) {
		st.setStatus(http.StatusUnprocessableEntity)
		return codedResponse(ctx, apperr.CodeResponseTooLarge, fmt.Sprintf("the answer would hold more than %d fields or %d bytes: ask for smaller pages, fewer fields or a lower limit", b.maxFields, b.maxBytes))
	}
	return resp
}

// InterceptField charges the fields resolvers answer; the executor's
// plain leaves charge themselves (spend.Charge).
func (b *budget) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	meter := spend.From(ctx)
	if meter == nil {
		return next(ctx)
	}
	if meter.Over() {
		return nil, errStopped
	}
	res, err := next(ctx)
	meter.Add(res)
	return res, err
}

// codedResponse is a response of one error with code, recorded for
// metrics.
func codedResponse(ctx context.Context, code, message string) *graphql.Response {
	stateOf(ctx).addCode(code)
	err := gqlerror.Errorf("%s", message)
	err.Extensions = map[string]any{"code": code}
	return &graphql.Response{Errors: gqlerror.List{err}}
}
