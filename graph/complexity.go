package graph

import (
	"reflect"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/graph/generated"
	"github.com/maillage/maillage/graph/model"
	"github.com/maillage/maillage/internal/coopgraph"
)

// DefaultPageSize is the page a connection returns when the request
// gives neither first nor last: never the whole register.
const DefaultPageSize = 100

// pageSize applies DefaultPageSize to a top-level connection.
func pageSize(first, last *int) *int {
	if first == nil && last == nil {
		n := DefaultPageSize
		return &n
	}
	return first
}

// pageCost makes a connection cost what its page may hold: the cost of
// one element times the page size asked for.
func pageCost[Order, Where any](child int, _ *entgql.Cursor[int], first *int, _ *entgql.Cursor[int], last *int, _ Order, _ Where) int {
	n := DefaultPageSize
	switch {
	case first != nil:
		n = *first
	case last != nil:
		n = *last
	}
	return max(n, 1) * (child + 1)
}

// graphCost prices a cooperation graph by the nodes it may hold: its
// nodes and edges are flat, so their fields add, not multiply.
func graphCost(child int, f *model.CooperationGraphFilter) int {
	limit := coopgraph.DefaultLimit
	if f != nil && f.Limit != nil {
		limit = *f.Limit
	}
	return child + max(limit, 1)
}

// ListEstimate is what a plain list field (a record's edges, filtered by
// asOf, never paged) is priced at, per element: most hold a few records,
// some hundreds (the sites of a university hospital), so that a chain
// of lists multiplies and a deep one is refused before it runs.
const ListEstimate = 5

func listCost(child int, _ *time.Time) int { return ListEstimate * (child + 1) }

// priceLists prices every list field of root that has no function yet.
// Reflection, so that an edge added to the schema is priced without
// anyone remembering to.
func priceLists(root *generated.ComplexityRoot) {
	want := reflect.TypeOf(listCost)
	types := reflect.ValueOf(root).Elem()
	for i := range types.NumField() {
		fields := types.Field(i)
		if fields.Kind() != reflect.Struct {
			continue
		}
		for j := range fields.NumField() {
			if f := fields.Field(j); f.Type() == want && f.IsNil() {
				f.Set(reflect.ValueOf(listCost))
			}
		}
	}
}

// complexity prices every connection of the schema by its page size and
// every plain list by ListEstimate.
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
	c.Query.CooperationGraph = func(child int, f model.CooperationGraphFilter) int { return graphCost(child, &f) }
	c.Query.Neighborhood = func(child int, _ int, _ *int, f *model.CooperationGraphFilter) int { return graphCost(child, f) }
	c.Query.Search = func(child int, _ string, first *int, _ []string) int {
		n := coopgraph.DefaultHits
		if first != nil {
			n = *first
		}
		return max(n, 1) * (child + 1)
	}
	c.Query.CooperationChecks = func(child int, f *model.CooperationGraphFilter, _ []string) int { return graphCost(child, f) }
	c.Query.CooperationPath = func(child int, _, _ int, f *model.CooperationGraphFilter) int { return child + 1 }
	priceLists(&c)
	return c
}
