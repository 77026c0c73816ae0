package graph

import (
	"github.com/maillage/maillage/graph/model"
	"github.com/maillage/maillage/internal/coopgraph"
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
	return out
}

// depthOf is the neighbourhood depth asked for, 1 when omitted.
func depthOf(depth *int) int {
	if depth == nil {
		return 1
	}
	return *depth
}
