package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/coopgraph"
	"github.com/maillage/maillage/internal/ingest"
	"github.com/maillage/maillage/internal/memstat"
	"github.com/maillage/maillage/internal/synthetic"
)

// withSyntheticLayer adds the synthetic cooperation layer to a backend's
// database once.
var withSyntheticLayer = sync.OnceValue(func() error {
	ctx := context.Background()
	for _, b := range backends {
		layer, err := synthetic.Generate(ctx, b.db.Client, 1)
		if err != nil {
			return err
		}
		if _, err := ingest.Import(ctx, b.db.Client, nil, "cooperation", "synthetic.yaml", layer.File); err != nil {
			return err
		}
	}
	return nil
})

// BenchmarkGraph measures, on the shipped data plus the synthetic layer
// and on both databases, the index rebuild and each graph query as the
// server answers it (GraphQL over HTTP, JSON included), one at a time,
// with the response cache off: the engine, every request run (with the
// cache, a request repeated would measure a hash and a copy).
func BenchmarkGraph(b *testing.B) {
	if err := withSyntheticLayer(); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, be := range backends {
		b.Run(be.name+"/rebuild", func(b *testing.B) {
			for b.Loop() {
				if _, err := coopgraph.Build(ctx, be.db.Client); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(be.name+"/rebuild-cooperation-only", func(b *testing.B) {
			// After a write to cooperation tables only: objects read
			// again over the register layer.
			g, err := coopgraph.Build(ctx, be.db.Client)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := g.Rebuild(ctx, be.db.Client); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(be.name+"/cooperationGraph-region-sites-index-only", func(b *testing.B) {
			// The index's share of the server time, JSON left out.
			g, err := coopgraph.Build(ctx, be.db.Client)
			if err != nil {
				b.Fatal(err)
			}
			day := time.Now()
			f := coopgraph.Filter{AsOf: &day, Territories: []string{"REGION:84"}, Level: coopgraph.Site, Limit: 20000}
			for b.Loop() {
				if _, err := g.Cooperation(f); err != nil {
					b.Fatal(err)
				}
			}
		})
		ids := graphIDs(b, be)
		for _, q := range graphQueries(ids) {
			b.Run(be.name+"/"+q.name, func(b *testing.B) {
				body, _ := json.Marshal(map[string]any{"query": q.query})
				engineRequest(b, be, body) // the first request builds the index
				for b.Loop() {
					engineRequest(b, be, body) // server time: the answer is written, not decoded
				}
			})
		}
	}
}

// engineRequest sends one request to the engine handler (no response
// cache) and fails unless it is answered, by the engine.
func engineRequest(b testing.TB, be *backend, body []byte) {
	b.Helper()
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	be.engine.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || bytes.HasPrefix(rec.Body.Bytes(), []byte(`{"errors"`)) {
		b.Fatalf("%s: %d %.300s", be.name, rec.Code, rec.Body.String())
	}
	if rec.Header().Get("X-Cache") == "hit" {
		b.Fatalf("%s: answered from the response cache", be.name)
	}
}

type namedQuery struct{ name, query string }

func graphQueries(ids map[string]string) []namedQuery {
	return []namedQuery{
		{"cooperationGraph-region-sites", `{ cooperationGraph(filter: {territories: ["REGION:84"], level: SITE, limit: 10000}) { totalNodes nodes { id kind label latitude longitude } edges { id source target role } } }`},
		{"neighborhood-depth2", fmt.Sprintf(`{ neighborhood(id: %q, depth: 2) { totalNodes nodes { id kind label } edges { source target role } } }`, ids["chu"])},
		{"cooperationPath", fmt.Sprintf(`{ cooperationPath(from: %q, to: %q) { nodes { id label } edges { role } } }`, ids["firminy"], ids["oloron"])},
		{"search", `{ search(text: "centre hospitalier saint", first: 10) { kind label finess score } }`},
	}
}

func graphIDs(b testing.TB, be *backend) map[string]string {
	return map[string]string{
		"chu":     be.idOf(b, `{ legalEntity(finess: "420784878") { id } }`),
		"firminy": be.idOf(b, `{ establishment(finess: "420000234") { id } }`),
		"oloron":  be.idOf(b, `{ legalEntity(finess: "640780821") { id } }`),
	}
}

// BenchmarkGraphLoad is the load test: 8 clients send a mix of graph
// queries at once to the engine (response cache off); it reports the latency percentiles and the process's
// resident memory with the index built.
func BenchmarkGraphLoad(b *testing.B) {
	if err := withSyntheticLayer(); err != nil {
		b.Fatal(err)
	}
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			qs := graphQueries(graphIDs(b, be))[1:] // the interactive ones
			for _, q := range qs {
				body, _ := json.Marshal(map[string]any{"query": q.query})
				engineRequest(b, be, body)
			}
			const clients, perClient = 8, 50
			for b.Loop() {
				latencies := make([][]time.Duration, len(qs))
				var mu sync.Mutex
				var wg sync.WaitGroup
				for c := range clients {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for i := range perClient {
							k := (c + i) % len(qs)
							body, _ := json.Marshal(map[string]any{"query": qs[k].query})
							req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
							req.Header.Set("Content-Type", "application/json")
							rec := httptest.NewRecorder()
							start := time.Now()
							be.engine.ServeHTTP(rec, req) // no response cache: every request runs
							d := time.Since(start)
							if rec.Code != http.StatusOK {
								b.Errorf("%s: status %d", qs[k].name, rec.Code)
							}
							mu.Lock()
							latencies[k] = append(latencies[k], d)
							mu.Unlock()
						}
					}()
				}
				wg.Wait()
				for k, q := range qs {
					l := latencies[k]
					slices.Sort(l)
					b.ReportMetric(float64(l[len(l)*95/100])/1e6, q.name+"-p95-ms")
				}
			}
			runtime.GC()
			b.ReportMetric(memstat.Field("VmRSS:"), "rss-MB")
		})
	}
}
