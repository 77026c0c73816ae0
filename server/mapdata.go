package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/maillage/maillage/internal/coopgraph"
	"github.com/maillage/maillage/internal/mapdata"
)

// boundariesHandler serves /api/boundaries/{layer}.geojson from the
// shipped files.
func boundariesHandler(b *budget, logger *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		layer, ok := strings.CutSuffix(r.PathValue("file"), ".geojson")
		if !ok {
			http.NotFound(w, r)
			return
		}
		gz, err := mapdata.BoundariesGzip(layer)
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		release, ok := b.admit(w, r, int64(len(gz)))
		if !ok {
			return
		}
		defer release()
		w.Header().Set("Cache-Control", "public, max-age=86400")
		writeGzipped(w, r, logger, "application/geo+json", gz)
	}
}

// sitesHandler serves /api/sites.geojson?asOf=YYYY-MM-DD: the sites in
// force that day (default today), from the cooperation graph's index.
// The compressed answer is kept per graph and day: the national layer is
// the same for every visitor.
//
// Building a day's layer is admitted against the request memory at
// sitesLayerWeight, sending a built one at its size.
func sitesHandler(graphs *coopgraph.Store, b *budget, logger *slog.Logger) http.HandlerFunc {
	var (
		mu    sync.Mutex
		built *coopgraph.Graph
		cache = map[string][]byte{}
	)
	const maxDays = 16
	return func(w http.ResponseWriter, r *http.Request) {
		day, err := mapdata.Day(r.URL.Query().Get("asOf"), time.Now())
		if err != nil {
			http.Error(w, "asOf: "+err.Error(), http.StatusBadRequest)
			return
		}
		g, err := graphs.Graph(r.Context())
		if err != nil {
			logger.ErrorContext(r.Context(), "sites layer: graph unavailable", "err", err)
			http.Error(w, "service unavailable", http.StatusServiceUnavailable)
			return
		}
		key := day.Format(time.DateOnly)
		mu.Lock()
		if built != g || len(cache) >= maxDays {
			built, cache = g, map[string][]byte{}
		}
		gz, ok := cache[key]
		mu.Unlock()
		weight := int64(sitesLayerWeight)
		if ok {
			weight = int64(len(gz))
		}
		release, admitted := b.admit(w, r, weight)
		if !admitted {
			return
		}
		defer release()
		if !ok {
			if gz, err = mapdata.SitesGzip(g.Sites(day)); err != nil {
				logger.ErrorContext(r.Context(), "sites layer", "err", err)
				http.Error(w, "internal error", http.StatusInternalServerError)
				return
			}
			mu.Lock()
			if built == g {
				cache[key] = gz
			}
			mu.Unlock()
		}
		w.Header().Set("Cache-Control", "no-cache")
		writeGzipped(w, r, logger, "application/geo+json", gz)
	}
}

// sitesLayerWeight is the memory building the national sites layer
// takes at most (features, JSON and its compression), measured by
// TestMemoryPerCostUnit with room to spare (47 MB allocated in all for
// the shipped register).
const sitesLayerWeight = 96 << 20

// writeGzipped sends a gzip-compressed body as is to a client that
// accepts gzip, and decompressed to one that does not.
func writeGzipped(w http.ResponseWriter, r *http.Request, logger *slog.Logger, contentType string, gz []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Add("Vary", "Accept-Encoding")
	if acceptsGzip(r) {
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(gz)
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		logger.ErrorContext(r.Context(), "decompress", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	_, _ = io.Copy(w, zr)
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") && strings.TrimSpace(q) != "q=0" {
			return true
		}
	}
	return false
}
