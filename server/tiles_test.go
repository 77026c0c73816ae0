package server_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/internal/period"
	"github.com/maillage/maillage/server"
)

// fetchTile gets target with the given headers; the body is decoded from
// gzip when the server compressed it.
func fetchTile(t *testing.T, h http.Handler, target string, headers map[string]string) (*httptest.ResponseRecorder, []byte) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body := io.Reader(rec.Body)
	if rec.Header().Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		body = zr
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		t.Fatal(err)
	}
	return rec, raw
}

// drawn counts the sites a tile draws (a cluster counts its sites) and
// returns its single sites by FINESS number, projected back to WGS84.
func drawn(t *testing.T, raw []byte, tile maptile.Tile) (int, map[string]orb.Point) {
	t.Helper()
	layers, err := mvt.Unmarshal(raw)
	if err != nil || len(layers) != 1 || layers[0].Name != "sites" {
		t.Fatalf("tile %v: %d layers, %v", tile, len(layers), err)
	}
	layers.ProjectToWGS84(tile)
	count, singles := 0, map[string]orb.Point{}
	for _, f := range layers[0].Features {
		if n, ok := f.Properties["point_count"].(float64); ok {
			count += int(n)
			continue
		}
		count++
		singles[f.Properties.MustString("finess")] = f.Geometry.(orb.Point)
	}
	return count, singles
}

func TestSiteTiles(t *testing.T) {
	chu := orb.Point{4.393283, 45.413162} // site 420782559, as TestEstablishment reads it
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			day, _ := time.Parse(time.DateOnly, "2021-06-01")
			rows, err := b.db.Client.Establishment.Query().Where(establishment.LatitudeNotNil(), establishment.LongitudeNotNil()).All(ctx)
			if err != nil {
				t.Fatal(err)
			}
			national, loire := 0, 0
			for _, e := range rows {
				if period.Holds(e.ValidFrom, e.ValidTo, day) {
					national++
					if e.DepartmentCode == "42" {
						loire++
					}
				}
			}
			chuTile := maptile.At(chu, 12)
			tests := []struct {
				name   string
				target string
				tile   maptile.Tile
				sites  int    // sites the tile draws, -1: not checked
				finess string // a site the tile draws alone, at the position the database gives
			}{
				{"the world, every site in force", "/tiles/sites/0/0/0.mvt?asOf=2021-06-01", maptile.New(0, 0, 0), national, ""},
				{"the world, the Loire", "/tiles/sites/0/0/0.mvt?asOf=2021-06-01&territory=DEPARTMENT:42", maptile.New(0, 0, 0), loire, ""},
				{"Saint-Étienne at zoom 12", "/tiles/sites/12/" + strconv.Itoa(int(chuTile.X)) + "/" + strconv.Itoa(int(chuTile.Y)) + ".mvt?asOf=2021-06-01",
					chuTile, -1, "420782559"},
				{"Saint-Étienne, the Loire only", "/tiles/sites/12/" + strconv.Itoa(int(chuTile.X)) + "/" + strconv.Itoa(int(chuTile.Y)) + ".mvt?asOf=2021-06-01&territory=REGION:84",
					chuTile, -1, "420782559"},
				{"an empty ocean tile", "/tiles/sites/6/0/0.mvt?asOf=2021-06-01", maptile.New(0, 0, 6), 0, ""},
			}
			for _, tt := range tests {
				rec, raw := fetchTile(t, b.handler, tt.target, map[string]string{"Accept-Encoding": "gzip"})
				if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/vnd.mapbox-vector-tile" || rec.Header().Get("ETag") == "" {
					t.Fatalf("%s: status %d, headers %v: %s", tt.name, rec.Code, rec.Header(), raw)
				}
				count, singles := drawn(t, raw, tt.tile)
				if tt.sites >= 0 && count != tt.sites {
					t.Errorf("%s: draws %d sites, the database has %d", tt.name, count, tt.sites)
				}
				if tt.finess != "" {
					p, ok := singles[tt.finess]
					if !ok || math.Abs(p[0]-chu[0]) > 1e-4 || math.Abs(p[1]-chu[1]) > 1e-4 {
						t.Errorf("%s: site %s at %v (drawn %v), want %v", tt.name, tt.finess, p, ok, chu)
					}
				}
			}
		})
	}
}

func TestSiteTilesRefused(t *testing.T) {
	h := backends[0].handler
	for _, tt := range []struct{ target, says string }{
		{"/tiles/sites/15/0/0.mvt", "zoom z from 0 to 14"},
		{"/tiles/sites/3/8/0.mvt", "x and y from 0 to 2^z-1"},
		{"/tiles/sites/3/0/-1.mvt", "x and y from 0 to 2^z-1"},
		{"/tiles/sites/a/0/0.mvt", "want /tiles/sites/{z}/{x}/{y}.mvt"},
		{"/tiles/sites/3/0/0.png", "want /tiles/sites/{z}/{x}/{y}.mvt"},
		{"/tiles/sites/0/0/0.mvt?asOf=2021-13-01", "asOf"},
		{"/tiles/sites/0/0/0.mvt?territory=PAYS:FR", "territory"},
	} {
		rec, raw := fetchTile(t, h, tt.target, nil)
		if rec.Code != http.StatusBadRequest || !strings.Contains(string(raw), tt.says) {
			t.Errorf("%s: %d %q, want 400 saying %q", tt.target, rec.Code, raw, tt.says)
		}
	}
}

func TestSiteTilesRevalidate(t *testing.T) {
	h := backends[0].handler
	const target = "/tiles/sites/5/16/11.mvt?asOf=2021-06-01"
	first, raw := fetchTile(t, h, target, nil)
	etag := first.Header().Get("ETag")
	if first.Code != http.StatusOK || len(raw) == 0 || !strings.HasPrefix(etag, `W/"`) || first.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("status %d, %d bytes, ETag %q, Cache-Control %q", first.Code, len(raw), etag, first.Header().Get("Cache-Control"))
	}
	for _, tt := range []struct {
		target, ifNoneMatch string
		status              int
	}{
		{target, etag, http.StatusNotModified},
		{target, `"other", ` + etag, http.StatusNotModified},
		{target, strings.TrimPrefix(etag, "W/"), http.StatusNotModified},
		{target, `W/"other"`, http.StatusOK},
		{"/tiles/sites/5/16/11.mvt?asOf=2020-06-01", etag, http.StatusOK},
		{"/tiles/sites/5/16/11.mvt?asOf=2021-06-01&territory=REGION:84", etag, http.StatusOK},
	} {
		rec, body := fetchTile(t, h, tt.target, map[string]string{"If-None-Match": tt.ifNoneMatch})
		if rec.Code != tt.status {
			t.Errorf("%s If-None-Match %s: %d, want %d", tt.target, tt.ifNoneMatch, rec.Code, tt.status)
		}
		if tt.status == http.StatusNotModified && (len(body) != 0 || rec.Header().Get("ETag") != etag) {
			t.Errorf("304 with %d bytes, ETag %q", len(body), rec.Header().Get("ETag"))
		}
	}
	// Another server on the same database (a restart, a replica): the same ETag.
	again := server.New(backends[0].db, slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry(), server.WithoutRateLimits(), roomyTimeouts)
	if other, _ := fetchTile(t, again, target, map[string]string{"If-None-Match": etag}); other.Code != http.StatusNotModified {
		t.Errorf("another server on the same sites: %d, ETag %q, want 304 to ETag %q", other.Code, other.Header().Get("ETag"), etag)
	}
}

func TestBoundaryTiles(t *testing.T) {
	h := backends[0].handler
	lyon := orb.Point{4.8357, 45.7640}
	national := maptile.At(lyon, 5)
	target := "/tiles/boundaries/5/" + strconv.Itoa(int(national.X)) + "/" + strconv.Itoa(int(national.Y)) + ".mvt"
	for _, tt := range []struct {
		name     string
		target   string
		gzip     bool
		encoding string
		regions  []string // codes the tile's régions layer holds; nil: an empty tile
	}{
		{"the national view around Lyon, compressed", target, true, "gzip", []string{"84"}},
		{"the national view around Lyon, to a client without gzip", target, false, "", []string{"84"}},
		{"the Atlantic", "/tiles/boundaries/6/26/24.mvt", true, "", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			headers := map[string]string{}
			if tt.gzip {
				headers["Accept-Encoding"] = "gzip"
			}
			rec, raw := fetchTile(t, h, tt.target, headers)
			if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/vnd.mapbox-vector-tile" || rec.Header().Get("Content-Encoding") != tt.encoding {
				t.Fatalf("status %d, headers %v: %.200s", rec.Code, rec.Header(), raw)
			}
			if tt.regions == nil {
				if len(raw) != 0 {
					t.Fatalf("%d bytes, want an empty tile", len(raw))
				}
				return
			}
			layers, err := mvt.Unmarshal(raw)
			if err != nil {
				t.Fatal(err)
			}
			codes := map[string]bool{}
			for _, l := range layers {
				if l.Name == "regions" {
					for _, f := range l.Features {
						codes[f.Properties.MustString("code")] = true
					}
				}
			}
			for _, c := range tt.regions {
				if !codes[c] {
					t.Errorf("région %s not in the tile: %v", c, codes)
				}
			}
		})
	}
}

func TestBoundaryTilesRefused(t *testing.T) {
	h := backends[0].handler
	for _, tt := range []struct{ target, says string }{
		{"/tiles/boundaries/11/0/0.mvt", "zoom z from 0 to 10"},
		{"/tiles/boundaries/3/8/0.mvt", "x and y from 0 to 2^z-1"},
		{"/tiles/boundaries/a/0/0.mvt", "want /tiles/boundaries/{z}/{x}/{y}.mvt"},
		{"/tiles/boundaries/3/0/0.png", "want /tiles/boundaries/{z}/{x}/{y}.mvt"},
	} {
		rec, raw := fetchTile(t, h, tt.target, nil)
		if rec.Code != http.StatusBadRequest || !strings.Contains(string(raw), tt.says) {
			t.Errorf("%s: %d %q, want 400 saying %q", tt.target, rec.Code, raw, tt.says)
		}
	}
}

func TestBoundaryBounds(t *testing.T) {
	rec, raw := fetchTile(t, backends[0].handler, "/api/boundaries/bounds.json", nil)
	var bounds map[string]map[string][4]float64
	if err := json.Unmarshal(raw, &bounds); rec.Code != http.StatusOK || err != nil {
		t.Fatalf("status %d, %v: %.200s", rec.Code, err, raw)
	}
	lyon := bounds["departements"]["69"]
	if len(bounds["regions"]) != 18 || len(bounds["departements"]) != 101 || !(lyon[0] < 4.8357 && 4.8357 < lyon[2] && lyon[1] < 45.764 && 45.764 < lyon[3]) {
		t.Errorf("%d régions, %d départements, Rhône %v", len(bounds["regions"]), len(bounds["departements"]), lyon)
	}
}
