package server

import (
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// Config is what an operator may tune; DefaultConfig gives the values a
// public deployment starts with. cmd/maillage fills it from flags and
// MAILLAGE_* variables (see Flags).
type Config struct {
	// CORSOrigins are the origins a browser may call the API from
	// ("https://example.org", or "*" for any); empty allows none but the
	// app's own (same origin).
	CORSOrigins []string

	// Rate limits, in requests per second with a burst: callers without a
	// token per address, token holders per token. Requests that carry a
	// token are also counted per address at the token rate, so that a
	// flood of bad tokens is bounded too. A rate of 0 disables the limit.
	AnonymousRate  float64
	AnonymousBurst int
	TokenRate      float64
	TokenBurst     int
	// AnonymousConcurrency bounds the requests without a token worked
	// on at once (0: half the CPUs, at least one; -1: no bound); others
	// wait up to AnonymousWait, then are answered 503 OVERLOADED.
	AnonymousConcurrency int
	AnonymousWait        time.Duration
	// TrustProxy takes the client's address from X-Forwarded-For (its
	// last hop) when the server runs behind a reverse proxy.
	TrustProxy bool

	// QueryTimeout bounds one GraphQL request, database work included:
	// the statements it runs are cancelled with it.
	QueryTimeout time.Duration
	// HTTP server timeouts: slow headers, slow bodies, slow readers.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration

	// ResponseCacheBytes is the budget of the response cache (the memory
	// it may hold, as respcache.Cost counts it), which
	// answers a read of open data asked again before the data changed
	// without running it (0: no cache).
	ResponseCacheBytes int

	// Introspection and GraphiQL, on for a public exploration API.
	Introspection bool
	GraphiQL      bool

	// Limits of one GraphQL request.
	Limits Limits

	// RequestMemory is the memory the answers being built may take at
	// once: each request is admitted at RequestBaseWeight + its cost ×
	// BytesPerCost, and waits (then is refused 503 OVERLOADED) while
	// others hold the rest. The GeoJSON layers are admitted against the
	// same budget. 0: no admission by weight.
	RequestMemory int64

	// What only options of this package set: a Config made elsewhere
	// cannot carry it, and WithConfig keeps it.
	settings
}

// settings are the unexported part of a Config (test hooks, the
// warm-up, the last sync). Every unexported setting belongs here, so
// that WithConfig keeps it (TestUnexportedSettingsAreKept).
type settings struct {
	// fieldMiddleware is a test hook run around every resolver
	// (export_test.go).
	fieldMiddleware graphql.FieldMiddleware
	// fieldsObserver is a test hook told how many fields each GraphQL
	// request resolved, as its budget counted them.
	fieldsObserver func(fields int64)
	// skipWarm leaves the graph index to the first graph request (tests
	// that build many handlers).
	skipWarm bool
	// gqlgenPOST answers POST with gqlgen's own transport, which tests
	// compare postJSON with.
	gqlgenPOST bool
	// lastSync says when the registers were last synced (nil: this
	// server does not sync).
	lastSync func() *time.Time
}

// Limits bound what one GraphQL request may ask for.
type Limits struct {
	MaxBodyBytes  int64 // a POST body: the document plus variables
	MaxTokens     int   // parser tokens in the document
	MaxDepth      int   // nesting of selections
	MaxAliases    int   // aliased fields, fragments expanded
	MaxFields     int   // fields once fragments are expanded
	MaxPage       int   // first or last of any connection or list
	MaxComplexity int   // an upper bound on the fields a request resolves: lists priced by their bounds (graph/bounds.go)
	MaxJSONDepth  int   // nesting of variables, extensions and input values
	// MaxResponseBytes bounds one answer at run time (RESPONSE_TOO_LARGE);
	// 0: no bound. MaxComplexity also bounds the fields an answer resolves
	// at run time.
	MaxResponseBytes int64
	QueryCache       int // parsed documents kept
	APQCache         int // automatic persisted queries kept (by hash)
	MaxOperations    int // distinct operation names labelled in metrics; the rest are "other"
}

// DefaultLimits are generous for every query the app and GraphiQL send
// (introspection included) and refuse what no client needs.
var DefaultLimits = Limits{
	MaxBodyBytes:     256 << 10,
	MaxTokens:        10000,
	MaxDepth:         15,
	MaxAliases:       100,
	MaxFields:        5000,
	MaxPage:          1000,
	MaxComplexity:    250000,
	MaxJSONDepth:     32,
	MaxResponseBytes: 16 << 20,
	QueryCache:       1000,
	APQCache:         1000,
	MaxOperations:    200,
}

// DefaultConfig is the configuration without flags or environment.
func DefaultConfig() Config {
	return Config{
		// Room for the answer to a lookup of every site of the national
		// register (95,333, ~600 bytes each as respcache.Cost counts them).
		ResponseCacheBytes: 64 << 20,
		RequestMemory:      512 << 20,
		AnonymousRate:      20,
		AnonymousBurst:     40,
		TokenRate:          100,
		TokenBurst:         200,
		AnonymousWait:      10 * time.Second,
		QueryTimeout:       15 * time.Second,
		ReadHeaderTimeout:  10 * time.Second,
		ReadTimeout:        30 * time.Second,
		WriteTimeout:       60 * time.Second,
		IdleTimeout:        120 * time.Second,
		Introspection:      true,
		GraphiQL:           true,
		Limits:             DefaultLimits,
	}
}

// Option changes the configuration New and HTTPServer start from.
type Option func(*Config)

// WithConfig sets every setting from c.
//
// What other options set that a Config made outside this package cannot
// carry (the test hooks, skipping the warm-up, the last sync) is kept,
// in whatever order the options come: WithoutWarmUp before WithConfig
// used to be undone by it, and the warm-up then ran beside the test.
func WithConfig(c Config) Option {
	return func(dst *Config) {
		c.settings = dst.settings
		*dst = c
	}
}

// WithLastSync tells the server when the registers were last synced,
// for the registers query (the app's "synchronisé il y a 3 h").
func WithLastSync(lastSync func() *time.Time) Option {
	return func(c *Config) { c.lastSync = lastSync }
}

// WithoutRateLimits turns the rate limits off (tests and benchmarks that
// send many requests from one address).
func WithoutRateLimits() Option {
	return func(c *Config) { c.AnonymousRate, c.TokenRate = 0, 0 }
}

func configure(opts []Option) Config {
	c := DefaultConfig()
	for _, o := range opts {
		o(&c)
	}
	return c
}
