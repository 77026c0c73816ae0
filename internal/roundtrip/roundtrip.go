// Package roundtrip counts the statements a request sends to its
// database, so that work waiting on the database can be told from work
// that does not (the executor marshals a list's elements on one
// goroutine until one of them sends a statement).
package roundtrip

import (
	"context"
	"sync/atomic"
)

// Counter is one request's count of statements. Fields resolve
// concurrently: it is atomic.
type Counter struct{ n atomic.Int64 }

type key struct{}

// With returns ctx carrying c.
func With(ctx context.Context, c *Counter) context.Context {
	return context.WithValue(ctx, key{}, c)
}

// From returns the counter of ctx, nil when it has none.
func From(ctx context.Context) *Counter {
	c, _ := ctx.Value(key{}).(*Counter)
	return c
}

// Add counts one statement sent with ctx, if ctx has a counter.
func Add(ctx context.Context) {
	if c := From(ctx); c != nil {
		c.n.Add(1)
	}
}

// Load returns how many statements were counted; 0 for a nil counter.
func (c *Counter) Load() int64 {
	if c == nil {
		return 0
	}
	return c.n.Load()
}
