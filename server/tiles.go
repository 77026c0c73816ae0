package server

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/maillage/maillage/internal/coopgraph"
	"github.com/maillage/maillage/internal/mapdata"
	"github.com/maillage/maillage/internal/sitetiles"
)

// sitesTileHandler serves /tiles/sites/{z}/{x}/{y}.mvt?asOf=YYYY-MM-DD&territory=KIND:CODE:
// the sites in force that day (default today), in a région, département
// or commune or everywhere, as a Mapbox Vector Tile (package sitetiles
// says what a tile holds and why its cost is bounded).
//
// The index of the sites' positions is built once per register layer
// (the sites do not change with cooperation records); a view — a day and
// a territory — once per register layer, the last maxTileViews kept. Tiles
// carry an ETag derived from the sites they draw: a client that has a
// tile revalidates it (no-cache) and gets 304 while the sites are the
// same.
func sitesTileHandler(graphs *coopgraph.Store, cache *tileViews, b *budget, logger *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		z, x, y, ok := tileCoords(w, r, "sites", sitetiles.MaxZoom, sitetiles.Valid)
		if !ok {
			return
		}
		q := r.URL.Query()
		day, err := mapdata.Day(q.Get("asOf"), time.Now())
		if err != nil {
			http.Error(w, "asOf: "+err.Error(), http.StatusBadRequest)
			return
		}
		territory, err := sitetiles.ParseTerritory(q.Get("territory"))
		if err != nil {
			http.Error(w, "territory: "+err.Error(), http.StatusBadRequest)
			return
		}
		g, err := graphs.Graph(r.Context())
		if err != nil {
			logger.ErrorContext(r.Context(), "sites tiles: graph unavailable", "err", err)
			http.Error(w, "service unavailable", http.StatusServiceUnavailable)
			return
		}
		key := viewKey(day, territory)
		ix, view := cache.get(g, key)
		if view == nil {
			release, admitted := b.admit(w, r, tilesViewWeight)
			if !admitted {
				return
			}
			ix, view = cache.build(g, key, day, territory)
			release()
		}
		etag := ix.ETag(day, territory)
		w.Header().Set("ETag", etag)
		w.Header().Set("Cache-Control", "no-cache")
		if matches(r.Header.Get("If-None-Match"), etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		release, admitted := b.admit(w, r, tileWeight)
		if !admitted {
			return
		}
		defer release()
		tile, err := view.Tile(z, x, y)
		if err != nil {
			logger.ErrorContext(r.Context(), "sites tile", "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.mapbox-vector-tile")
		_, _ = w.Write(tile)
	}
}

// tileCoords reads a tile's {z}/{x}/{y}.mvt from the path, or answers 400
// saying what /tiles/{layer}/ serves.
func tileCoords(w http.ResponseWriter, r *http.Request, layer string, maxZoom int, valid func(z, x, y int) bool) (z, x, y int, ok bool) {
	z, errZ := strconv.Atoi(r.PathValue("z"))
	x, errX := strconv.Atoi(r.PathValue("x"))
	yName, suffixed := strings.CutSuffix(r.PathValue("y"), ".mvt")
	y, errY := strconv.Atoi(yName)
	if !suffixed || errZ != nil || errX != nil || errY != nil || !valid(z, x, y) {
		http.Error(w, "tile "+r.PathValue("z")+"/"+r.PathValue("x")+"/"+r.PathValue("y")+
			": want /tiles/"+layer+"/{z}/{x}/{y}.mvt, zoom z from 0 to "+strconv.Itoa(maxZoom)+", x and y from 0 to 2^z-1", http.StatusBadRequest)
		return 0, 0, 0, false
	}
	return z, x, y, true
}

// tileViews keeps the index of the current register layer's sites and
// its last maxTileViews views.
type tileViews struct {
	mu     sync.Mutex
	layer  any // the register layer index is of
	index  *sitetiles.Index
	views  map[string]*sitetiles.View
	order  []string   // views' keys, oldest first
	builds sync.Mutex // one build at a time: concurrent first requests wait for it
}

const maxTileViews = 16

func newTileViews() *tileViews {
	return &tileViews{views: map[string]*sitetiles.View{}}
}

// viewKey names a view: a day and a territory.
func viewKey(day time.Time, t sitetiles.Territory) string {
	return day.Format(time.DateOnly) + "|" + t.Kind + ":" + t.Code
}

// get returns the index of g's register layer and the view key names,
// either nil when not built yet.
func (c *tileViews) get(g *coopgraph.Graph, key string) (*sitetiles.Index, *sitetiles.View) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.layer != g.RegisterLayer() {
		c.layer, c.index, c.views, c.order = g.RegisterLayer(), nil, map[string]*sitetiles.View{}, nil
	}
	return c.index, c.views[key]
}

// build builds what get lacked (unless a concurrent build did) and keeps it.
func (c *tileViews) build(g *coopgraph.Graph, key string, day time.Time, t sitetiles.Territory) (*sitetiles.Index, *sitetiles.View) {
	c.builds.Lock()
	defer c.builds.Unlock()
	ix, view := c.get(g, key)
	if view != nil {
		return ix, view
	}
	if ix == nil {
		ix = sitetiles.NewIndex(g)
	}
	view = ix.View(day, t)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.layer != g.RegisterLayer() {
		return ix, view // a newer register layer came meanwhile: answer, keep nothing
	}
	c.index = ix
	if len(c.order) >= maxTileViews {
		delete(c.views, c.order[0])
		c.order = c.order[1:]
	}
	c.views[key] = view
	c.order = append(c.order, key)
	return ix, view
}

// matches says whether an If-None-Match header names etag (weak
// comparison, as for a GET).
func matches(header, etag string) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, tag := range strings.Split(header, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == want {
			return true
		}
	}
	return false
}

// tilesViewWeight is the memory building the national index and a view
// of it takes at most; tileWeight, encoding one tile of MaxSites sites.
// Both measured by sitetiles.TestMemory with room to spare.
const (
	tilesViewWeight = 16 << 20
	tileWeight      = 8 << 20
)
