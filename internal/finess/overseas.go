package finess

import (
	"fmt"

	"github.com/maillage/maillage/internal/coords"
)

// overseasGrid is the legal UTM grid (EPSG code) FINESS positions of an
// overseas département are published in.
var overseasGrid = map[string]int{
	"971": 5490, // Guadeloupe, RGAF09 / UTM 20N
	"972": 5490, // Martinique
	"973": 2972, // Guyane, RGFG95 / UTM 22N
	"974": 2975, // La Réunion, RGR92 / UTM 40S
	"976": 4471, // Mayotte, RGM04 / UTM 38S
}

// RepairMisprojected undoes a known defect of the geolocated FINESS
// extracts converted to WGS84 by third parties (the 2021 FHIR
// conversion among them): overseas UTM positions were read as
// Lambert-93, landing sites in the Atlantic or in Africa. Projecting the
// wrong position back to Lambert-93 recovers the published easting and
// northing, which are then read in the département's own grid.
// Metropolitan sites are returned unchanged, with repaired false.
func RepairMisprojected(site string, lat, lon float64) (newLat, newLon float64, repaired bool, err error) {
	grid, overseas := overseasGrid[Department(site)]
	if !overseas {
		return lat, lon, false, nil
	}
	x, y, err := coords.FromWGS84(2154, lon, lat)
	if err != nil {
		return 0, 0, false, fmt.Errorf("site %s: %w", site, err)
	}
	newLon, newLat, err = coords.ToWGS84(grid, x, y)
	if err != nil {
		return 0, 0, false, fmt.Errorf("site %s: %w", site, err)
	}
	return newLat, newLon, true, nil
}
