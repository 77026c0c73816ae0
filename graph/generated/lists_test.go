package generated

import (
	"bytes"
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/maillage/maillage/internal/roundtrip"
)

// str is what m writes.
func str(m graphql.Marshaler) string {
	var b bytes.Buffer
	m.MarshalGQL(&b)
	return b.String()
}

// listContext is a request's context, with its statement counter.
func listContext() context.Context {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	ctx = roundtrip.With(ctx, new(roundtrip.Counter))
	return graphql.WithFieldContext(ctx, &graphql.FieldContext{})
}

// Elements that send no statement are marshalled in order, one at a
// time, each with its index in its field context, however long they
// take; so are all elements when the context counts no statements.
func TestMarshalListInOrder(t *testing.T) {
	cases := []struct {
		name    string
		ctx     context.Context
		element func(ctx context.Context, i int)
	}{
		{"cheap elements", listContext(), func(context.Context, int) {}},
		{"a slow element that sends no statement", listContext(), func(_ context.Context, i int) {
			if i == 0 {
				time.Sleep(time.Millisecond) // longer than a round trip here
			}
		}},
		{"no counter in the context", graphql.WithFieldContext(
			graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover),
			&graphql.FieldContext{}), func(ctx context.Context, i int) {
			if i == 0 {
				roundtrip.Add(ctx)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var running, most atomic.Int32
			var order []int
			ret := marshalList(tc.ctx, 50, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
				n := running.Add(1)
				defer running.Add(-1)
				if n > most.Load() {
					most.Store(n)
				}
				if got := *graphql.GetFieldContext(ctx).Index; got != i {
					t.Errorf("element %d has index %d in its field context", i, got)
				}
				tc.element(ctx, i)
				order = append(order, i) // no lock: one goroutine, which the race detector checks
				return graphql.MarshalInt(i)
			})
			if most.Load() != 1 {
				t.Errorf("%d elements marshalled at once, want 1", most.Load())
			}
			for i, v := range ret {
				if order[i] != i || str(v) != strconv.Itoa(i) {
					t.Fatalf("element %d: order %v, value %v", i, order, v)
				}
			}
		})
	}
}

// Once an element sends a statement, the rest are marshalled
// concurrently: here they can only finish if all are running at once.
func TestMarshalListWaitingElementsConcurrently(t *testing.T) {
	const n = 20
	var all sync.WaitGroup
	all.Add(n - 1)
	ret := marshalList(listContext(), n, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if got := *graphql.GetFieldContext(ctx).Index; got != i {
			t.Errorf("element %d has index %d in its field context", i, got)
		}
		if i == 0 {
			roundtrip.Add(ctx) // a statement, as the store counts it
			return graphql.MarshalInt(i)
		}
		all.Done()
		done := make(chan struct{})
		go func() { all.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Errorf("element %d: the other elements did not run concurrently", i)
		}
		return graphql.MarshalInt(i)
	})
	for i, v := range ret {
		if str(v) != strconv.Itoa(i) {
			t.Fatalf("element %d: %v", i, v)
		}
	}
}

// A panicking element is null with an error, as with
// graphql.MarshalSliceConcurrently; the others are kept.
func TestMarshalListRecoversPanics(t *testing.T) {
	ctx := listContext()
	ret := marshalList(ctx, 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if i == 1 {
			panic("boom")
		}
		return graphql.MarshalInt(i)
	})
	if got := str(ret); got != "[0,null,2]" {
		t.Errorf("got %s", got)
	}
	if errs := graphql.GetErrors(ctx); len(errs) != 1 {
		t.Errorf("got errors %v, want one", errs)
	}
}
