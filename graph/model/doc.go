// Package model holds the GraphQL types that are not ent entities;
// gqlgen writes them to models_gen.go when the schema declares some.
package model
