package generated

// Written by hand: gqlgen writes generated.go only. graph/postgen, run by
// `go generate` after gqlgen, points generated.go's lists of objects at
// marshalList instead of graphql.MarshalSliceConcurrently.

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// inlineBudget is how long one element of a list may take to marshal for
// the rest of the list to be marshalled on the same goroutine. An element
// whose fields are all loaded (what ent's eager loading gives) takes a
// few microseconds; one whose resolver asks the database takes a round
// trip, at least a few hundred.
const inlineBudget = 200 * time.Microsecond

// marshalList marshals a list of objects as graphql.MarshalSliceConcurrently
// does (same arguments, same results, panics recovered the same way), but
// without a goroutine per element when the elements are cheap: it
// marshals them in order on the caller's goroutine while each takes
// less than inlineBudget, and hands what is left to
// graphql.MarshalSliceConcurrently once one takes longer (a resolver
// that waits on the database), so that lists whose elements wait still
// wait concurrently.
//
// A goroutine per element of a page of 100 records, each growing its
// stack through the marshalling code, cost more than the marshalling
// itself.
func marshalList(
	ctx context.Context,
	length int,
	workerLimit int64,
	omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	ret := make(graphql.Array, length)
	for i := 0; i < length; i++ {
		start := time.Now()
		ret[i] = marshalOne(ctx, i, omitPanicHandler, marshalElement)
		if rest := i + 1; rest < length && time.Since(start) > inlineBudget {
			tail := graphql.MarshalSliceConcurrently(ctx, length-rest, workerLimit, omitPanicHandler,
				func(ctx context.Context, j int) graphql.Marshaler {
					k := rest + j
					graphql.GetFieldContext(ctx).Index = &k
					return marshalElement(ctx, k)
				})
			copy(ret[rest:], tail)
			break
		}
	}
	return ret
}

// marshalOne marshals element i with its field context, as
// graphql.MarshalSliceConcurrently does: a panic is recovered as an error
// on the element's path and a null element, unless omitPanicHandler.
func marshalOne(ctx context.Context, i int, omitPanicHandler bool, marshalElement func(ctx context.Context, i int) graphql.Marshaler) (ret graphql.Marshaler) {
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
	if !omitPanicHandler {
		defer func() {
			if r := recover(); r != nil {
				graphql.AddError(ctx, graphql.Recover(ctx, r))
				ret = graphql.Null
			}
		}()
	}
	return marshalElement(ctx, i)
}
