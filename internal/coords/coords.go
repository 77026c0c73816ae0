// Package coords converts the projected coordinates French registers
// publish (Lambert-93 in metropolitan France, UTM overseas) to WGS84
// longitude and latitude, and back, in pure Go: Lambert-93 by
// github.com/wroge/wgs84, UTM by Krüger's series (tmerc.go says why).
//
// Every system here is on a datum that PROJ relates to WGS84 by a null
// transformation (RGF93, RGAF09, RRAF 1991, RGFG95, RGR92, RGM04 and
// RGSPM06 are realisations of the ITRS, like WGS 84 at the metre level):
// PROJ converts by inverting the projection on the system's own
// ellipsoid and keeps the geographic coordinates as they are. We do the
// same, rather than passing through geocentric coordinates with a zero
// shift between GRS80 and WGS84, which would move latitudes by up to a
// few 1e-9°.
package coords

import (
	"fmt"
	"math"

	"github.com/wroge/wgs84"
)

// system is one projected coordinate reference system: a projection on
// an ellipsoid.
type system struct {
	name       string
	projection wgs84.ProjectedReferenceSystem
}

func (s system) spheroid() wgs84.Spheroid { return s.projection.Datum }

// grs80 is the datum of the French legal systems, seen from here: the
// GRS80 ellipsoid with no shift to WGS84.
var grs80 = wgs84.Datum{Spheroid: wgs84.GRS80{}}

// utm is the UTM grid of zone on datum d.
func utm(d wgs84.Datum, zone float64, north bool) wgs84.ProjectedReferenceSystem {
	falseNorthing := 0.0
	if !north {
		falseNorthing = 10_000_000
	}
	return wgs84.ProjectedReferenceSystem{Datum: d, Projection: transverseMercator{
		centralMeridian: zone*6 - 183, scale: 0.9996, falseEasting: 500_000, falseNorthing: falseNorthing,
	}}
}

// Systems the registers use, by EPSG code: Lambert-93 and the UTM grids
// of the overseas départements, on their legal datums and on WGS84.
var supported = map[int]system{
	2154:  {"RGF93 / Lambert-93", grs80.LambertConformalConic2SP(3, 46.5, 49, 44, 700_000, 6_600_000)},
	5490:  {"RGAF09 / UTM 20N (Guadeloupe, Martinique)", utm(grs80, 20, true)},
	4559:  {"RRAF 1991 / UTM 20N (Antilles, legacy)", utm(grs80, 20, true)},
	2972:  {"RGFG95 / UTM 22N (Guyane)", utm(grs80, 22, true)},
	2975:  {"RGR92 / UTM 40S (La Réunion)", utm(grs80, 40, false)},
	4471:  {"RGM04 / UTM 38S (Mayotte)", utm(grs80, 38, false)},
	4467:  {"RGSPM06 / UTM 21N (Saint-Pierre-et-Miquelon)", utm(grs80, 21, true)},
	32620: {"WGS 84 / UTM 20N", utm(wgs84.WGS84(), 20, true)},
	32621: {"WGS 84 / UTM 21N", utm(wgs84.WGS84(), 21, true)},
	32622: {"WGS 84 / UTM 22N", utm(wgs84.WGS84(), 22, true)},
	32738: {"WGS 84 / UTM 38S", utm(wgs84.WGS84(), 38, false)},
	32740: {"WGS 84 / UTM 40S", utm(wgs84.WGS84(), 40, false)},
}

// Supported reports whether epsg is a system this package converts.
func Supported(epsg int) bool { _, ok := supported[epsg]; return ok }

// Name is the name of the EPSG system epsg, or "" when not supported.
func Name(epsg int) string { return supported[epsg].name }

func finite(a, b float64) bool {
	return !math.IsInf(a, 0) && !math.IsInf(b, 0) && !math.IsNaN(a) && !math.IsNaN(b)
}

// ToWGS84 converts easting x and northing y in the EPSG system epsg to
// WGS84 longitude and latitude in degrees.
func ToWGS84(epsg int, x, y float64) (lon, lat float64, err error) {
	s, ok := supported[epsg]
	if !ok {
		return 0, 0, fmt.Errorf("unsupported coordinate system EPSG:%d", epsg)
	}
	lon, lat = s.projection.Projection.ToLonLat(x, y, s.spheroid())
	if !finite(lon, lat) || math.Abs(lat) > 90 {
		return 0, 0, fmt.Errorf("EPSG:%d point (%g, %g) has no WGS84 position", epsg, x, y)
	}
	return lon, lat, nil
}

// FromWGS84 converts WGS84 longitude and latitude to the EPSG system
// epsg; it is the inverse of ToWGS84.
func FromWGS84(epsg int, lon, lat float64) (x, y float64, err error) {
	s, ok := supported[epsg]
	if !ok {
		return 0, 0, fmt.Errorf("unsupported coordinate system EPSG:%d", epsg)
	}
	if !finite(lon, lat) || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
		return 0, 0, fmt.Errorf("WGS84 point (%g, %g) has no EPSG:%d position", lon, lat, epsg)
	}
	x, y = s.projection.Projection.FromLonLat(lon, lat, s.spheroid())
	if !finite(x, y) {
		return 0, 0, fmt.Errorf("WGS84 point (%g, %g) has no EPSG:%d position", lon, lat, epsg)
	}
	return x, y, nil
}
