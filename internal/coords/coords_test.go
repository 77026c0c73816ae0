package coords

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/wroge/wgs84"
)

// TestVectors converts every vector of the FINESS documentation (real
// sites and third-party control points) within 1e-6°.
func TestVectors(t *testing.T) {
	f, err := os.Open("testdata/coordinate-test-vectors.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, r := range rows[1:] {
		t.Run(r[5], func(t *testing.T) {
			epsg, err := strconv.Atoi(strings.TrimPrefix(r[2], "EPSG:"))
			if err != nil {
				t.Fatal(err)
			}
			lon, lat, err := ToWGS84(epsg, num(r[0]), num(r[1]))
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(lon-num(r[3])) > 1e-6 || math.Abs(lat-num(r[4])) > 1e-6 {
				t.Errorf("EPSG:%d (%s, %s) → %.7f, %.7f, want %s, %s", epsg, r[0], r[1], lon, lat, r[3], r[4])
			}
			x, y, err := FromWGS84(epsg, lon, lat)
			if err != nil || math.Abs(x-num(r[0])) > 0.01 || math.Abs(y-num(r[1])) > 0.01 {
				t.Errorf("round trip gives %f, %f (%v)", x, y, err)
			}
		})
	}
}

func TestUnsupportedSystem(t *testing.T) {
	if _, _, err := ToWGS84(27572, 1, 1); err == nil || !strings.Contains(err.Error(), "EPSG:27572") {
		t.Errorf("error %v", err)
	}
}

// TestLibraryTransverseMercatorIsOff keeps the reason for tmerc.go in
// view: when the library's own Transverse Mercator agrees with PROJ on
// the vectors, tmerc.go should go and the library's be used.
func TestLibraryTransverseMercatorIsOff(t *testing.T) {
	lib := utm(grs80, 20, true)
	lib.Projection = wgs84.UTM(20, true).Projection
	lon, lat := lib.Projection.ToLonLat(657242.9, 1795384.4, grs80)
	if math.Abs(lon-(-61.528737)) <= 1e-6 && math.Abs(lat-16.234004) <= 1e-6 {
		t.Fatalf("github.com/wroge/wgs84's Transverse Mercator now agrees with PROJ (%.7f, %.7f): use it and remove tmerc.go", lon, lat)
	}
}
