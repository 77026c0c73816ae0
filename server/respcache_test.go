package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/tokens"
	"github.com/maillage/maillage/server"
)

// TestResponseCache: a read of open data asked again is answered from
// the cache until the data changes; other callers, mutations and
// answers with errors are never kept.
func TestResponseCache(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			// Deadlines a busy machine cannot miss: the first search builds
			// the graph index, and an answer timed out (never kept) would
			// make the next read a miss.
			h := server.New(b.db, slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry(), server.WithoutRateLimits(), server.WithoutWarmUp(), roomyTimeouts)
			editor, _, err := tokens.Create(ctx, b.db.Client, tokens.Spec{Role: access.RoleEditor, Territories: []string{"REGION:84"}, Name: "cache editor " + b.name + time.Now().Format(time.RFC3339Nano)}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			send := func(method, token, query string) (cache, body string) {
				t.Helper()
				var req *http.Request
				if method == http.MethodGet {
					req = httptest.NewRequest(method, "/graphql?query="+strings.ReplaceAll(query, " ", "+"), nil)
				} else {
					raw, _ := json.Marshal(map[string]any{"query": query})
					req = httptest.NewRequest(method, "/graphql", bytes.NewReader(raw))
					req.Header.Set("Content-Type", "application/json")
				}
				if token != "" {
					req.Header.Set("Authorization", "Bearer "+token)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				return rec.Header().Get("X-Cache"), rec.Body.String()
			}
			const find = `{ search(text: "gcs du cache des reponses", kinds: ["GROUPING"]) { label } }`
			steps := []struct {
				name, method, token, query string
				cache                      string // X-Cache expected
			}{
				{"first read computed", http.MethodPost, "", find, "miss"},
				{"same read from cache", http.MethodPost, "", find, "hit"},
				{"same read over GET computed once", http.MethodGet, "", find, "miss"},
				{"then from cache", http.MethodGet, "", find, "hit"},
				{"an editor's read is not cached", http.MethodPost, editor, find, ""},
				{"who asks is never kept", http.MethodPost, "", `{ viewer { name role } }`, "miss"},
				{"… nor answered from cache", http.MethodPost, "", `{ viewer { name role } }`, "miss"},
				{"an answer with errors is computed again", http.MethodPost, "", `{ establishment(finess: "12") { name } }`, "miss"},
				{"… and again", http.MethodPost, "", `{ establishment(finess: "12") { name } }`, "miss"},
				{"a refused mutation is not kept", http.MethodPost, "", `mutation { closeGrouping(id: "x", expectedVersion: 1, validTo: "2020-01-01", sourceID: "y") { id } }`, "miss"},
				{"… nor answered from cache", http.MethodPost, "", `mutation { closeGrouping(id: "x", expectedVersion: 1, validTo: "2020-01-01", sourceID: "y") { id } }`, "miss"},
			}
			var first string
			for _, s := range steps {
				cache, body := send(s.method, s.token, s.query)
				if cache != s.cache {
					t.Fatalf("%s: X-Cache %q, want %q (%.200s)", s.name, cache, s.cache, body)
				}
				if s.query == find && s.method == http.MethodPost && s.token == "" {
					if first == "" {
						first = body
					} else if body != first {
						t.Fatalf("%s: cached answer %s differs from %s", s.name, body, first)
					}
				}
			}
			if strings.Contains(first, "cache des") {
				t.Fatalf("found before the write: %s", first)
			}

			// A write through this process: the next read is computed on
			// the new data.
			addGrouping(t, b, "CACHE-TEST", "GCS du cache des reponses")
			cache, body := send(http.MethodPost, "", find)
			if cache != "miss" || !strings.Contains(body, "GCS du cache des reponses") {
				t.Fatalf("after the write: X-Cache %q, %s", cache, body)
			}
		})
	}
}
