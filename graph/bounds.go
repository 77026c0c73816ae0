package graph

import (
	"cmp"
	"context"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/schema"
	"github.com/maillage/maillage/graph/generated"
	"github.com/maillage/maillage/graph/model"
	"github.com/maillage/maillage/internal/coopgraph"
	"github.com/maillage/maillage/internal/suggest"
	"github.com/maillage/maillage/internal/tokens"
)

// Every list of the schema is bounded, and a query's complexity is priced
// from those bounds (GitHub's node limit is the model): each field costs
// one, and a list multiplies what one element costs by the most elements
// it can hold. The price is therefore an upper bound on the fields a
// request resolves, whatever the data holds; TestEveryListIsBounded walks
// the schema and fails on a list without a bound.
//
//   - connections: first or last (DefaultPageSize when neither); the
//     largest page is a server limit checked before the query runs;
//   - plain lists of records (a legal entity's sites…): their first
//     argument, at most MaxListItems, which their resolvers enforce;
//   - graph answers: nodes and edges at most the filter's limit
//     (coopgraph enforces it), and the lists inside at most coopgraph's
//     constants;
//   - scalar lists: the vocabulary they are drawn from.

// DefaultPageSize is the page a connection returns when the request
// gives neither first nor last: never the whole register.
const DefaultPageSize = 100

// MaxListItems bounds every plain list of records: its resolver returns
// at most this many, and a query is priced as if it did.
const MaxListItems = 1000

// mayChangeCost prices Viewer.mayChange: its statements are few and
// bounded (the node, the record it belongs to, where its parties lie),
// but each is a round trip, so a request cannot ask it thousands of times.
const mayChangeCost = 20

// pageSize applies DefaultPageSize to a top-level connection.
func pageSize(first, last *int) *int {
	if first == nil && last == nil {
		n := DefaultPageSize
		return &n
	}
	return first
}

// times is n elements of cost child each, plus the field itself,
// saturating rather than overflowing.
func times(n, child int) int {
	n, child = max(n, 1), max(child, 0)
	if child+1 > math.MaxInt32/n {
		return math.MaxInt32
	}
	return n * (child + 1)
}

// pageCost prices a connection by the page it may hold.
func pageCost[Order, Where any](child int, _ *entgql.Cursor[int], first *int, _ *entgql.Cursor[int], last *int, _ Order, _ Where) int {
	n := DefaultPageSize
	switch {
	case first != nil:
		n = *first
	case last != nil:
		n = *last
	}
	return times(n, child)
}

// listBound is how many records a plain list returns at most.
func listBound(first *int) int {
	if first == nil {
		return MaxListItems
	}
	return min(max(*first, 0), MaxListItems)
}

// listCost prices a plain list of records by its bound.
func listCost(child int, _ *time.Time, first *int) int { return times(listBound(first), child) }

// records answers a plain list of records: those load gives that hold on
// day asOf, at most first (MaxListItems when omitted); a list cut short
// is reported in the response's extensions.
func records[T ent.Dated](ctx context.Context, asOf *time.Time, first *int, load func(context.Context) ([]T, error)) ([]T, error) {
	rs, err := ent.AsOf(ctx, asOf, load)
	if err != nil {
		return nil, err
	}
	if n := listBound(first); len(rs) > n {
		noteTruncated(ctx, len(rs), n)
		rs = rs[:n]
	}
	return rs, nil
}

// sources answers a record's sources: at most first (MaxListItems when
// omitted), in the order they were recorded.
func sources(ctx context.Context, first *int, load func(context.Context) ([]*ent.Source, error)) ([]*ent.Source, error) {
	return inOrderMade(ctx, first, load, func(s *ent.Source) int { return s.ID })
}

// territories answers an audit event's territories: at most first
// (MaxListItems when omitted), in the order they were made.
func territories(ctx context.Context, first *int, load func(context.Context) ([]*ent.Territory, error)) ([]*ent.Territory, error) {
	return inOrderMade(ctx, first, load, func(t *ent.Territory) int { return t.ID })
}

// inOrderMade answers a plain list of undated records: those load gives,
// by ID, at most first (MaxListItems when omitted); a list cut short is
// reported in the response's extensions.
func inOrderMade[T any](ctx context.Context, first *int, load func(context.Context) ([]T, error), id func(T) int) ([]T, error) {
	rs, err := load(ctx)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(rs, func(a, b T) int { return cmp.Compare(id(a), id(b)) })
	if n := listBound(first); len(rs) > n {
		noteTruncated(ctx, len(rs), n)
		rs = rs[:n]
	}
	if rs == nil {
		rs = []T{}
	}
	return rs, nil
}

// graphLimit is the most nodes, and the most edges, a graph answer holds:
// the filter's limit, or coopgraph's default when it gives none or 0.
func graphLimit(f *model.CooperationGraphFilter) int {
	if f != nil && f.Limit != nil && *f.Limit > 0 {
		return *f.Limit
	}
	return coopgraph.DefaultLimit
}

// fixed prices a list whose length is bounded by a constant.
func fixed(n int) func(child int) int { return func(child int) int { return times(n, child) } }

// complexity prices every list of the schema by its bound.
func complexity() generated.ComplexityRoot {
	var c generated.ComplexityRoot
	c.Query.AuditEvents = pageCost[*ent.AuditEventOrder, *ent.AuditEventWhereInput]
	c.Query.Conventions = pageCost[*ent.ConventionOrder, *ent.ConventionWhereInput]
	c.Query.Establishments = pageCost[*ent.EstablishmentOrder, *ent.EstablishmentWhereInput]
	c.Query.Filieres = pageCost[*ent.FiliereOrder, *ent.FiliereWhereInput]
	c.Query.Groupings = pageCost[*ent.GroupingOrder, *ent.GroupingWhereInput]
	c.Query.LegalEntities = pageCost[*ent.LegalEntityOrder, *ent.LegalEntityWhereInput]
	c.Query.MedicalTeams = pageCost[*ent.MedicalTeamOrder, *ent.MedicalTeamWhereInput]
	c.Query.Memberships = pageCost[*ent.MembershipOrder, *ent.MembershipWhereInput]
	c.Query.Sources = pageCost[*ent.SourceOrder, *ent.SourceWhereInput]
	c.Query.Territories = pageCost[*ent.TerritoryOrder, *ent.TerritoryWhereInput]
	c.Territory.Children = pageCost[*ent.TerritoryOrder, *ent.TerritoryWhereInput]
	c.Query.Nodes = func(child int, ids []int) int { return times(len(ids), child) }
	c.Query.Registers = fixed(4) // one state per freshness.Register
	c.Viewer.Territories = fixed(tokens.MaxTerritories)
	// A few statements (the node, what it involves, where that lies).
	c.Viewer.MayChange = func(int, int) int { return mayChangeCost }
	c.Query.Search = func(child int, _ string, first *int, _ []model.NodeKind, _ []string) int {
		n := coopgraph.DefaultHits
		if first != nil {
			n = *first
		}
		return times(n, child)
	}
	c.Query.CooperationGraph = func(child int, f model.CooperationGraphFilter) int { return times(graphLimit(&f), child) }
	c.Query.Neighborhood = func(child int, _ int, _ *int, f *model.CooperationGraphFilter) int {
		return times(graphLimit(f), child)
	}
	c.Query.CooperationPath = func(child int, _, _ int, f *model.CooperationGraphFilter) int { return times(graphLimit(f), child) }
	c.Query.CooperationChecks = func(child int, f *model.CooperationGraphFilter, _ []string) int { return times(graphLimit(f), child) }
	c.Query.CooperationDiff = func(child int, f *model.CooperationGraphFilter, _, _ time.Time) int {
		return times(graphLimit(f), child)
	}
	c.GraphEdge.Shared = fixed(coopgraph.MaxShared)
	c.Finding.Records = fixed(coopgraph.MaxFindingRecords)
	c.Finding.Fixes = fixed(coopgraph.MaxFindingRecords)
	c.Query.MemberSuggestions = func(child int, _, _ *string, _ *time.Time, first *int) int {
		return times(min(listBound(first), suggest.MaxMembers), child)
	}
	c.TerritoryStats.Isolated = fixed(coopgraph.MaxIsolated)
	c.TerritoryStats.ByCategory = fixed(coopgraph.MaxCounts)
	c.TerritoryStats.ByLegalStatus = fixed(coopgraph.MaxCounts)
	c.TerritoryStats.GroupingsByKind = fixed(coopgraph.MaxCounts)
	c.Convention.Domains = fixed(len(schema.ConventionDomains))
	c.AuditEvent.Territories = firstCost
	priceRecordLists(&c)
	return c
}

// boundedByParent are the lists whose length the field above them
// bounds, and prices: a connection's edges by its page, a graph answer's
// nodes, edges and changes by its limit.
var boundedByParent = map[string]bool{
	"CooperationGraph.nodes":  true,
	"CooperationGraph.edges":  true,
	"Findings.findings":       true,
	"CooperationDiff.changes": true,
}

// priceRecordLists prices every plain list of records (the fields with
// asOf and first arguments) by its bound. Reflection, so that an edge
// added to the schema is priced without anyone remembering to.
func priceRecordLists(root *generated.ComplexityRoot) {
	dated, undated := reflect.TypeOf(listCost), reflect.TypeOf(firstCost)
	types := reflect.ValueOf(root).Elem()
	for i := range types.NumField() {
		fields := types.Field(i)
		if fields.Kind() != reflect.Struct {
			continue
		}
		for j := range fields.NumField() {
			switch f := fields.Field(j); {
			case f.Type() == dated && f.IsNil():
				f.Set(reflect.ValueOf(listCost))
			case f.Type() == undated && f.IsNil() && strings.HasPrefix(fields.Type().Field(j).Name, "Sources"):
				f.Set(reflect.ValueOf(firstCost)) // a record's sources
			}
		}
	}
}

// firstCost prices a plain list with a first argument only.
func firstCost(child int, first *int) int { return times(listBound(first), child) }

// Truncation is a plain list cut at its bound: where, how many records
// it held and how many it returned.
type Truncation struct {
	Path     ast.Path `json:"path"`
	Total    int      `json:"total"`
	Returned int      `json:"returned"`
}

// MaxTruncationNotes bounds the notes one response carries; past it, the
// count alone grows.
const MaxTruncationNotes = 100

type truncations struct {
	mu    sync.Mutex
	notes []Truncation
	count int
}

type truncationsKey struct{}

func noteTruncated(ctx context.Context, total, returned int) {
	t, ok := ctx.Value(truncationsKey{}).(*truncations)
	if !ok {
		return
	}
	var path ast.Path
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		path = fc.Path()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.count++
	if len(t.notes) < MaxTruncationNotes {
		t.notes = append(t.notes, Truncation{Path: path, Total: total, Returned: returned})
	}
}

// TruncationReport is the handler extension that lists, in a response's
// `extensions.truncated`, the plain lists cut at their bound.
type TruncationReport struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = TruncationReport{}

// ExtensionName names the extension.
func (TruncationReport) ExtensionName() string { return "TruncationReport" }

// Validate accepts any schema.
func (TruncationReport) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse collects the truncations of one response.
func (TruncationReport) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	t := &truncations{}
	resp := next(context.WithValue(ctx, truncationsKey{}, t))
	t.mu.Lock()
	defer t.mu.Unlock()
	if resp != nil && t.count > 0 {
		if resp.Extensions == nil {
			resp.Extensions = map[string]any{}
		}
		resp.Extensions["truncated"] = t.notes
		if t.count > len(t.notes) {
			resp.Extensions["truncatedCount"] = t.count
		}
	}
	return resp
}

// Cost prices an operation, variables resolved: one per field, lists
// multiplied by their bounds (complexity()). Unlike gqlgen's calculation,
// which adds up every fragment of an interface field whatever its type
// condition, a field of an interface (node, search hits) costs what its
// most expensive concrete type costs, since a value has one type: the
// app's "node and a fragment per type" is priced as what it can do.
func Cost(ctx context.Context, es graphql.ExecutableSchema, op *ast.OperationDefinition, vars map[string]any) int {
	schema := es.Schema()
	root := schema.Query
	switch op.Operation {
	case ast.Mutation:
		root = schema.Mutation
	case ast.Subscription:
		root = schema.Subscription
	}
	return (&pricer{ctx: ctx, es: es, schema: schema, vars: vars}).selection(op.SelectionSet, root)
}

type pricer struct {
	ctx    context.Context
	es     graphql.ExecutableSchema
	schema *ast.Schema
	vars   map[string]any
}

// selection prices set on a value of object type t.
func (p *pricer) selection(set ast.SelectionSet, t *ast.Definition) int {
	if t == nil {
		return 0
	}
	total := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			total = sum(total, p.field(s, t))
		case *ast.InlineFragment:
			if p.applies(s.TypeCondition, t) {
				total = sum(total, p.selection(s.SelectionSet, t))
			}
		case *ast.FragmentSpread:
			if s.Definition != nil && p.applies(s.Definition.TypeCondition, t) {
				total = sum(total, p.selection(s.Definition.SelectionSet, t))
			}
		}
	}
	return total
}

func (p *pricer) field(f *ast.Field, t *ast.Definition) int {
	if f.Name == "__schema" {
		return 0 // introspection: bounded by the schema, priced by gqlgen as nothing too
	}
	def := t.Fields.ForName(f.Name)
	if def == nil {
		return 1 // __typename
	}
	child := 0
	if target := p.schema.Types[def.Type.Name()]; target != nil {
		switch target.Kind {
		case ast.Object:
			child = p.selection(f.SelectionSet, target)
		case ast.Interface, ast.Union:
			for _, concrete := range p.schema.GetPossibleTypes(target) {
				child = max(child, p.selection(f.SelectionSet, concrete))
			}
		}
	}
	if c, ok := p.es.Complexity(p.ctx, t.Name, f.Name, child, f.ArgumentMap(p.vars)); ok && c >= 1 {
		return c
	}
	return sum(child, 1)
}

// applies reports whether a fragment on condition applies to a value of
// object type t.
func (p *pricer) applies(condition string, t *ast.Definition) bool {
	if condition == "" || condition == t.Name || slices.Contains(t.Interfaces, condition) {
		return true
	}
	if u := p.schema.Types[condition]; u != nil && u.Kind == ast.Union {
		return slices.Contains(u.Types, t.Name)
	}
	return false
}

// sum adds costs, saturating.
func sum(a, b int) int { return min(a+b, math.MaxInt32) }
