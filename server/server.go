// Package server is Maillage's HTTP surface: the GraphQL endpoint,
// GraphiQL, health and metrics, and the embedded app.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/klauspost/compress/gzhttp"
	"github.com/klauspost/compress/gzip"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/maillage/maillage/graph"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/boundarytiles"
	"github.com/maillage/maillage/internal/coopgraph"
	"github.com/maillage/maillage/internal/imports"
	"github.com/maillage/maillage/internal/mapdata"
	"github.com/maillage/maillage/internal/respcache"
	"github.com/maillage/maillage/internal/sitetiles"
	"github.com/maillage/maillage/internal/store"
	"github.com/maillage/maillage/internal/tokens"
	"github.com/maillage/maillage/server/spa"
)

// Timeouts not worth configuring.
const (
	readyzTimeout   = 2 * time.Second
	shutdownTimeout = 15 * time.Second
)

// New returns the HTTP handler for db, configured by opts (DefaultConfig
// without).
func New(db *store.DB, logger *slog.Logger, reg *prometheus.Registry, opts ...Option) http.Handler {
	cfg := configure(opts)
	logger = WithRequestIDs(logger)
	graphs := coopgraph.NewStore(db.Primary, db.Version)
	tiles := newTileViews()
	boundaries := sync.OnceValues(boundarytiles.Load)
	if !cfg.skipWarm {
		go warm(graphs, tiles, boundaries, logger)
	}
	gql := handler.New(graph.NewSchema(db.Client, graphs, graph.WithLastSync(cfg.lastSync)))
	gql.AddTransport(transport.Options{})
	gql.AddTransport(transport.GET{})
	if cfg.gqlgenPOST {
		gql.AddTransport(transport.POST{})
	} else {
		gql.AddTransport(postJSON{})
	}
	gql.SetQueryCache(lru.New[*ast.QueryDocument](max(cfg.Limits.QueryCache, 1)))
	gql.SetParserTokenLimit(cfg.Limits.MaxTokens)
	if cfg.Introspection {
		gql.Use(extension.Introspection{})
	}
	gql.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](max(cfg.Limits.APQCache, 1))})
	gql.Use(&queryLimits{limits: cfg.Limits, introspection: cfg.Introspection})
	budget := newBudget(cfg)
	gql.Use(budget) // outermost: admitted by weight before anything runs
	gql.Use(graph.TruncationReport{})
	gql.AroundOperations(graph.BatchMembersKnown)
	gql.SetErrorPresenter(errorPresenter(logger, db.Ping))
	gql.SetRecoverFunc(recoverFunc(logger))
	if cfg.fieldMiddleware != nil {
		gql.AroundFields(cfg.fieldMiddleware)
	}

	metrics := newMetrics(reg, db.SQL, cfg.Limits.MaxOperations)
	reg.MustRegister(newDBCollector(db))
	limits := newRateLimits(cfg)
	// Outside in: CORS, the per-address rate limit, the caller
	// (anonymous, or the principal a bearer token names) in the context,
	// the per-token rate limit, then the body's size and shape, the
	// request's deadline, and the status the GraphQL layer may choose.
	adm := newAdmission(cfg.AnonymousConcurrency, cfg.AnonymousWait)
	authenticate := tokens.NewAuthenticator(db.Primary)
	// callers wraps every endpoint of the API, GraphQL or not, in the
	// same rules: CORS, the per-address rate limit, the caller in the
	// context, the per-token rate limit.
	callers := func(h http.Handler) http.Handler {
		return withCORS(cfg.CORSOrigins, limits.byAddress(access.Middleware(authenticate, limits.byToken(h))))
	}
	var api http.Handler = withStatus(gql)
	api = withResponseCache(respcache.New(cfg.ResponseCacheBytes), dataVersion(db), metrics.responseCache, api)
	api = withTimeout(cfg.QueryTimeout, api)
	api = guard(cfg.Limits.MaxJSONDepth, adm, api)
	api = limitBody(cfg.Limits.MaxBodyBytes, api)
	api = callers(api)
	// The map's layers: the same callers' rules, the same admission of
	// requests without a token, their memory admitted against the same
	// budget as GraphQL answers, and the same deadline.
	layer := func(h http.Handler) http.Handler {
		return callers(adm.middleware(withTimeout(cfg.QueryTimeout, h)))
	}

	mux := http.NewServeMux()
	mux.Handle("/graphql", api)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), readyzTimeout)
		defer cancel()
		// Ready means writable: during a failover, until a standby is
		// promoted, this server answers reads from memory but takes no
		// writes.
		if err := db.Ready(ctx); err != nil {
			logger.WarnContext(ctx, "readyz: database unreachable or read-only", "err", err)
			http.Error(w, "database unreachable or read-only", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /api/boundaries/{file}", layer(boundariesHandler(budget, logger)))
	mux.Handle("GET /api/boundaries/bounds.json", layer(boundaryBoundsHandler(boundaries, logger)))
	mux.Handle("GET /tiles/boundaries/{z}/{x}/{y}", layer(boundaryTilesHandler(boundaries, budget, logger)))
	mux.Handle("GET /api/sites.geojson", layer(sitesHandler(graphs, budget, logger)))
	mux.Handle("GET /tiles/sites/{z}/{x}/{y}", layer(sitesTileHandler(graphs, tiles, budget, logger)))
	startImport, listImports, oneImport := importsHandlers(imports.New(db.Primary, ""))
	mux.Handle("POST /api/imports", callers(startImport))
	mux.Handle("GET /api/imports", callers(listImports))
	mux.Handle("GET /api/imports/{id}", callers(oneImport))
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	if !cfg.GraphiQL {
		mux.Handle("/graphiql", http.NotFoundHandler())
		mux.Handle("/graphiql/", http.NotFoundHandler())
	}
	mux.Handle("/", spa.Handler())
	return compressed(metrics.observe(logger, mux))
}

// compressed gzips answers of 1 kB and more for clients that accept it,
// at the fastest level, as nginx does by default: a page of 100 sites
// (13.6 kB of JSON) compresses to 2,760 bytes in 37 µs at level 1, to
// 2,536 bytes in 59 µs at the default level 5 (whose encoder, cold
// under load, was 11% of that page's server CPU). Map layers arrive
// compressed already and pass as they are.
var compressed = func() func(http.Handler) http.HandlerFunc {
	wrap, err := gzhttp.NewWrapper(gzhttp.CompressionLevel(gzip.BestSpeed))
	if err != nil {
		panic(err) // the options above are constant: only a programming error lands here
	}
	return wrap
}()

// withCORS lets browsers on origins call the API; without origins,
// only the app's own origin may.
func withCORS(origins []string, next http.Handler) http.Handler {
	if len(origins) == 0 {
		return next
	}
	return cors.New(cors.Options{
		AllowedOrigins: origins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost},
		AllowedHeaders: []string{"Content-Type", "Authorization", requestIDHeader},
		ExposedHeaders: []string{requestIDHeader, "Retry-After"},
		MaxAge:         600,
	}).Handler(next)
}

// warmBoundaryZoom is the deepest zoom of the boundary tiles built at
// start: the national view's, and a région's.
const warmBoundaryZoom = 7

// warm builds at start what the map's first view needs — the boundary
// tiles, the graph index, the index of the sites with today's
// national view — so that the first visitor does not wait for them.
func warm(graphs *coopgraph.Store, tiles *tileViews, boundaries func() (*boundarytiles.Tiles, error), logger *slog.Logger) {
	start := time.Now()
	if b, err := boundaries(); err != nil {
		logger.Warn("boundary tiles not built at start", "err", err)
	} else if n, err := b.Warm(warmBoundaryZoom); err != nil {
		logger.Warn("boundary tiles not built at start", "err", err)
	} else {
		logger.Info("boundary tiles built", "tiles", n, "upToZoom", warmBoundaryZoom, "duration", time.Since(start).Round(time.Millisecond))
	}
	start = time.Now()
	g, err := graphs.Graph(context.Background())
	if err != nil {
		logger.Warn("graph index not built at start; the first graph request will retry", "err", err)
		return
	}
	logger.Info("graph index built", "nodes", g.Nodes(), "edges", g.Edges(), "duration", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	today, _ := mapdata.Day("", time.Now()) // what a request without asOf asks for
	tiles.build(g, viewKey(today, sitetiles.Territory{}), today, sitetiles.Territory{})
	logger.Info("sites tiles index built", "duration", time.Since(start).Round(time.Millisecond))
}

// HTTPServer wraps h with the timeouts a public server needs: slow
// headers, slow bodies and idle connections are cut.
func HTTPServer(addr string, h http.Handler, logger *slog.Logger, opts ...Option) *http.Server {
	cfg := configure(opts)
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// Serve runs srv until ctx is cancelled, then shuts it down gracefully,
// letting requests in flight finish.
func Serve(ctx context.Context, srv *http.Server, logger *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", shutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}
