package server

import (
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/apperr"
)

// buckets holds one token bucket per key (an address or a token),
// forgetting those idle long enough to be full again.
type buckets struct {
	limit rate.Limit
	burst int

	mu        sync.Mutex
	m         map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newBuckets(perSecond float64, burst int) *buckets {
	if perSecond <= 0 {
		return nil
	}
	return &buckets{limit: rate.Limit(perSecond), burst: max(burst, 1), m: map[string]*bucket{}}
}

// allow takes a token from key's bucket; when there is none, it says how
// long to wait.
func (b *buckets) allow(key string, now time.Time) (bool, time.Duration) {
	if b == nil {
		return true, 0
	}
	b.mu.Lock()
	if now.Sub(b.lastSweep) > time.Minute {
		b.sweep(now)
	}
	e, ok := b.m[key]
	if !ok {
		e = &bucket{lim: rate.NewLimiter(b.limit, b.burst)}
		b.m[key] = e
	}
	e.seen = now
	b.mu.Unlock()
	r := e.lim.ReserveN(now, 1)
	if !r.OK() {
		return false, time.Second
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// sweep forgets buckets that have refilled: forgetting them changes
// nothing. Called with mu held.
func (b *buckets) sweep(now time.Time) {
	refill := time.Duration(float64(b.burst) / float64(b.limit) * float64(time.Second))
	for k, e := range b.m {
		if now.Sub(e.seen) > refill {
			delete(b.m, k)
		}
	}
	b.lastSweep = now
}

// rateLimits applies the configured limits to one handler.
type rateLimits struct {
	anonymous *buckets // per address, requests without a token
	authAddr  *buckets // per address, requests with a token (good or bad)
	token     *buckets // per valid token
	trust     bool
}

func newRateLimits(c Config) *rateLimits {
	return &rateLimits{
		anonymous: newBuckets(c.AnonymousRate, c.AnonymousBurst),
		authAddr:  newBuckets(c.TokenRate, c.TokenBurst),
		token:     newBuckets(c.TokenRate, c.TokenBurst),
		trust:     c.TrustProxy,
	}
}

// byAddress runs before authentication: requests without a token at the
// anonymous rate, those with one at the token rate, both per address.
func (l *rateLimits) byAddress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := l.anonymous
		if r.Header.Get("Authorization") != "" {
			b = l.authAddr
		}
		if ok, wait := b.allow(clientAddress(r, l.trust), time.Now()); !ok {
			tooMany(w, r, wait)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// byToken runs after authentication: each token at its own rate.
func (l *rateLimits) byToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := access.FromContext(r.Context()); p.TokenID != 0 {
			if ok, wait := l.token.allow("token:"+strconv.Itoa(p.TokenID), time.Now()); !ok {
				tooMany(w, r, wait)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// tarpit holds back answers to callers over their limit, so that a
// client that loops on its refusals cannot make the server answer
// thousands of them a second; its slots bound the goroutines held.
var tarpit = make(chan struct{}, 1024)

// tarpitDelay is the longest a refusal is held back.
const tarpitDelay = time.Second

func tooMany(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	select {
	case tarpit <- struct{}{}:
		timer := time.NewTimer(min(wait, tarpitDelay))
		select {
		case <-timer.C:
		case <-r.Context().Done():
			timer.Stop()
		}
		<-tarpit
		wait -= min(wait, tarpitDelay)
	default: // too many held: answer at once
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(max(wait.Seconds(), 1)))))
	writeError(w, r, http.StatusTooManyRequests, apperr.CodeRateLimited, "too many requests: retry after "+w.Header().Get("Retry-After")+" s")
}

// clientAddress is the caller's IP address: the connection's, or behind
// a trusted proxy the last X-Forwarded-For hop (the one the proxy added).
func clientAddress(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			hops := strings.Split(xff[len(xff)-1], ",")
			if ip := strings.TrimSpace(hops[len(hops)-1]); net.ParseIP(ip) != nil {
				return ipKey(ip)
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return ipKey(host)
}

// ipKey is host, except that an IPv6 client, which holds a whole /64,
// counts as that /64.
func ipKey(host string) string {
	// One IPv6 client holds a whole /64: count it as one.
	if ip := net.ParseIP(host); ip != nil && ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return host
}
