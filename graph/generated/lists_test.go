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
)

// str is what m writes.
func str(m graphql.Marshaler) string {
	var b bytes.Buffer
	m.MarshalGQL(&b)
	return b.String()
}

func listContext() context.Context {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	return graphql.WithFieldContext(ctx, &graphql.FieldContext{})
}

// Cheap elements are marshalled in order, one at a time, each with its
// index in its field context.
func TestMarshalListCheapElementsInOrder(t *testing.T) {
	var running, most atomic.Int32
	var order []int
	ret := marshalList(listContext(), 50, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		n := running.Add(1)
		defer running.Add(-1)
		if n > most.Load() {
			most.Store(n)
		}
		if got := *graphql.GetFieldContext(ctx).Index; got != i {
			t.Errorf("element %d has index %d in its field context", i, got)
		}
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
}

// Once an element waits longer than inlineBudget, the rest wait
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
			time.Sleep(2 * inlineBudget)
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
