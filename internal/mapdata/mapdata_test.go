package mapdata_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/maillage/maillage/data"
	"github.com/maillage/maillage/internal/mapdata"
)

func read(t *testing.T, gz []byte) *geojson.FeatureCollection {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(text)
	if err != nil {
		t.Fatal(err)
	}
	return fc
}

func points(g orb.Geometry) int {
	n := 0
	switch g := g.(type) {
	case orb.Polygon:
		for _, r := range g {
			n += len(r)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			n += points(p)
		}
	}
	return n
}

// The served boundaries are the shipped ones, each within the tolerance
// of its original and with fewer points.
func TestBoundariesSimplified(t *testing.T) {
	for _, tt := range []struct {
		layer, file string
		features    int
	}{{"regions", "geo/regions.geojson.gz", 18}, {"departements", "geo/departements.geojson.gz", 101}} {
		served, err := mapdata.BoundariesGzip(tt.layer)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := data.ReadRaw(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		got, want := read(t, served), read(t, raw)
		if len(got.Features) != tt.features || len(want.Features) != tt.features {
			t.Fatalf("%s: %d features served, %d shipped, want %d", tt.layer, len(got.Features), len(want.Features), tt.features)
		}
		before, after := 0, 0
		for i, f := range got.Features {
			w := want.Features[i]
			if f.Properties["code"] != w.Properties["code"] || f.Properties["nom"] != w.Properties["nom"] {
				t.Errorf("%s: feature %d is %v, shipped %v", tt.layer, i, f.Properties, w.Properties)
			}
			gb, wb := f.Geometry.Bound(), w.Geometry.Bound()
			for _, d := range []float64{gb.Min[0] - wb.Min[0], gb.Min[1] - wb.Min[1], gb.Max[0] - wb.Max[0], gb.Max[1] - wb.Max[1]} {
				if d > mapdata.BoundaryTolerance || d < -mapdata.BoundaryTolerance {
					t.Errorf("%s %v: bounds %v, shipped %v", tt.layer, w.Properties["code"], gb, wb)
				}
			}
			before += points(w.Geometry)
			after += points(f.Geometry)
		}
		if after*2 > before+before/10 {
			t.Errorf("%s: %d points served of %d shipped", tt.layer, after, before)
		}
		t.Logf("%s: %d points served of %d shipped, %d bytes of %d", tt.layer, after, before, len(served), len(raw))
	}
}
