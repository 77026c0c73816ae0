package generated

// Written by hand: gqlgen writes generated.go only. graph/postgen, run by
// `go generate` after gqlgen, points generated.go's objects at
// deferredGroup and objectWriter.

import (
	"context"
	"io"

	"github.com/99designs/gqlgen/graphql"
)

// deferredGroup is the deferred group of an object for an API that
// refuses @defer (server/limits.go): gqlgen's graphql.NewDeferredGroup
// computes the object's path and allocates a field set and a map for
// each object of every answer, for fields that can never be deferred.
// Were one deferred, gqlgen's ResolveConcurrently would find no field
// set here and panic, which the executor recovers as an internal error.
func deferredGroup(ctx context.Context) graphql.DeferredGroup {
	return graphql.DeferredGroup{Context: ctx}
}

// objectWriter writes an object's resolved fields in the order of its
// selection, the first of any two with the same alias only (fragments on
// two unrelated interfaces both select it). graphql.FieldSet writes the
// same JSON, allocating a map of the names written and an iterator
// holding a copy of each field; an object has a few fields, which are
// compared with those before them faster than a map is made.
type objectWriter struct {
	fields []graphql.CollectedField
	set    *graphql.FieldSet
}

var (
	openBrace  = []byte{'{'}
	closeBrace = []byte{'}'}
	comma      = []byte{','}
	quote      = []byte{'"'}
	quoteColon = []byte{'"', ':'}
)

// MarshalGQL writes {"alias":value,…}. Aliases are GraphQL names
// ([_A-Za-z][_0-9A-Za-z]*): nothing in them needs escaping.
func (o objectWriter) MarshalGQL(w io.Writer) {
	_, _ = w.Write(openBrace)
fields:
	for i := range o.fields {
		for j := range i {
			if o.fields[j].Alias == o.fields[i].Alias {
				continue fields
			}
		}
		if i > 0 {
			_, _ = w.Write(comma)
		}
		_, _ = w.Write(quote)
		_, _ = io.WriteString(w, o.fields[i].Alias)
		_, _ = w.Write(quoteColon)
		o.set.Values[i].MarshalGQL(w)
	}
	_, _ = w.Write(closeBrace)
}
