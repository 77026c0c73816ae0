// Package maillage is the root of the Maillage module. It holds no code:
// the binary is cmd/maillage. `go generate ./...` regenerates, in order,
// the ent client with the GraphQL schema it implies, then gqlgen's
// executor and resolver stubs.
package maillage

//go:generate go run -mod=mod ./ent/entc.go
//go:generate go run -mod=mod github.com/99designs/gqlgen generate --config gqlgen.yml
