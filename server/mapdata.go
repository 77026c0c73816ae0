package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/maillage/maillage/internal/boundarytiles"
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

// boundaryTilesHandler serves /tiles/boundaries/{z}/{x}/{y}.mvt: the
// régions and départements as vector tiles (package boundarytiles says
// what a tile holds and why its cost is bounded). A tile built before is
// sent at its size; building one is admitted at what a build allocates
// at most (boundarytiles.BuildBytes).
func boundaryTilesHandler(tiles func() (*boundarytiles.Tiles, error), b *budget, logger *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		z, x, y, ok := tileCoords(w, r, "boundaries", boundarytiles.MaxZoom, boundarytiles.Valid)
		if !ok {
			return
		}
		t, err := tiles()
		if err != nil {
			logger.ErrorContext(r.Context(), "boundary tiles: shipped boundaries unreadable", "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		weight := int64(boundarytiles.BuildBytes)
		if gz, built := t.Built(z, x, y); built {
			weight = int64(len(gz))
		}
		release, admitted := b.admit(w, r, weight)
		if !admitted {
			return
		}
		defer release()
		gz, err := t.Tile(z, x, y)
		if err != nil {
			logger.ErrorContext(r.Context(), "boundary tile", "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		if len(gz) == 0 {
			w.Header().Set("Content-Type", "application/vnd.mapbox-vector-tile")
			w.WriteHeader(http.StatusOK)
			return
		}
		writeGzipped(w, r, logger, "application/vnd.mapbox-vector-tile", gz)
	}
}

// boundaryBoundsHandler serves /api/boundaries/bounds.json: each région's
// and département's bounds, [west, south, east, north], by layer and
// code — what the map frames a territory with.
func boundaryBoundsHandler(tiles func() (*boundarytiles.Tiles, error), logger *slog.Logger) http.HandlerFunc {
	body := sync.OnceValues(func() ([]byte, error) {
		t, err := tiles()
		if err != nil {
			return nil, err
		}
		return json.Marshal(t.Bounds())
	})
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := body()
		if err != nil {
			logger.ErrorContext(r.Context(), "boundary bounds: shipped boundaries unreadable", "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "public, max-age=86400")
		_, _ = w.Write(b)
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
