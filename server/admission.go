package server

import (
	"net/http"
	"runtime"
	"time"

	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/apperr"
)

// admission bounds how many requests without a token are worked on at
// once, so that a crowd of anonymous callers (each within its own rate
// limit) cannot take every CPU from token holders (partners, editors)
// or make the server thrash: past the bound, requests wait their turn,
// and are answered 503 OVERLOADED if none comes within maxWait. Token
// holders are bounded by their own rate limits only.
type admission struct {
	slots   chan struct{}
	maxWait time.Duration
}

func newAdmission(concurrency int, maxWait time.Duration) *admission {
	if concurrency < 0 {
		return nil
	}
	if concurrency == 0 {
		concurrency = max(1, runtime.GOMAXPROCS(0)/2)
	}
	return &admission{slots: make(chan struct{}, concurrency), maxWait: maxWait}
}

// enter waits for a slot for r; ok is false when none came in time (the
// answer is then written).
func (a *admission) enter(w http.ResponseWriter, r *http.Request) (release func(), ok bool) {
	if a == nil || access.FromContext(r.Context()).TokenID != 0 {
		return func() {}, true
	}
	select {
	case a.slots <- struct{}{}:
		return func() { <-a.slots }, true
	default:
	}
	timer := time.NewTimer(a.maxWait)
	defer timer.Stop()
	select {
	case a.slots <- struct{}{}:
		return func() { <-a.slots }, true
	case <-timer.C:
	case <-r.Context().Done():
	}
	w.Header().Set("Retry-After", "1")
	writeError(w, r, http.StatusServiceUnavailable, apperr.CodeOverloaded, "the server is busy: retry in a second, or use an API token")
	return nil, false
}

// middleware admits requests outside GraphQL the same way.
func (a *admission) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		release, ok := a.enter(w, r)
		if !ok {
			return
		}
		defer release()
		next.ServeHTTP(w, r)
	})
}
