package boundarytiles

import (
	"math"
	"runtime"
	"slices"
	"sort"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
)

var (
	lyon     = orb.Point{4.8357, 45.7640}
	stDenis  = orb.Point{55.4504, -20.8823} // La Réunion
	atlantic = orb.Point{-30, 40}
)

func load(t *testing.T) *Tiles {
	t.Helper()
	tl, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// decode returns each layer's codes, and the layers as read.
func decode(t *testing.T, gz []byte) (map[string][]string, mvt.Layers) {
	t.Helper()
	codes := map[string][]string{}
	if len(gz) == 0 {
		return codes, nil
	}
	layers, err := mvt.UnmarshalGzipped(gz)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range layers {
		for _, f := range l.Features {
			code := f.Properties.MustString("code")
			if f.Properties.MustString("nom", "") == "" {
				t.Errorf("layer %s, code %s: no nom", l.Name, code)
			}
			if !slices.Contains(codes[l.Name], code) {
				codes[l.Name] = append(codes[l.Name], code)
			}
		}
		sort.Strings(codes[l.Name])
	}
	return codes, layers
}

func TestTiles(t *testing.T) {
	tl := load(t)
	tests := []struct {
		name         string
		tile         maptile.Tile
		region, dept string // a code the tile holds in each layer; "" with empty
		regions      int    // how many régions, -1: not checked
		empty        bool
	}{
		// Guadeloupe, Martinique, La Réunion and Mayotte are under a pixel there: left out.
		{"the world", maptile.New(0, 0, 0), "84", "69", 14, false},
		{"La Réunion in a national view", maptile.At(stDenis, 5), "04", "974", -1, false},
		{"the national view around Lyon", maptile.At(lyon, 5), "84", "69", -1, false},
		{"Lyon at the deepest zoom", maptile.At(lyon, MaxZoom), "84", "69", 1, false},
		{"La Réunion at the deepest zoom", maptile.At(stDenis, MaxZoom), "04", "974", 1, false},
		{"the Atlantic", maptile.At(atlantic, 6), "", "", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gz, err := tl.Tile(int(tt.tile.Z), int(tt.tile.X), int(tt.tile.Y))
			if err != nil {
				t.Fatal(err)
			}
			codes, layers := decode(t, gz)
			if tt.empty {
				if len(gz) != 0 {
					t.Fatalf("%d bytes, want an empty tile: %v", len(gz), codes)
				}
				return
			}
			if !slices.Contains(codes["regions"], tt.region) || !slices.Contains(codes["departements"], tt.dept) {
				t.Errorf("régions %v, départements %v: want %s and %s among them", codes["regions"], codes["departements"], tt.region, tt.dept)
			}
			if tt.regions >= 0 && len(codes["regions"]) != tt.regions {
				t.Errorf("%d régions %v, want %d", len(codes["regions"]), codes["regions"], tt.regions)
			}
			// Every point within the tile and the buffer MapLibre clips to.
			for _, l := range layers {
				for _, f := range l.Features {
					b := f.Geometry.Bound()
					if !mvt.MapboxGLDefaultExtentBound.Contains(b.Min) || !mvt.MapboxGLDefaultExtentBound.Contains(b.Max) {
						t.Errorf("%s %v: bounds %v outside the tile's buffer", l.Name, f.Properties["code"], b)
					}
				}
			}
			again, _ := tl.Tile(int(tt.tile.Z), int(tt.tile.X), int(tt.tile.Y))
			if kept, ok := tl.Built(int(tt.tile.Z), int(tt.tile.X), int(tt.tile.Y)); !ok || &kept[0] != &gz[0] || &again[0] != &gz[0] {
				t.Error("the tile is built again instead of kept")
			}
		})
	}
}

// A served boundary says what the shipped one says: every point of a
// tile that is not on its clipping edge is a shipped point, to the
// tile's precision (a 4,096th of its width).
func TestTilesKeepTheShippedPoints(t *testing.T) {
	tl := load(t)
	var shipped []orb.Point
	for _, f := range tl.layers[1].features {
		if f.Properties["code"] == "69" {
			shipped = append(shipped, points(f.Geometry)...)
		}
	}
	if len(shipped) == 0 {
		t.Fatal("département 69 not shipped")
	}
	for _, z := range []maptile.Zoom{6, 8, MaxZoom} {
		tile := maptile.At(lyon, z)
		gz, err := tl.Tile(int(tile.Z), int(tile.X), int(tile.Y))
		if err != nil {
			t.Fatal(err)
		}
		_, layers := decode(t, gz)
		unit := (tile.Bound().Max[0] - tile.Bound().Min[0]) / float64(mvt.DefaultExtent)
		checked := 0
		for _, l := range layers {
			if l.Name != "departements" {
				continue
			}
			for _, f := range l.Features {
				if f.Properties.MustString("code") != "69" {
					continue
				}
				for _, p := range points(f.Geometry) {
					if p[0] <= mvt.MapboxGLDefaultExtentBound.Min[0] || p[0] >= mvt.MapboxGLDefaultExtentBound.Max[0] ||
						p[1] <= mvt.MapboxGLDefaultExtentBound.Min[1] || p[1] >= mvt.MapboxGLDefaultExtentBound.Max[1] {
						continue // made by clipping
					}
					w := wgs84(tile, p)
					best := math.Inf(1)
					for _, s := range shipped {
						best = min(best, math.Hypot(s[0]-w[0], s[1]-w[1]))
					}
					if best > unit {
						t.Fatalf("zoom %d: point %v is %.6f° from the nearest shipped point, more than the tile's precision %.6f°", z, w, best, unit)
					}
					checked++
				}
			}
		}
		if checked < 20 {
			t.Errorf("zoom %d: %d points of département 69 checked, want at least 20", z, checked)
		}
	}
}

func points(g orb.Geometry) []orb.Point {
	var out []orb.Point
	switch g := g.(type) {
	case orb.Polygon:
		for _, r := range g {
			out = append(out, r...)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			out = append(out, points(p)...)
		}
	}
	return out
}

// wgs84 is a tile point in degrees: the centre of the tile unit the
// point was floored to.
func wgs84(tile maptile.Tile, p orb.Point) orb.Point {
	n := float64(uint64(1) << tile.Z)
	x := (float64(tile.X) + (p[0]+0.5)/float64(mvt.DefaultExtent)) / n
	y := (float64(tile.Y) + (p[1]+0.5)/float64(mvt.DefaultExtent)) / n
	return orb.Point{x*360 - 180, math.Atan(math.Sinh(math.Pi*(1-2*y))) * 180 / math.Pi}
}

// The tiles a boundary meets, the only ones built and kept, are a
// finite set: what keeping them all costs is known.
func TestEveryTileIsBoundedAndKept(t *testing.T) {
	tl := load(t)
	total := 0
	for z := 0; z <= MaxZoom; z++ {
		meeting := tl.meeting(maptile.Zoom(z))
		total += len(meeting)
		// Every tile left out is empty: checked where the set is small enough to walk.
		if z <= 6 {
			for x := range 1 << z {
				for y := range 1 << z {
					tile := maptile.New(uint32(x), uint32(y), maptile.Zoom(z))
					if tl.meets(tile) != slices.Contains(meeting, tile) {
						t.Fatalf("tile %v: meets %v, listed %v", tile, tl.meets(tile), slices.Contains(meeting, tile))
					}
				}
			}
		}
	}
	// 1,766 tiles, 6.0 MB gzip-compressed when all are built (measured).
	if total != 1766 {
		t.Errorf("%d tiles meet a boundary up to zoom %d, want 1,766", total, MaxZoom)
	}
	n, err := tl.Warm(5)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1+4+4+8+7+12 {
		t.Errorf("Warm(5) built %d tiles, want 36", n)
	}
	for _, tile := range tl.meeting(5) {
		if _, ok := tl.Built(int(tile.Z), int(tile.X), int(tile.Y)); !ok {
			t.Errorf("tile %v not kept after Warm", tile)
		}
	}
}

// Building a tile allocates at most BuildBytes, what the server admits a
// build at: the world tile copies every shipped point.
func TestBuildMemory(t *testing.T) {
	tl := load(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if _, err := tl.build(maptile.New(0, 0, 0)); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("the world tile allocated %.1f MB", float64(allocated)/1e6)
	if allocated > BuildBytes {
		t.Errorf("building the world tile allocated %d bytes, more than BuildBytes (%d)", allocated, BuildBytes)
	}
}

func TestTileRefused(t *testing.T) {
	tl := load(t)
	for _, c := range [][3]int{{MaxZoom + 1, 0, 0}, {3, 8, 0}, {3, 0, -1}, {-1, 0, 0}} {
		if _, err := tl.Tile(c[0], c[1], c[2]); err == nil {
			t.Errorf("tile %v: no error", c)
		}
		if _, ok := tl.Built(c[0], c[1], c[2]); ok {
			t.Errorf("tile %v: Built says it is", c)
		}
	}
}

func TestBounds(t *testing.T) {
	b := load(t).Bounds()
	if len(b["regions"]) != 18 || len(b["departements"]) != 101 {
		t.Fatalf("%d régions, %d départements, want 18 and 101", len(b["regions"]), len(b["departements"]))
	}
	for _, tt := range []struct {
		layer, code string
		inside      orb.Point
	}{
		{"regions", "84", lyon},
		{"departements", "69", lyon},
		{"departements", "974", stDenis},
		{"regions", "04", stDenis},
	} {
		w := b[tt.layer][tt.code]
		box := orb.Bound{Min: orb.Point{w[0], w[1]}, Max: orb.Point{w[2], w[3]}}
		if !box.Contains(tt.inside) || w[2]-w[0] > 12 || w[3]-w[1] > 12 {
			t.Errorf("%s %s: bounds %v, want a box around %v", tt.layer, tt.code, w, tt.inside)
		}
	}
}
