package server_test

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

type siteLayer struct {
	Type     string `json:"type"`
	Features []struct {
		Geometry struct {
			Type        string     `json:"type"`
			Coordinates [2]float64 `json:"coordinates"`
		} `json:"geometry"`
		Properties map[string]string `json:"properties"`
	} `json:"features"`
}

// get fetches target, with or without gzip, and returns status, the
// Content-Encoding and the decoded body.
func get(t *testing.T, h http.Handler, target string, gz bool) (int, string, []byte) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	if gz {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body := io.Reader(rec.Body)
	enc := rec.Header().Get("Content-Encoding")
	if enc == "gzip" {
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		body = zr
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		t.Fatal(err)
	}
	return rec.Code, enc, raw
}

func TestSiteLayer(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			counts := map[string]int{}
			for _, tt := range []struct {
				asOf string
				gz   bool
			}{{"", true}, {"", false}, {"2021-06-01", true}, {"1950-01-01", true}} {
				code, enc, raw := get(t, b.handler, "/api/sites.geojson?asOf="+tt.asOf, tt.gz)
				if code != http.StatusOK || (enc == "gzip") != tt.gz {
					t.Fatalf("asOf %q gzip %v: status %d, encoding %q", tt.asOf, tt.gz, code, enc)
				}
				var layer siteLayer
				if err := json.Unmarshal(raw, &layer); err != nil {
					t.Fatalf("asOf %q: %v", tt.asOf, err)
				}
				counts[tt.asOf] = len(layer.Features)
				for _, f := range layer.Features {
					p := f.Properties
					if p["finess"] != "420782559" {
						continue
					}
					lon, lat := f.Geometry.Coordinates[0], f.Geometry.Coordinates[1]
					if f.Geometry.Type != "Point" || lat < 45.4 || lat > 45.42 || lon < 4.3 || lon > 4.5 ||
						p["department"] != "42" || p["region"] != "84" || p["categoryCode"] != "101" || p["legalEntity"] == "" || p["id"] == "" {
						t.Errorf("CHU de Saint-Étienne: %+v", f)
					}
				}
			}
			if counts[""] < 90000 || counts["2021-06-01"] < 90000 {
				t.Errorf("sites in force: %v, want the national register", counts)
			}
			if counts["1950-01-01"] >= counts[""] {
				t.Errorf("as of 1950, %d sites: dates not applied", counts["1950-01-01"])
			}
			if code, _, raw := get(t, b.handler, "/api/sites.geojson?asOf=2021-13-01", true); code != http.StatusBadRequest {
				t.Errorf("bad asOf: %d %s", code, raw)
			}
		})
	}
}

func TestBoundaryLayers(t *testing.T) {
	h := backends[0].handler
	tests := []struct {
		target string
		gz     bool
		status int
		count  int
	}{
		{"/api/boundaries/regions.geojson", true, http.StatusOK, 18},
		{"/api/boundaries/regions.geojson", false, http.StatusOK, 18},
		{"/api/boundaries/departements.geojson", true, http.StatusOK, 101},
		{"/api/boundaries/communes.geojson", true, http.StatusNotFound, 0},
		{"/api/boundaries/regions", true, http.StatusNotFound, 0},
	}
	for _, tt := range tests {
		code, _, raw := get(t, h, tt.target, tt.gz)
		if code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.target, code, tt.status)
			continue
		}
		if tt.status != http.StatusOK {
			continue
		}
		var layer struct {
			Features []struct {
				Properties struct{ Code, Nom string } `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal(raw, &layer); err != nil {
			t.Fatalf("%s: %v", tt.target, err)
		}
		if len(layer.Features) != tt.count || layer.Features[0].Properties.Code == "" || layer.Features[0].Properties.Nom == "" {
			t.Errorf("%s: %d features (%+v), want %d with code and nom", tt.target, len(layer.Features), layer.Features[0].Properties, tt.count)
		}
	}
}
