package server_test

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/vektah/gqlparser/v2"

	"github.com/maillage/maillage/graph"
	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/server"
)

// TestResponseBudget: an answer past its budget of bytes is replaced by
// one RESPONSE_TOO_LARGE error, whatever the static price said; the
// server goes on serving.
func TestResponseBudget(t *testing.T) {
	b := backends[0]
	cfg := server.DefaultConfig()
	cfg.AnonymousRate, cfg.ResponseCacheBytes = 0, 0
	cfg.Limits.MaxResponseBytes = 20 << 10
	h := server.New(b.db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithConfig(cfg))
	tests := []hostileRequest{
		{name: "a page of 300 sites", body: gqlBody(`{ establishments(first: 300) { edges { node { finess name address city } } } }`, nil),
			status: 422, code: apperr.CodeResponseTooLarge, check: contains(`"data":null`)},
		{name: "within the budget", body: gqlBody(`{ establishments(first: 10) { edges { node { finess name } } } }`, nil), status: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := send(h, tt)
			expect(t, tt, rec)
			if n := len(rec.Body.String()); n > 1000 && tt.code != "" {
				t.Errorf("the refusal is %d bytes: one error, not one per field", n)
			}
		})
	}
}

// TestAdmissionByWeight: a request is admitted at its cost against the
// request memory; while a heavy one holds it, the next heavy request —
// GraphQL or a map layer — waits, then is refused 503 OVERLOADED, and a
// light one still runs.
func TestAdmissionByWeight(t *testing.T) {
	b := backends[0]
	entered, release := make(chan struct{}, 1), make(chan struct{})
	blocker := server.WithFieldMiddleware(func(ctx context.Context, next graphqlResolver) (any, error) {
		if fieldName(ctx) == "territories" {
			entered <- struct{}{}
			<-release
		}
		return next(ctx)
	})
	cfg := server.DefaultConfig()
	cfg.AnonymousRate, cfg.ResponseCacheBytes = 0, 0
	cfg.AnonymousConcurrency = -1 // only the weights are tested here
	cfg.AnonymousWait = 100 * time.Millisecond
	cfg.QueryTimeout = 5 * time.Minute                                        // the blocked request waits for the test, however busy the machine
	cfg.RequestMemory = server.RequestBaseWeight*2 + 6000*server.BytesPerCost // the heavy request below weighs the base and 5,001 units
	h := server.New(b.db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithConfig(cfg), blocker)

	heavy := gqlBody(`{ territories(first: 1000) { edges { node { code name } } } }`, nil) // 1000 × 4 + …
	done := make(chan *httptest.ResponseRecorder)
	go func() { done <- send(h, hostileRequest{body: heavy}) }()
	<-entered
	expect(t, hostileRequest{status: 503, code: apperr.CodeOverloaded},
		send(h, hostileRequest{body: gqlBody(`{ establishments(first: 500) { edges { node { finess } } } }`, nil)}))
	expect(t, hostileRequest{status: 503, code: apperr.CodeOverloaded},
		send(h, hostileRequest{method: http.MethodGet, target: "/api/sites.geojson"}))
	expect(t, hostileRequest{status: 200, check: contains(`"420782559"`)},
		send(h, hostileRequest{body: gqlBody(`{ establishment(finess: "420782559") { finess } }`, nil)}))
	close(release)
	expect(t, hostileRequest{status: 200, check: contains(`"Loire"`)}, <-done)
}

// TestMapLayersFollowTheRules: the map's layers are rate limited like
// GraphQL.
func TestMapLayersFollowTheRules(t *testing.T) {
	b := backends[0]
	cfg := server.DefaultConfig()
	cfg.AnonymousRate, cfg.AnonymousBurst = 0.001, 1
	h := server.New(b.db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithConfig(cfg))
	layer := hostileRequest{method: http.MethodGet, target: "/api/boundaries/regions.geojson"}
	if rec := send(h, layer); rec.Code != http.StatusOK {
		t.Fatalf("first request: %d", rec.Code)
	}
	rec := send(h, layer)
	expect(t, hostileRequest{status: http.StatusTooManyRequests, code: apperr.CodeRateLimited}, rec)
}

// TestMemoryPerCostUnit keeps BytesPerCost honest: on large answers of
// every kind, what a request allocates in all (an upper bound on what it
// holds at once) stays within RequestBaseWeight + cost × BytesPerCost. The sites layer
// is checked the same way against the weight it is admitted at.
func TestMemoryPerCostUnit(t *testing.T) {
	b := backends[0]
	cfg := server.DefaultConfig()
	cfg.AnonymousRate, cfg.ResponseCacheBytes = 0, 0
	// No warm-up in the background: the allocation counter is the process's.
	h := server.New(b.db, discard, prometheus.NewRegistry(), server.WithConfig(cfg), server.WithoutWarmUp())
	es := graph.NewSchema(nil, nil)
	queries := []string{
		`{ establishments(first: 1000) { edges { node { id finess name longName address postalCode city phone latitude longitude categoryLabel validFrom } } } }`,
		`{ establishments(first: 1000) { edges { node { finess legalEntity { finess name legalStatus } commune { code name } } } } }`,
		`{ legalEntities(first: 50, where: {departmentCode: "75"}) { edges { node { name establishments { finess name city } } } } }`,
		`{ cooperationGraph(filter: {territories: ["84"], level: SITE, limit: 5000}) { nodes { id kind label finess category latitude longitude departmentCode } edges { id source target role validFrom validTo } truncated } }`,
		`{ cooperationGraph(filter: {level: LEGAL_ENTITY, projection: ORGANISATIONS, limit: 1000}) { nodes { id label } edges { source target weight shared } } }`,
		`{ neighborhood(id: "` + b.idOf(t, `{ legalEntity(finess: "420784878") { id } }`) + `", depth: 3, filter: {limit: 5000}) { nodes { id kind label } edges { source target role } } }`,
		`{ territories(first: 200, where: {kind: DEPARTMENT}) { edges { node { code name children(first: 100) { edges { node { code name postalCodes } } } } } } }`,
		`{ search(text: "centre hospitalier", first: 50) { label score node { id ... on Establishment { name city legalEntity { name } } } } }`,
	}
	send(h, hostileRequest{body: gqlBody(`{ cooperationGraph(filter: {limit: 1}) { totalNodes } }`, nil)}) // the index, built once
	// The allocation counter is the process's: other work (the runtime's,
	// another test's server) adds to it, never takes from it, so the least
	// of three sends is the request's.
	allocated := func(f func()) uint64 {
		least := uint64(math.MaxUint64)
		for range 3 {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			f()
			runtime.ReadMemStats(&after)
			least = min(least, after.TotalAlloc-before.TotalAlloc)
		}
		return least
	}
	for _, q := range queries {
		doc, errs := gqlparser.LoadQuery(es.Schema(), q)
		if errs != nil {
			t.Fatalf("%v: %s", errs, q)
		}
		cost := graph.Cost(context.Background(), es, doc.Operations[0], nil)
		var rec *httptest.ResponseRecorder
		bytes := allocated(func() { rec = send(h, hostileRequest{body: gqlBody(q, nil)}) })
		expect(t, hostileRequest{status: 200}, rec)
		t.Logf("cost %6d, allocated %6.1f MB, %4.0f bytes per unit, answer %5.1f MB: %.70s", cost, float64(bytes)/(1<<20), float64(bytes)/float64(cost), float64(rec.Body.Len())/(1<<20), q)
		if bytes > server.RequestBaseWeight+uint64(cost)*server.BytesPerCost {
			t.Errorf("allocated %d bytes, more than RequestBaseWeight + cost %d × BytesPerCost", bytes, cost)
		}
	}
	bytes := allocated(func() {
		if rec := send(h, hostileRequest{method: http.MethodGet, target: "/api/sites.geojson?asOf=2020-01-01", headers: map[string]string{"Accept-Encoding": "gzip"}}); rec.Code != http.StatusOK {
			t.Errorf("sites layer: status %d", rec.Code)
		}
	})
	t.Logf("sites layer: allocated %.1f MB", float64(bytes)/(1<<20))
	if bytes > server.SitesLayerWeight {
		t.Errorf("the sites layer allocated %d bytes, more than the %d it is admitted at", bytes, server.SitesLayerWeight)
	}
}

// TestBudgetSwitchedOff: a limit set to 0 is off, not a budget of
// nothing — the benchmarks against peers run so.
func TestBudgetSwitchedOff(t *testing.T) {
	b := backends[0]
	cfg := server.DefaultConfig()
	cfg.AnonymousRate, cfg.ResponseCacheBytes = 0, 0
	cfg.Limits.MaxComplexity, cfg.Limits.MaxResponseBytes, cfg.RequestMemory = 0, 0, 0
	h := server.New(b.db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithConfig(cfg))
	expect(t, hostileRequest{status: 200, check: contains(`"420782559"`)},
		send(h, hostileRequest{body: gqlBody(`{ establishment(finess: "420782559") { finess } }`, nil)}))
	if rec := send(h, hostileRequest{method: http.MethodGet, target: "/api/boundaries/regions.geojson"}); rec.Code != http.StatusOK {
		t.Errorf("a map layer without admission: %d", rec.Code)
	}
}

// TestEveryFieldIsCharged: every field an answer holds is charged to the
// request's budget, those resolvers answer and the leaves the executor
// reads straight from a loaded record alike (graph/postgen).
func TestEveryFieldIsCharged(t *testing.T) {
	var charged atomic.Int64
	cfg := server.DefaultConfig()
	cfg.AnonymousRate, cfg.ResponseCacheBytes = 0, 0
	h := server.New(backends[0].db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithConfig(cfg),
		server.WithFieldsObserver(func(fields int64) { charged.Store(fields) }))
	tests := []struct {
		name, doc string
		fields    int64
	}{
		// establishment, finess, name, legalEntity, its finess.
		{"a site and its legal entity", `{ establishment(finess: "420782559") { finess name legalEntity { finess } } }`, 5},
		// establishments, edges, 3 × (edge, node, finess, name).
		{"a page of three sites", `{ establishments(first: 3, where: {departmentCode: "42"}) { edges { node { finess name } } } }`, 2 + 3*3},
		// establishments, edges, 2 × (node, legalEntity, its name): the
		// legal entities loaded with the sites, read as plain fields.
		{"a page of two sites' legal entities", `{ establishments(first: 2, where: {departmentCode: "42"}) { edges { node { legalEntity { name } } } } }`, 2 + 2*3},
		{"an alias counts as its field", `{ establishment(finess: "420782559") { a: finess b: finess } }`, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			charged.Store(-1)
			expect(t, hostileRequest{status: 200}, send(h, hostileRequest{body: gqlBody(tt.doc, nil)}))
			if got := charged.Load(); got != tt.fields {
				t.Errorf("%d fields charged, want %d", got, tt.fields)
			}
		})
	}
}
