// Package server is Maillage's HTTP surface: the GraphQL endpoint,
// GraphiQL, health and metrics, and the embedded app.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/klauspost/compress/gzhttp"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/maillage/maillage/graph"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/coopgraph"
	"github.com/maillage/maillage/internal/store"
	"github.com/maillage/maillage/internal/tokens"
	"github.com/maillage/maillage/server/spa"
)

// Limits of the GraphQL endpoint.
const (
	maxBodyBytes    = 1 << 20 // a query document plus variables
	maxComplexity   = 50000   // fields × page sizes a single request may ask for
	queryCacheSize  = 1000    // parsed documents kept
	persistedCache  = 1000    // APQ hashes kept
	readyzTimeout   = 2 * time.Second
	shutdownTimeout = 15 * time.Second
)

// New returns the HTTP handler for db.
func New(db *store.DB, logger *slog.Logger, reg *prometheus.Registry) http.Handler {
	graphs := coopgraph.NewStore(db.Primary, db.Version)
	go warm(graphs, logger)
	gql := handler.New(graph.NewSchema(db.Client, graphs))
	gql.AddTransport(transport.Options{})
	gql.AddTransport(transport.GET{})
	gql.AddTransport(transport.POST{})
	gql.SetQueryCache(lru.New[*ast.QueryDocument](queryCacheSize))
	gql.Use(extension.Introspection{})
	gql.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](persistedCache)})
	gql.Use(extension.FixedComplexityLimit(maxComplexity))
	gql.SetErrorPresenter(errorPresenter(logger))
	gql.SetRecoverFunc(recoverFunc(logger))

	metrics := newMetrics(reg)
	mux := http.NewServeMux()
	// The caller (anonymous, or the principal a bearer token names) is in
	// every GraphQL request's context.
	mux.Handle("/graphql", access.Middleware(tokens.NewAuthenticator(db.Primary), limitBody(maxBodyBytes, gql)))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), readyzTimeout)
		defer cancel()
		if err := db.Ping(ctx); err != nil {
			logger.WarnContext(ctx, "readyz: database unreachable", "err", err)
			http.Error(w, "database unreachable", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /api/boundaries/{file}", boundariesHandler(logger))
	mux.Handle("GET /api/sites.geojson", sitesHandler(graphs, logger))
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	mux.Handle("/", spa.Handler())
	return gzhttp.GzipHandler(metrics.observe(logger, mux))
}

// warm builds the graph index at start, so that the first visitor does
// not wait for it.
func warm(graphs *coopgraph.Store, logger *slog.Logger) {
	start := time.Now()
	g, err := graphs.Graph(context.Background())
	if err != nil {
		logger.Warn("graph index not built at start; the first graph request will retry", "err", err)
		return
	}
	logger.Info("graph index built", "nodes", g.Nodes(), "edges", g.Edges(), "duration", time.Since(start).Round(time.Millisecond))
}

// HTTPServer wraps h with the timeouts a public server needs.
func HTTPServer(addr string, h http.Handler, logger *slog.Logger) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
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
