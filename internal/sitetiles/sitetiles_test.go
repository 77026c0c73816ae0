package sitetiles_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"

	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/internal/coopgraph"
	"github.com/maillage/maillage/internal/ingest"
	"github.com/maillage/maillage/internal/period"
	"github.com/maillage/maillage/internal/sitetiles"
	"github.com/maillage/maillage/internal/store"
)

var (
	db    *store.DB
	graph *coopgraph.Graph
	index *sitetiles.Index
)

// TestMain loads the shipped data into a SQLite file, once.
func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "maillage-sitetiles-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	if db, err = store.Open(ctx, "sqlite://"+filepath.Join(dir, "m.db")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	if err := db.Migrate(ctx); err == nil {
		err = ingest.LoadShipped(ctx, db.Client, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}
	if err == nil {
		graph, err = coopgraph.Build(ctx, db.Client)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	index = sitetiles.NewIndex(graph)
	return m.Run()
}

// site is what the database says of a site with coordinates.
type site struct {
	finess                      string
	lat, lon                    float64
	region, department, commune string
}

// inForce reads the database's sites with coordinates in force on day,
// by ent ID — not through the graph the tiles are made from.
func inForce(t *testing.T, day time.Time) map[string]site {
	t.Helper()
	rows, err := db.Client.Establishment.Query().Where(establishment.LatitudeNotNil(), establishment.LongitudeNotNil()).All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]site{}
	for _, e := range rows {
		if period.Holds(e.ValidFrom, e.ValidTo, day) {
			out[strconv.Itoa(e.ID)] = site{e.Finess, *e.Latitude, *e.Longitude, e.RegionCode, e.DepartmentCode, e.CommuneCode}
		}
	}
	return out
}

// decode decodes a tile and projects its features back to WGS84.
func decode(t *testing.T, data []byte, tile maptile.Tile) *mvt.Layer {
	t.Helper()
	layers, err := mvt.Unmarshal(data)
	if err != nil {
		t.Fatalf("tile %v: %v", tile, err)
	}
	if len(layers) != 1 || layers[0].Name != sitetiles.LayerName {
		t.Fatalf("tile %v: %d layers, want one named %q", tile, len(layers), sitetiles.LayerName)
	}
	layers.ProjectToWGS84(tile)
	return layers[0]
}

// walk descends from the world tile into every tile that holds a cluster,
// checking at each tile that its features count the sites under it, and
// returns the single sites found, by ID, with where they were drawn.
func walk(t *testing.T, v *sitetiles.View) (map[string]orb.Point, map[maptile.Zoom]int) {
	t.Helper()
	singles := map[string]orb.Point{}
	densest := map[maptile.Zoom]int{} // the most features in one tile, by zoom
	seen := map[maptile.Zoom]map[string]bool{}
	var visit func(tile maptile.Tile, want int)
	visit = func(tile maptile.Tile, want int) {
		data, err := v.Tile(int(tile.Z), int(tile.X), int(tile.Y))
		if err != nil {
			t.Fatal(err)
		}
		layer := decode(t, data, tile)
		densest[tile.Z] = max(densest[tile.Z], len(layer.Features))
		got, clusters := 0, 0
		bound := tile.Bound()
		for _, f := range layer.Features {
			p := f.Geometry.(orb.Point)
			// A feature lies in its tile (a metre of rounding allowed).
			if p[0] < bound.Min[0]-1e-5 || p[0] > bound.Max[0]+1e-5 || p[1] < bound.Min[1]-1e-5 || p[1] > bound.Max[1]+1e-5 {
				t.Errorf("tile %v: feature at %v outside %v", tile, p, bound)
			}
			if n, ok := f.Properties["point_count"]; ok {
				got += int(n.(float64))
				clusters++
				continue
			}
			got++
			id := f.Properties.MustString("id")
			if seen[tile.Z][id] {
				t.Errorf("zoom %d: site %s drawn twice", tile.Z, id)
			}
			if seen[tile.Z] == nil {
				seen[tile.Z] = map[string]bool{}
			}
			seen[tile.Z][id] = true
			singles[id] = p
		}
		if want >= 0 && got != want {
			t.Errorf("tile %v: features count %d sites, its parent says %d", tile, got, want)
		}
		if clusters == 0 {
			return
		}
		if tile.Z == sitetiles.MaxZoom {
			t.Fatalf("tile %v at the deepest zoom holds clusters", tile)
		}
		for _, c := range tile.Children() {
			visit(c, -1)
		}
	}
	visit(maptile.New(0, 0, 0), v.Len())
	return singles, densest
}

func TestTilesDrawEverySite(t *testing.T) {
	for _, tt := range []struct {
		asOf      string
		territory string
		min       int
	}{
		{"2021-06-01", "", 90000},
		{"1990-01-01", "", 1},
		{"2021-06-01", "REGION:84", 5000},
		{"2021-06-01", "DEPARTMENT:42", 500},
		{"2021-06-01", "COMMUNE:42218", 100},
	} {
		t.Run(tt.asOf+" "+tt.territory, func(t *testing.T) {
			day, _ := time.Parse(time.DateOnly, tt.asOf)
			territory, err := sitetiles.ParseTerritory(tt.territory)
			if err != nil {
				t.Fatal(err)
			}
			want := inForce(t, day)
			for id, s := range want {
				if territory.Kind == "REGION" && s.region != territory.Code || territory.Kind == "DEPARTMENT" && s.department != territory.Code ||
					territory.Kind == "COMMUNE" && s.commune != territory.Code {
					delete(want, id)
				}
			}
			if len(want) < tt.min {
				t.Fatalf("%d sites in the database, want at least %d", len(want), tt.min)
			}
			v := index.View(day, territory)
			if v.Len() != len(want) {
				t.Fatalf("view of %d sites, the database has %d", v.Len(), len(want))
			}
			singles, densest := walk(t, v)
			if len(singles) != len(want) {
				t.Errorf("%d sites drawn alone somewhere, want every one of %d", len(singles), len(want))
			}
			for id, s := range want {
				p, ok := singles[id]
				if !ok {
					t.Errorf("site %s (%s) never drawn alone", id, s.finess)
					continue
				}
				// A z10 tile's 4096 units are 10 m at most; deeper ones, less.
				if math.Abs(p[0]-s.lon) > 2e-4 || math.Abs(p[1]-s.lat) > 2e-4 {
					t.Errorf("site %s (%s) drawn at %v, the database says %v,%v", id, s.finess, p, s.lon, s.lat)
				}
			}
			for z, n := range densest {
				if n > max(sitetiles.MaxSites, 64) && z < sitetiles.MaxZoom {
					t.Errorf("zoom %d: a tile of %d features", z, n)
				}
			}
			t.Logf("%d sites; most features in a tile, by zoom: %v", v.Len(), densest)
		})
	}
}

func TestDeepestTilesBound(t *testing.T) {
	day, _ := time.Parse(time.DateOnly, "2021-06-01")
	v := index.View(day, sitetiles.Territory{})
	// The busiest tile at MaxZoom: each site within, alone.
	counts := map[maptile.Tile]int{}
	for _, s := range graph.Sites(day) {
		counts[maptile.At(orb.Point{s.Longitude, s.Latitude}, sitetiles.MaxZoom)]++
	}
	var busiest maptile.Tile
	for tile, n := range counts {
		if n > counts[busiest] {
			busiest = tile
		}
	}
	data, err := v.Tile(int(busiest.Z), int(busiest.X), int(busiest.Y))
	if err != nil {
		t.Fatal(err)
	}
	layer := decode(t, data, busiest)
	if len(layer.Features) != counts[busiest] || counts[busiest] > sitetiles.MaxSites {
		t.Errorf("busiest tile %v: %d features for %d sites (at most %d)", busiest, len(layer.Features), counts[busiest], sitetiles.MaxSites)
	}
	t.Logf("busiest tile at zoom %d: %v, %d sites, %d bytes", sitetiles.MaxZoom, busiest, counts[busiest], len(data))
}

func TestTheCHUOfSaintEtienne(t *testing.T) {
	day, _ := time.Parse(time.DateOnly, "2021-06-01")
	v := index.View(day, sitetiles.Territory{})
	e, err := db.Client.Establishment.Query().Where(establishment.Finess("420782559")).Only(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for z := sitetiles.SiteZoom; z <= sitetiles.MaxZoom; z++ {
		tile := maptile.At(orb.Point{*e.Longitude, *e.Latitude}, maptile.Zoom(z))
		data, err := v.Tile(z, int(tile.X), int(tile.Y))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range decode(t, data, tile).Features {
			if f.Properties["finess"] != e.Finess {
				continue
			}
			found = true
			p := f.Geometry.(orb.Point)
			if f.Properties["id"] != strconv.Itoa(e.ID) || f.Properties["label"] != e.Name || f.Properties["categoryCode"] != "101" ||
				math.Abs(p[0]-*e.Longitude) > 2e-4 || math.Abs(p[1]-*e.Latitude) > 2e-4 {
				t.Errorf("zoom %d: %v %v, want %d %q at %v,%v", z, p, f.Properties, e.ID, e.Name, *e.Longitude, *e.Latitude)
			}
		}
		if !found {
			t.Errorf("zoom %d: tile %v lacks the CHU", z, tile)
		}
	}
}

func TestETag(t *testing.T) {
	a, _ := time.Parse(time.DateOnly, "2021-06-01")
	b, _ := time.Parse(time.DateOnly, "2020-06-01")
	loire := sitetiles.Territory{Kind: "DEPARTMENT", Code: "42"}
	again := sitetiles.NewIndex(graph)
	if index.ETag(a, loire) != again.ETag(a, loire) {
		t.Error("the same sites give two ETags")
	}
	if index.ETag(a, loire) == index.ETag(b, loire) || index.ETag(a, loire) == index.ETag(a, sitetiles.Territory{}) {
		t.Error("two views share an ETag")
	}
}

func TestBounds(t *testing.T) {
	v := index.View(time.Now(), sitetiles.Territory{})
	for _, tt := range []struct {
		z, x, y int
		ok      bool
	}{
		{0, 0, 0, true}, {sitetiles.MaxZoom, 1<<sitetiles.MaxZoom - 1, 0, true},
		{-1, 0, 0, false}, {sitetiles.MaxZoom + 1, 0, 0, false}, {3, 8, 0, false}, {3, 0, 8, false}, {3, -1, 0, false},
	} {
		_, err := v.Tile(tt.z, tt.x, tt.y)
		if sitetiles.Valid(tt.z, tt.x, tt.y) != tt.ok || (err == nil) != tt.ok {
			t.Errorf("%d/%d/%d: valid %v, error %v; want valid %v", tt.z, tt.x, tt.y, sitetiles.Valid(tt.z, tt.x, tt.y), err, tt.ok)
		}
	}
	for _, s := range []string{"REGION", "REGION:", "PAYS:FR", "region:84", "DEPARTMENT:123456"} {
		if _, err := sitetiles.ParseTerritory(s); err == nil {
			t.Errorf("territory %q accepted", s)
		}
	}
}

// TestMemory measures what the server admits building an index and a
// view, and encoding a tile, at (server.tilesViewWeight, tileWeight).
func TestMemory(t *testing.T) {
	allocated := func(f func()) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	var v *sitetiles.View
	build := allocated(func() { v = sitetiles.NewIndex(graph).View(time.Now(), sitetiles.Territory{}) })
	// The busiest tile of single sites: Lyon at zoom 10 (1,931 sites).
	lyon := maptile.At(orb.Point{4.8357, 45.764}, sitetiles.SiteZoom)
	var size int
	encode := allocated(func() {
		data, err := v.Tile(int(lyon.Z), int(lyon.X), int(lyon.Y))
		if err != nil {
			t.Fatal(err)
		}
		size = len(data)
	})
	t.Logf("index and national view: %d MB allocated; a tile of %d bytes: %d kB allocated", build>>20, size, encode>>10)
	if build > 16<<20 || encode > 8<<20 {
		t.Errorf("index and view %d MB (admitted at 16), tile %d kB (admitted at 8,192)", build>>20, encode>>10)
	}
}
