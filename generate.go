// Package maillage is the root of the Maillage module. It holds no code:
// the binary is cmd/maillage. `go generate ./...` regenerates, in order,
// the ent client with the GraphQL schema it implies, then ent/postgen's
// change to its pagination (no count of every record for a page's
// pageInfo), then gqlgen's
// executor and resolver stubs, then graph/postgen's changes to that
// executor (lists, objects and plain fields answered without gqlgen's
// per-element and per-field machinery).
package maillage

//go:generate go run -mod=mod ./ent/entc.go
//go:generate go run ./ent/postgen
//go:generate go run -mod=mod github.com/99designs/gqlgen generate --config gqlgen.yml
//go:generate go run ./graph/postgen
