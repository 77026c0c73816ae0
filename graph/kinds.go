package graph

import (
	"context"
	"errors"

	"github.com/maillage/maillage/graph/model"
	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/internal/coopgraph"
)

// searchKinds are the kinds a search names, from the enum argument or
// its deprecated string form (kept so that partners' queries work).
func searchKinds(nodeKinds []model.NodeKind, kinds []string) ([]string, error) {
	if nodeKinds == nil {
		return kinds, nil
	}
	if kinds != nil {
		return nil, apperr.BadInput("kinds", errors.New("give nodeKinds or kinds (deprecated), not both"))
	}
	out := make([]string, len(nodeKinds))
	for i, k := range nodeKinds {
		out[i] = string(k)
	}
	return out, nil
}

// search runs a search narrowed to the kinds asked, either way.
func (r *queryResolver) search(ctx context.Context, text string, first *int, nodeKinds []model.NodeKind, kinds []string) ([]*coopgraph.Hit, error) {
	names, err := searchKinds(nodeKinds, kinds)
	if err != nil {
		return nil, err
	}
	return r.graphs.Search(ctx, text, first, names, nodeLoader(ctx, r.client))
}
