// Package sitetiles serves the map's sites as Mapbox Vector Tiles: one
// layer, "sites", of points, each tile's work bounded by construction.
//
// The index. A register layer's sites with coordinates are sorted once by
// their quadkey at zoom 24 (Z-order: a tile's sites, at any zoom up to 24,
// are one contiguous run of the order). A view — the sites in force on a
// day, in a territory or everywhere — keeps that order and the running
// sums of the sites' positions (built in one pass over the index, once
// per day and territory asked). Finding a tile's sites, or counting them
// and placing their centroid, is then two binary searches.
//
// The rule. Short of MaxZoom, a tile holds at most MaxSites single sites.
// Below SiteZoom, or wherever a tile would hold more than MaxSites, it
// holds instead one feature per cell of an 8×8 grid (64 px on a 512 px
// tile) that has sites: a lone site as itself, several as a cluster at
// their centroid with their count (point_count). So a tile holds at most
// max(MaxSites, 64) features, and a tile of clusters costs 64 pairs of
// binary searches whatever the number of sites under it. MaxZoom is the
// deepest tile served (about 2.4 km wide): its tiles hold every site
// alone, whatever their number (the shipped register's densest holds 167,
// a test says), and a map draws deeper zooms from them.
package sitetiles

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"

	"github.com/maillage/maillage/internal/coopgraph"
	"github.com/maillage/maillage/internal/period"
)

const (
	// LayerName names the tiles' one layer.
	LayerName = "sites"
	// MaxZoom is the deepest zoom served.
	MaxZoom = 14
	// SiteZoom is the first zoom whose tiles hold single sites (when
	// they hold at most MaxSites).
	SiteZoom = 10
	// MaxSites is the most single sites a tile holds.
	MaxSites = 2000
	// cellBits: a cluster tile's grid is 2^cellBits cells a side.
	cellBits = 3
	// indexZoom is the zoom of the quadkeys sites are sorted by.
	indexZoom = 24
	// extent is the tiles' coordinate range.
	extent = mvt.DefaultExtent
)

// Index is the positions of a register layer's sites, in quadkey order.
type Index struct {
	g    *coopgraph.Graph
	keys []uint64 // quadkey at indexZoom
	refs []coopgraph.SiteRef
	x, y []float64         // position at indexZoom, in tiles
	sum  [sha256.Size]byte // what the index holds, for ETags
}

// NewIndex indexes g's sites with coordinates.
func NewIndex(g *coopgraph.Graph) *Index {
	refs := g.PlacedSites()
	ix := &Index{g: g, keys: make([]uint64, len(refs)), refs: refs, x: make([]float64, len(refs)), y: make([]float64, len(refs))}
	for i, r := range refs {
		s := g.Site(r)
		f := maptile.Fraction(orb.Point{s.Longitude, s.Latitude}, indexZoom)
		ix.x[i], ix.y[i] = f[0], f[1]
		ix.keys[i] = maptile.New(uint32(f[0]), uint32(f[1]), indexZoom).Quadkey()
	}
	sort.Sort(byKey{ix})
	h := sha256.New()
	var buf []byte
	for _, r := range ix.refs {
		s := g.Site(r)
		buf = strconv.AppendInt(buf[:0], int64(s.ID), 10)
		for _, f := range [...]string{s.Label, s.Finess, s.Category, s.CategoryCode, s.CategoryGroup, s.Region, s.Department, s.Commune, day(s.From), day(s.To)} {
			buf = append(append(buf, 0), f...)
		}
		buf = strconv.AppendFloat(append(buf, 0), s.Latitude, 'g', -1, 64)
		buf = strconv.AppendFloat(append(buf, 0), s.Longitude, 'g', -1, 64)
		h.Write(append(buf, '\n'))
	}
	h.Sum(ix.sum[:0])
	return ix
}

func day(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

// ETag names the tiles of the view on day in t, from what the index
// holds: the same sites give the same ETag, across restarts and servers;
// any change to them, another.
func (ix *Index) ETag(day time.Time, t Territory) string {
	h := sha256.New()
	h.Write(ix.sum[:])
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d/%d/%d", day.Format(time.DateOnly), t.Kind, t.Code, MaxSites, SiteZoom, cellBits)
	return `W/"` + hex.EncodeToString(h.Sum(nil)[:16]) + `"`
}

type byKey struct{ *Index }

func (b byKey) Len() int           { return len(b.keys) }
func (b byKey) Less(i, j int) bool { return b.keys[i] < b.keys[j] }
func (b byKey) Swap(i, j int) {
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
	b.refs[i], b.refs[j] = b.refs[j], b.refs[i]
	b.x[i], b.x[j] = b.x[j], b.x[i]
	b.y[i], b.y[j] = b.y[j], b.y[i]
}

// Territory restricts a view to a région, département or commune; the
// zero Territory is everywhere.
type Territory struct {
	Kind string // REGION, DEPARTMENT or COMMUNE
	Code string
}

// ParseTerritory reads "KIND:CODE" (REGION:84, DEPARTMENT:42,
// COMMUNE:42218); "" is everywhere.
func ParseTerritory(s string) (Territory, error) {
	if s == "" {
		return Territory{}, nil
	}
	kind, code, ok := strings.Cut(s, ":")
	if !ok || code == "" || len(code) > 5 {
		return Territory{}, fmt.Errorf("%q: want REGION:code, DEPARTMENT:code or COMMUNE:code", s)
	}
	switch kind {
	case "REGION", "DEPARTMENT", "COMMUNE":
		return Territory{Kind: kind, Code: code}, nil
	}
	return Territory{}, fmt.Errorf("%q: want REGION:code, DEPARTMENT:code or COMMUNE:code", s)
}

func (t Territory) holds(s *coopgraph.SitePoint) bool {
	switch t.Kind {
	case "REGION":
		return s.Region == t.Code
	case "DEPARTMENT":
		return s.Department == t.Code
	case "COMMUNE":
		return s.Commune == t.Code
	}
	return true
}

// View is the index's sites in force on a day in a territory, in quadkey
// order, with the running sums of their positions.
type View struct {
	ix     *Index
	keys   []uint64
	at     []int32   // position in ix
	sx, sy []float64 // sums of the positions of the first i sites
}

// View selects the sites in force on day in t: one pass over the index.
func (ix *Index) View(day time.Time, t Territory) *View {
	n := len(ix.refs) // at most
	v := &View{ix: ix, keys: make([]uint64, 0, n), at: make([]int32, 0, n), sx: make([]float64, 1, n+1), sy: make([]float64, 1, n+1)}
	for i, r := range ix.refs {
		s := ix.g.Site(r)
		if !period.Holds(s.From, s.To, day) || !t.holds(&s) {
			continue
		}
		v.keys = append(v.keys, ix.keys[i])
		v.at = append(v.at, int32(i))
		v.sx = append(v.sx, v.sx[len(v.sx)-1]+ix.x[i])
		v.sy = append(v.sy, v.sy[len(v.sy)-1]+ix.y[i])
	}
	return v
}

// Len is the number of sites in the view.
func (v *View) Len() int { return len(v.keys) }

// Bytes is about the memory the view holds.
func (v *View) Bytes() int { return len(v.keys) * (8 + 4 + 16) }

// span returns the view's sites in tile (z, x, y): positions [i, j).
func (v *View) span(z, x, y uint32) (int, int) {
	shift := 2 * (indexZoom - z)
	q := maptile.New(x, y, maptile.Zoom(z)).Quadkey()
	lo, hi := q<<shift, (q+1)<<shift
	i := sort.Search(len(v.keys), func(k int) bool { return v.keys[k] >= lo })
	j := i + sort.Search(len(v.keys)-i, func(k int) bool { return v.keys[i+k] >= hi })
	return i, j
}

// Valid says whether z/x/y names a tile this package serves.
func Valid(z, x, y int) bool {
	return z >= 0 && z <= MaxZoom && x >= 0 && y >= 0 && x < 1<<z && y < 1<<z
}

// Tile encodes tile z/x/y (Valid) of the view, uncompressed.
func (v *View) Tile(z, x, y int) ([]byte, error) {
	if !Valid(z, x, y) {
		return nil, fmt.Errorf("tile %d/%d/%d: out of range (zoom 0 to %d)", z, x, y, MaxZoom)
	}
	tz, tx, ty := uint32(z), uint32(x), uint32(y)
	i, j := v.span(tz, tx, ty)
	scale := float64(uint32(1) << (indexZoom - tz)) // index units per tile
	toTile := func(px, py float64) orb.Point {
		return orb.Point{float64(int((px/scale - float64(tx)) * extent)), float64(int((py/scale - float64(ty)) * extent))}
	}
	var features []*geojson.Feature
	if z == MaxZoom || z >= SiteZoom && j-i <= MaxSites {
		features = make([]*geojson.Feature, 0, j-i)
		for k := i; k < j; k++ {
			features = append(features, v.site(k, toTile))
		}
	} else if j > i {
		const side = 1 << cellBits
		cz := tz + cellBits
		for cy := range uint32(side) {
			for cx := range uint32(side) {
				ci, cj := v.span(cz, tx<<cellBits+cx, ty<<cellBits+cy)
				switch n := cj - ci; {
				case n == 1:
					features = append(features, v.site(ci, toTile))
				case n > 1:
					c := float64(n)
					f := geojson.NewFeature(toTile((v.sx[cj]-v.sx[ci])/c, (v.sy[cj]-v.sy[ci])/c))
					// A cell's number among all cells of its zoom: unique on the map.
					first := (uint64(1)<<(2*cz) - 1) / 3
					f.Properties = geojson.Properties{
						"point_count": n,
						"cluster_id":  first + maptile.New(tx<<cellBits+cx, ty<<cellBits+cy, maptile.Zoom(cz)).Quadkey(),
					}
					features = append(features, f)
				}
			}
		}
	}
	layer := &mvt.Layer{Name: LayerName, Version: 2, Extent: extent, Features: features}
	return mvt.Marshal(mvt.Layers{layer})
}

// site is the view's k-th site as a feature, with the properties the map
// shows and opens it by.
func (v *View) site(k int, toTile func(x, y float64) orb.Point) *geojson.Feature {
	at := v.at[k]
	s := v.ix.g.Site(v.ix.refs[at])
	f := geojson.NewFeature(toTile(v.ix.x[at], v.ix.y[at]))
	f.ID = s.ID
	f.Properties = geojson.Properties{
		"id":            strconv.Itoa(s.ID),
		"label":         s.Label,
		"finess":        s.Finess,
		"category":      s.Category,
		"categoryCode":  s.CategoryCode,
		"categoryGroup": s.CategoryGroup,
	}
	return f
}
