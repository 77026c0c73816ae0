// Package graph holds the GraphQL schema (*.graphqls) and its resolvers,
// each one expression over the ent client or a domain package.
package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/graph/generated"
)

// Resolver is the root resolver; it holds what resolvers need.
type Resolver struct {
	client *ent.Client
}

// NewSchema returns the executable GraphQL schema over client.
func NewSchema(client *ent.Client) graphql.ExecutableSchema {
	return generated.NewExecutableSchema(generated.Config{
		Resolvers:  &Resolver{client: client},
		Complexity: complexity(),
	})
}
