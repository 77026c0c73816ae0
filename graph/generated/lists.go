package generated

// Written by hand: gqlgen writes generated.go only. graph/postgen, run by
// `go generate` after gqlgen, points generated.go's lists of objects at
// marshalList instead of graphql.MarshalSliceConcurrently.

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/maillage/maillage/internal/roundtrip"
)

// marshalList marshals a list of objects as graphql.MarshalSliceConcurrently
// does (same arguments, same results, panics recovered the same way), but
// without a goroutine per element when the elements do not wait on the
// database: it marshals them in order on the caller's goroutine until
// one sends a statement (counted by internal/roundtrip in the request's
// context), and hands what is left to graphql.MarshalSliceConcurrently
// then, so that lists whose elements wait still wait concurrently. With
// no counter in the context, every element is marshalled in order. The
// counter is the request's: a statement sent meanwhile by a sibling field
// resolving on another goroutine also sends the rest concurrently, which
// costs goroutines, never correctness.
//
// A goroutine per element of a page of 100 records, each growing its
// stack through the marshalling code, cost more than the marshalling
// itself. The signal is the statement, not the time an element took: on
// a busy machine an element that waits on nothing may still be
// descheduled for longer than a round trip (this was a time budget of
// 200 µs, and under load a page of 100 sites fell back to goroutines).
func marshalList(
	ctx context.Context,
	length int,
	workerLimit int64,
	omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	ret := make(graphql.Array, length)
	trips := roundtrip.From(ctx)
	for i := 0; i < length; i++ {
		sent := trips.Load()
		ret[i] = marshalOne(ctx, i, omitPanicHandler, marshalElement)
		if rest := i + 1; rest < length && trips.Load() != sent {
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
