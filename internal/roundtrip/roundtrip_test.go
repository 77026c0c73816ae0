package roundtrip

import (
	"context"
	"sync"
	"testing"
)

func TestCounter(t *testing.T) {
	cases := []struct {
		name  string
		ctx   func() (context.Context, *Counter)
		adds  int
		wants int64
	}{
		{"no counter: nothing counted, nothing fails", func() (context.Context, *Counter) { return context.Background(), nil }, 3, 0},
		{"a counter counts every statement, from any goroutine", func() (context.Context, *Counter) {
			c := new(Counter)
			return With(context.Background(), c), c
		}, 100, 100},
		{"a derived context counts on its parent's counter", func() (context.Context, *Counter) {
			c := new(Counter)
			ctx, cancel := context.WithCancel(With(context.Background(), c))
			t.Cleanup(cancel)
			return ctx, c
		}, 2, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, c := tc.ctx()
			var wg sync.WaitGroup
			for range tc.adds {
				wg.Go(func() { Add(ctx) })
			}
			wg.Wait()
			if got := c.Load(); got != tc.wants {
				t.Errorf("counted %d, want %d", got, tc.wants)
			}
			if From(ctx) != c {
				t.Errorf("From: not the counter given")
			}
		})
	}
}
