package finessplus

import (
	"math"
	"strings"

	"github.com/maillage/maillage/internal/coords"
)

// grid is a legal projection and where its sites lie (WGS84 degrees).
type grid struct {
	epsg                           int
	minLat, maxLat, minLon, maxLon float64
}

func (g grid) holds(lat, lon float64) bool {
	return lat >= g.minLat && lat <= g.maxLat && lon >= g.minLon && lon <= g.maxLon
}

var (
	metropole = grid{2154, 41.0, 51.5, -5.8, 10.0}
	antilles  = grid{5490, 14.0, 18.5, -63.5, -60.5}
	grids     = map[string]grid{
		"971": antilles, "972": antilles, "977": antilles, "978": antilles,
		"973": {2972, 1.8, 6.0, -54.8, -51.4},
		"974": {2975, -21.6, -20.7, 55.0, 56.0},
		"975": {4467, 46.6, 47.3, -56.6, -55.9},
		"976": {4471, -13.2, -12.5, 44.8, 45.5},
	}
)

// Department is the département of an INSEE commune code ("01053" →
// "01", "97105" → "971"), "" when the code is too short.
func Department(commune string) string {
	switch {
	case len(commune) >= 3 && (strings.HasPrefix(commune, "97") || strings.HasPrefix(commune, "98")):
		return commune[:3]
	case len(commune) >= 2:
		return commune[:2]
	}
	return ""
}

func gridOf(dep string) (grid, bool) {
	if g, ok := grids[dep]; ok {
		return g, true
	}
	if len(dep) == 2 && !strings.HasPrefix(dep, "97") && !strings.HasPrefix(dep, "98") {
		return metropole, true
	}
	return grid{}, false
}

// Located is where a position puts a site.
type Located struct {
	Latitude, Longitude float64
	// Swapped says coordonneeX held the northing and coordonneeY the
	// easting (ansforge/finess issue 24).
	Swapped bool
}

// Locate reads a position of a site in département dep. The order of
// coordonneeX and coordonneeY is not trusted: the daily flow swaps them
// (ansforge/finess issue 24), other files may not. Each reading — X/Y as
// given, X/Y swapped — is kept only when it falls where the département's
// projection applies; of those left, the
// nearest to near (the commune's centre, when known), else to the WGS84
// direction fields, else the first wins; the direction fields
// themselves are taken only when no X/Y reading is plausible. In the overseas UTM grids both
// orders can fall in the département (Guyane), hence the centre. ok is
// false when no reading is plausible.
func Locate(p *Position, dep string, near *[2]float64) (loc Located, ok bool) {
	if p == nil {
		return loc, false
	}
	g, known := gridOf(dep)
	type candidate struct {
		lat, lon float64
		swapped  bool
	}
	var cs []candidate
	project := func(x, y float64, swapped bool) {
		if !known {
			return
		}
		lon, lat, err := coords.ToWGS84(g.epsg, x, y)
		if err == nil && g.holds(lat, lon) {
			cs = append(cs, candidate{lat, lon, swapped})
		}
	}
	if p.X != nil && p.Y != nil {
		project(*p.X, *p.Y, false)
		project(*p.Y, *p.X, true)
	}
	var direction *[2]float64
	if p.Latitude != nil && p.Longitude != nil {
		lat, lon := *p.Latitude, *p.Longitude
		if known && g.holds(lat, lon) || !known && math.Abs(lat) <= 90 && math.Abs(lon) <= 180 {
			direction = &[2]float64{lat, lon}
		}
	}
	if len(cs) == 0 {
		// Only the direction fields: taken as they are.
		if direction == nil {
			return loc, false
		}
		return Located{Latitude: direction[0], Longitude: direction[1]}, true
	}
	ref := near
	if ref == nil {
		ref = direction
	}
	best := 0
	if ref != nil {
		for i := range cs {
			if distance(cs[i].lat, cs[i].lon, ref[0], ref[1]) < distance(cs[best].lat, cs[best].lon, ref[0], ref[1]) {
				best = i
			}
		}
	}
	c := cs[best]
	return Located{Latitude: c.lat, Longitude: c.lon, Swapped: c.swapped}, true
}

// distance is the great-circle distance in kilometres.
func distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}
