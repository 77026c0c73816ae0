// Package graph holds the GraphQL schema (*.graphqls) and its resolvers,
// each one expression over the ent client or a domain package.
package graph

import (
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/graph/generated"
	"github.com/maillage/maillage/internal/coopgraph"
)

// Resolver is the root resolver; it holds what resolvers need.
type Resolver struct {
	client   *ent.Client
	graphs   *coopgraph.Store
	lastSync func() *time.Time // nil: this server does not sync
}

// SchemaOption configures NewSchema.
type SchemaOption func(*Resolver)

// WithLastSync tells the schema when the registers were last synced.
func WithLastSync(lastSync func() *time.Time) SchemaOption {
	return func(r *Resolver) { r.lastSync = lastSync }
}

// NewSchema returns the executable GraphQL schema over client, graph
// queries answered from graphs.
func NewSchema(client *ent.Client, graphs *coopgraph.Store, opts ...SchemaOption) graphql.ExecutableSchema {
	r := &Resolver{client: client, graphs: graphs}
	for _, o := range opts {
		o(r)
	}
	return generated.NewExecutableSchema(generated.Config{
		Resolvers:  r,
		Complexity: complexity(),
	})
}
