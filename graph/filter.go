package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/territory"
	"github.com/maillage/maillage/graph/model"
	"github.com/maillage/maillage/internal/coopgraph"
	"github.com/maillage/maillage/internal/period"
	"github.com/maillage/maillage/internal/suggest"
)

// filterOf turns the GraphQL filter into the graph package's.
func filterOf(f *model.CooperationGraphFilter) coopgraph.Filter {
	if f == nil {
		return coopgraph.Filter{}
	}
	out := coopgraph.Filter{AsOf: f.AsOf, Territories: f.Territories}
	if f.Level != nil {
		out.Level = coopgraph.Kind(*f.Level)
	}
	if f.Limit != nil {
		out.Limit = *f.Limit
	}
	for _, k := range f.Kinds {
		out.Kinds = append(out.Kinds, coopgraph.Kind(k))
	}
	if f.Projection != nil {
		out.Projection = coopgraph.Projection(*f.Projection)
	}
	out.GroupingKinds = enumNames(f.GroupingKinds)
	out.ConventionKinds = enumNames(f.ConventionKinds)
	out.Specialties = enumNames(f.Specialties)
	out.Categories = f.Categories
	out.WithMemberless = f.WithMemberless != nil && *f.WithMemberless
	return out
}

// depthOf is the neighbourhood depth asked for, 1 when omitted.
func depthOf(depth *int) int {
	if depth == nil {
		return 1
	}
	return *depth
}

// enumNames turns a list of enum values into their names.
func enumNames[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// territoryFilter is the filter of one territory, KIND:CODE when the
// kind is given.
func territoryFilter(code string, kind *territory.Kind, asOf *time.Time) coopgraph.Filter {
	key := code
	if kind != nil {
		key = string(*kind) + ":" + code
	}
	return coopgraph.Filter{Territories: []string{key}, AsOf: asOf}
}

// nodeLoader returns the loader of search hits' records when the request
// selects SearchHit.node, and nil otherwise: a search box asks for labels
// only and should not wait for the database.
func nodeLoader(ctx context.Context, client *ent.Client) func(context.Context, []int, ...ent.NodeOption) ([]ent.Noder, error) {
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{"SearchHit"}) {
		if f.Name == "node" {
			return client.Noders
		}
	}
	return nil
}

// whereOf is the place a request for suggestions names.
func whereOf(region, department *string) suggest.Where {
	var w suggest.Where
	if region != nil {
		w.Region = *region
	}
	if department != nil {
		w.Department = *department
	}
	return w
}

// dayOf is the day asOf names, today when it names none.
func dayOf(asOf *time.Time) time.Time {
	if asOf == nil {
		return period.Day(time.Now())
	}
	return period.Day(*asOf)
}
