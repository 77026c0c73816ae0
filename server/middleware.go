package server

import (
	"database/sql"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/maillage/maillage/internal/apperr"
)

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wroteHeader {
		r.status, r.wroteHeader = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wroteHeader = true
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// metrics are the server's Prometheus collectors.
type metrics struct {
	requests   *prometheus.HistogramVec
	operations *prometheus.HistogramVec
	complexity *prometheus.HistogramVec
	errors     *prometheus.CounterVec
	// responseCache counts reads looked up in the response cache, by
	// result (hit, miss).
	responseCache *prometheus.CounterVec
	names         *operationNames
}

func newMetrics(reg *prometheus.Registry, db *sql.DB, maxOperations int) *metrics {
	m := &metrics{
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "maillage_http_request_duration_seconds",
			Help:    "Duration of HTTP requests by route and status.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route", "status"}),
		operations: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "maillage_graphql_request_duration_seconds",
			Help:    "Duration of GraphQL requests by operation name (anonymous, other beyond the first names seen, unparsed when refused before parsing, cached when answered from the response cache).",
			Buckets: prometheus.DefBuckets,
		}, []string{"operation"}),
		complexity: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "maillage_graphql_complexity",
			Help:    "Cost of GraphQL operations (fields × page sizes) by operation name.",
			Buckets: prometheus.ExponentialBuckets(1, 4, 10), // 1 … 262144
		}, []string{"operation"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "maillage_errors_total",
			Help: "Errors answered, by extensions.code.",
		}, []string{"code"}),
		responseCache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "maillage_response_cache_lookups_total",
			Help: "Reads of open data looked up in the response cache, by result (hit, miss).",
		}, []string{"result"}),
		names: &operationNames{max: maxOperations, seen: map[string]bool{}},
	}
	reg.MustRegister(m.requests, m.operations, m.complexity, m.errors, m.responseCache,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if db != nil {
		reg.MustRegister(collectors.NewDBStatsCollector(db, "maillage"))
	}
	return m
}

// operationNames bounds the operation label: the first max names seen
// are kept, later ones are "other".
type operationNames struct {
	mu   sync.Mutex
	max  int
	seen map[string]bool
}

var operationName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]{0,63}$`)

func (o *operationNames) label(name string, parsed bool) string {
	switch {
	case !parsed:
		return "unparsed"
	case name == "":
		return "anonymous"
	case !operationName.MatchString(name):
		return "other"
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.seen[name] {
		return name
	}
	if len(o.seen) < o.max {
		o.seen[name] = true
		return name
	}
	return "other"
}

var codeLabel = regexp.MustCompile(`^[A-Z_]{1,40}$`)

// observe gives each request its ID and state, logs one structured line
// per request (with the request's ID, like every line logged with its
// context) and records its duration under its route pattern, never the
// raw path, so that metric labels stay bounded; GraphQL requests also
// by operation, with their cost and error codes. A panic outside the
// resolvers is answered with a coded 500.
func (m *metrics) observe(logger *slog.Logger, mux *http.ServeMux) http.Handler {
	return withRequestState(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		st := stateOf(r.Context())
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		func() {
			defer func() {
				if v := recover(); v != nil {
					if v == http.ErrAbortHandler {
						panic(v)
					}
					logger.ErrorContext(r.Context(), "http: panic", "panic", v)
					if !rec.wroteHeader {
						writeError(rec, r, http.StatusInternalServerError, apperr.CodeInternal, "internal error")
					}
				}
			}()
			mux.ServeHTTP(rec, r)
		}()
		elapsed := time.Since(start)
		_, pattern := mux.Handler(r)
		m.requests.WithLabelValues(pattern, strconv.Itoa(rec.status)).Observe(elapsed.Seconds())
		operation, cost, codes, _ := st.snapshot()
		if len(codes) == 0 && rec.status >= 400 {
			codes = []string{statusCode(rec.status)}
		}
		for _, c := range codes {
			if !codeLabel.MatchString(c) {
				c = "OTHER"
			}
			m.errors.WithLabelValues(c).Inc()
		}
		attrs := []slog.Attr{
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rec.status),
			slog.Duration("duration", elapsed),
		}
		if pattern == "/graphql" {
			parsed := st.parsed()
			op := m.names.label(operation, parsed)
			if st.fromCache() {
				op = "cached" // not parsed: the document is not known
				attrs = append(attrs, slog.Bool("cached", true))
			}
			m.operations.WithLabelValues(op).Observe(elapsed.Seconds())
			if parsed {
				m.complexity.WithLabelValues(op).Observe(float64(cost))
				attrs = append(attrs, slog.String("operation", operation), slog.Int("complexity", cost))
			}
			if len(codes) > 0 {
				attrs = append(attrs, slog.Any("codes", codes))
			}
		}
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		logger.LogAttrs(r.Context(), level, "request", attrs...)
	}))
}

// statusCode names the code of a refusal that recorded none.
func statusCode(status int) string {
	switch status {
	case http.StatusUnauthorized:
		return apperr.CodeUnauthenticated
	case http.StatusServiceUnavailable:
		return apperr.CodeUnavailable
	case http.StatusNotFound:
		return apperr.CodeNotFound
	}
	return "HTTP_" + strconv.Itoa(status)
}
