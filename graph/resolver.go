// Package graph holds the GraphQL schema (*.graphqls) and its resolvers,
// each one expression over the ent client or a domain package.
package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/graph/generated"
	"github.com/maillage/maillage/internal/coopgraph"
)

// Resolver is the root resolver; it holds what resolvers need.
type Resolver struct {
	client *ent.Client
	graphs *coopgraph.Store
}

// NewSchema returns the executable GraphQL schema over client, graph
// queries answered from graphs.
func NewSchema(client *ent.Client, graphs *coopgraph.Store) graphql.ExecutableSchema {
	return generated.NewExecutableSchema(generated.Config{
		Resolvers:  &Resolver{client: client, graphs: graphs},
		Complexity: complexity(),
	})
}
