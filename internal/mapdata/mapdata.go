// Package mapdata writes the map's layers as GeoJSON: the shipped région
// and département boundaries, simplified, and the sites in force as points.
package mapdata

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/paulmach/orb/simplify"

	"github.com/maillage/maillage/internal/coopgraph"
	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/period"
)

// BoundaryTolerance is how far, in degrees, a served boundary may stray
// from the shipped one (Douglas-Peucker): 0.001° is about 100 m, under
// a pixel up to zoom 9 and 1.5 pixels at zoom 10 (512-pixel tiles). It
// halves the régions' points (90,184 to 39,035) and the départements'
// (193,971 to 88,006), and with them what a browser parses and tiles
// before it draws the map.
const BoundaryTolerance = 0.001

var boundaries = map[string]func() ([]byte, error){}

func init() {
	for _, layer := range geo.BoundaryLayers {
		boundaries[layer] = sync.OnceValues(func() ([]byte, error) { return simplified(layer) })
	}
}

// BoundariesGzip returns a boundary layer ("regions" or "departements")
// as gzip-compressed GeoJSON, features with properties code and nom,
// simplified to BoundaryTolerance; built once.
func BoundariesGzip(layer string) ([]byte, error) {
	build, ok := boundaries[layer]
	if !ok {
		return nil, fmt.Errorf("no boundary layer %q: want regions or departements", layer)
	}
	return build()
}

// simplified reads a shipped boundary layer and simplifies its
// geometries.
func simplified(layer string) ([]byte, error) {
	fc, err := geo.ShippedBoundaries(layer)
	if err != nil {
		return nil, err
	}
	for _, f := range fc.Features {
		f.Geometry = simplify.DouglasPeucker(BoundaryTolerance).Simplify(f.Geometry)
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if err := json.NewEncoder(zw).Encode(fc); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type feature struct {
	Type       string         `json:"type"`
	Geometry   point          `json:"geometry"`
	Properties siteProperties `json:"properties"`
}

type point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

type siteProperties struct {
	ID            string `json:"id"`
	Label         string `json:"label"`
	Finess        string `json:"finess"`
	Category      string `json:"category"`
	CategoryCode  string `json:"categoryCode"`
	CategoryGroup string `json:"categoryGroup"`
	LegalEntity   string `json:"legalEntity,omitempty"`
	Commune       string `json:"commune,omitempty"`
	Department    string `json:"department"`
	Region        string `json:"region"`
}

// WriteSites writes sites as a GeoJSON FeatureCollection of points
// ([longitude, latitude], rounded to about a metre), IDs as the API's
// global IDs. Features are encoded one at a time, so that the national
// layer never exists whole in memory but as the compressed bytes it is
// written to.
func WriteSites(w io.Writer, sites []coopgraph.SitePoint) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	if _, err := bw.WriteString(`{"type":"FeatureCollection","features":[`); err != nil {
		return err
	}
	for i, s := range sites {
		p := siteProperties{ID: strconv.Itoa(s.ID), Label: s.Label, Finess: s.Finess, Category: s.Category,
			CategoryCode: s.CategoryCode, CategoryGroup: s.CategoryGroup, Commune: s.Commune, Department: s.Department, Region: s.Region}
		if s.LegalEntity != 0 {
			p.LegalEntity = strconv.Itoa(s.LegalEntity)
		}
		if i > 0 {
			if err := bw.WriteByte(','); err != nil {
				return err
			}
		}
		f := feature{Type: "Feature", Geometry: point{Type: "Point", Coordinates: [2]float64{round5(s.Longitude), round5(s.Latitude)}}, Properties: p}
		if err := enc.Encode(f); err != nil {
			return err
		}
	}
	if _, err := bw.WriteString("]}\n"); err != nil {
		return err
	}
	return bw.Flush()
}

// SitesGzip is WriteSites, gzip-compressed: the layer is large and served
// as is to every client.
func SitesGzip(sites []coopgraph.SitePoint) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if err := WriteSites(zw, sites); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func round5(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 5, 64), 64)
	return v
}

// Day is the day a layer is asked for: asOf written YYYY-MM-DD, or
// today when empty.
func Day(asOf string, now time.Time) (time.Time, error) {
	if asOf == "" {
		return period.Day(now), nil
	}
	return period.ParseDay(asOf)
}
