// Package boundarytiles serves the shipped région and département
// boundaries as Mapbox Vector Tiles, and each territory's bounds: a map
// then reads, for its view, the boundaries clipped to the view's few
// tiles and simplified to their pixels, instead of parsing and tiling
// every point of the country before it draws anything.
//
// A tile has two layers, "regions" and "departements", polygons with the
// properties code and nom. Its work is bounded by construction: it
// projects, clips and simplifies only the features whose bounds meet it,
// at most every point of the two files (284,155), and a tile is built once
// — the boundaries never change while the server runs, and the tiles
// that hold a feature are a finite set (TestEveryTileIsBoundedAndKept).
package boundarytiles

import (
	"fmt"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/simplify"

	"github.com/maillage/maillage/internal/geo"
)

const (
	// MaxZoom is the deepest tile served: about 39 km wide, half a pixel
	// there is about 38 m, finer than the shipped boundaries. A map draws
	// deeper zooms from these tiles.
	MaxZoom = 10
	// BuildBytes bounds the memory building one tile allocates: at most
	// every shipped point is copied, projected, clipped and simplified
	// (TestBuildMemory measures the world tile, which holds them all:
	// 22.5 MB).
	BuildBytes = 32 << 20
	// tolerance is how far, in tile units (4,096 a side, 512 pixels), a
	// served line may stray from the shipped one: half a pixel.
	tolerance = float64(mvt.DefaultExtent) / 512 / 2
)

// Tiles are the boundaries' tiles, built on first request and kept.
type Tiles struct {
	layers []layer
	mu     sync.Mutex
	built  map[maptile.Tile][]byte // gzip-compressed tiles
	builds sync.Mutex              // one build at a time: a tile asked twice at once is built once
}

type layer struct {
	name     string
	features []*geojson.Feature
	bounds   []orb.Bound
}

// Load reads the shipped boundaries.
func Load() (*Tiles, error) {
	t := &Tiles{built: map[maptile.Tile][]byte{}}
	for _, name := range geo.BoundaryLayers {
		fc, err := geo.ShippedBoundaries(name)
		if err != nil {
			return nil, err
		}
		l := layer{name: name}
		for i, feat := range fc.Features {
			code, ok := feat.Properties["code"].(string)
			if !ok || code == "" {
				return nil, fmt.Errorf("%s boundaries: feature %d: property code missing", name, i)
			}
			if _, ok := feat.Geometry.(orb.Polygon); !ok {
				if _, ok := feat.Geometry.(orb.MultiPolygon); !ok {
					return nil, fmt.Errorf("%s boundaries: feature %d (code %s): geometry %s, want Polygon or MultiPolygon", name, i, code, feat.Geometry.GeoJSONType())
				}
			}
			kept := geojson.NewFeature(feat.Geometry)
			kept.Properties = geojson.Properties{"code": code, "nom": feat.Properties["nom"]}
			l.features = append(l.features, kept)
			l.bounds = append(l.bounds, feat.Geometry.Bound())
		}
		t.layers = append(t.layers, l)
	}
	return t, nil
}

// Valid says whether z/x/y names a tile served.
func Valid(z, x, y int) bool {
	return z >= 0 && z <= MaxZoom && x >= 0 && y >= 0 && x < 1<<z && y < 1<<z
}

// Built returns tile z/x/y, gzip-compressed, when it costs nothing to
// answer: built before, or empty (no boundary meets it).
func (t *Tiles) Built(z, x, y int) ([]byte, bool) {
	if !Valid(z, x, y) {
		return nil, false
	}
	tile := maptile.New(uint32(x), uint32(y), maptile.Zoom(z))
	if !t.meets(tile) {
		return []byte{}, true
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	gz, ok := t.built[tile]
	return gz, ok
}

// Tile returns tile z/x/y, gzip-compressed (an empty slice when no
// boundary meets it), building it the first time.
func (t *Tiles) Tile(z, x, y int) ([]byte, error) {
	if !Valid(z, x, y) {
		return nil, fmt.Errorf("tile %d/%d/%d: zoom from 0 to %d, x and y from 0 to 2^z-1", z, x, y, MaxZoom)
	}
	if gz, ok := t.Built(z, x, y); ok {
		return gz, nil
	}
	tile := maptile.New(uint32(x), uint32(y), maptile.Zoom(z))
	t.builds.Lock()
	defer t.builds.Unlock()
	if gz, ok := t.Built(z, x, y); ok {
		return gz, nil
	}
	gz, err := t.build(tile)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	t.built[tile] = gz
	t.mu.Unlock()
	return gz, nil
}

// Warm builds every tile up to zoom that a boundary meets, and says how
// many that is.
func (t *Tiles) Warm(zoom int) (int, error) {
	n := 0
	for z := 0; z <= min(zoom, MaxZoom); z++ {
		for _, tile := range t.meeting(maptile.Zoom(z)) {
			if _, err := t.Tile(int(tile.Z), int(tile.X), int(tile.Y)); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// meeting lists the tiles of zoom z that a boundary meets.
func (t *Tiles) meeting(z maptile.Zoom) []maptile.Tile {
	seen := map[maptile.Tile]bool{}
	var out []maptile.Tile
	for _, l := range t.layers {
		for _, b := range l.bounds {
			// Tiles whose area (tile and buffer) may meet b: those under b
			// grown by a buffer, then checked one by one.
			lo := maptile.At(orb.Point{b.Min[0], b.Max[1]}, z)
			hi := maptile.At(orb.Point{b.Max[0], b.Min[1]}, z)
			for x := max(int(lo.X)-1, 0); x <= min(int(hi.X)+1, 1<<z-1); x++ {
				for y := max(int(lo.Y)-1, 0); y <= min(int(hi.Y)+1, 1<<z-1); y++ {
					tile := maptile.New(uint32(x), uint32(y), z)
					if !seen[tile] && area(tile).Intersects(b) {
						seen[tile] = true
						out = append(out, tile)
					}
				}
			}
		}
	}
	return out
}

// area is what a tile draws: its bound and the buffer around it that
// MapLibre's clipping expects (mvt.MapboxGLDefaultExtentBound, 1/16 of
// the tile on each side), in degrees.
func area(tile maptile.Tile) orb.Bound {
	b := tile.Bound()
	dx, dy := (b.Max[0]-b.Min[0])/16, (b.Max[1]-b.Min[1])/16
	return orb.Bound{Min: orb.Point{b.Min[0] - dx, b.Min[1] - dy}, Max: orb.Point{b.Max[0] + dx, b.Max[1] + dy}}
}

// meets says whether a boundary's bounds meet the tile.
func (t *Tiles) meets(tile maptile.Tile) bool {
	a := area(tile)
	for _, l := range t.layers {
		for _, b := range l.bounds {
			if a.Intersects(b) {
				return true
			}
		}
	}
	return false
}

// build projects, clips and simplifies the features that meet tile.
func (t *Tiles) build(tile maptile.Tile) ([]byte, error) {
	a := area(tile)
	layers := make(mvt.Layers, 0, len(t.layers))
	for _, l := range t.layers {
		fc := geojson.NewFeatureCollection()
		for i, f := range l.features {
			if !a.Intersects(l.bounds[i]) {
				continue
			}
			c := geojson.NewFeature(orb.Clone(f.Geometry)) // projecting writes over the points
			c.Properties = f.Properties
			fc.Append(c)
		}
		layers = append(layers, mvt.NewLayer(l.name, fc))
	}
	layers.ProjectToTile(tile)
	layers.Clip(mvt.MapboxGLDefaultExtentBound)
	layers.Simplify(simplify.DouglasPeucker(tolerance))
	layers.RemoveEmpty(tolerance, tolerance*tolerance)
	return mvt.MarshalGzipped(layers)
}

// Bounds are each territory's bounds, [west, south, east, north] in
// degrees, by layer ("regions", "departements") and code.
func (t *Tiles) Bounds() map[string]map[string][4]float64 {
	out := map[string]map[string][4]float64{}
	for _, l := range t.layers {
		m := map[string][4]float64{}
		for i, f := range l.features {
			code := f.Properties["code"].(string)
			b := l.bounds[i]
			if seen, ok := m[code]; ok { // a territory drawn as several features
				b = b.Union(orb.Bound{Min: orb.Point{seen[0], seen[1]}, Max: orb.Point{seen[2], seen[3]}})
			}
			m[code] = [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
		}
		out[l.name] = m
	}
	return out
}
