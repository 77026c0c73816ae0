package finessplus

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func f64(v float64) *float64 { return &v }

// TestLocate reads real vectors both ways: as published (x = easting) and
// swapped as the daily flow writes them (ansforge/finess issue 24). The
// vectors are those of the shared coordinate test file (PROJ-checked
// WGS84 values) and two addresses of the real excerpt.
func TestLocate(t *testing.T) {
	cayenne := &[2]float64{4.9372, -52.3260}
	tests := []struct {
		name     string
		dep      string
		x, y     float64
		lat, lon float64
		near     *[2]float64
	}{
		{"CH de Fleyriat 2026, Lambert-93", "01", 870262.2, 6571540.8, 46.222286, 5.209181, nil},
		{"pharmacie Ambérieu 2016, Lambert-93", "01", 881535.0, 6542158.6, 45.954886, 5.344050, nil},
		{"Polyclinique de la Guadeloupe, UTM 20N", "971", 657242.9, 1795384.4, 16.234004, -61.528737, nil},
		{"Réunion control point, UTM 40S", "974", 323086.6, 7679599.8, -20.975711, 55.298207, nil},
		{"Mayotte control point, UTM 38S", "976", 524819.9, 8587194.7, -12.779886, 45.228678, nil},
		{"Saint-Pierre-et-Miquelon control point, UTM 21N", "975", 563213.8, 5180306.8, 46.773315, -56.172013, nil},
		// Both orders fall in Guyane: the commune's centre decides.
		{"Guyane control point, UTM 22N", "973", 353672.8, 544349.1, 4.923467, -52.319727, cayenne},
	}
	for _, tt := range tests {
		for _, swapped := range []bool{false, true} {
			x, y := tt.x, tt.y
			if swapped {
				x, y = y, x
			}
			loc, ok := Locate(&Position{X: &x, Y: &y}, tt.dep, tt.near)
			if !ok || loc.Swapped != swapped || math.Abs(loc.Latitude-tt.lat) > 1e-5 || math.Abs(loc.Longitude-tt.lon) > 1e-5 {
				t.Errorf("%s (swapped %v): got %+v %v, want %.6f %.6f swapped %v", tt.name, swapped, loc, ok, tt.lat, tt.lon, swapped)
			}
		}
	}
}

// TestLocateExcerpt: the excerpt's addresses carry the swap and WGS84
// direction fields, which the swapped reading must agree with.
func TestLocateExcerpt(t *testing.T) {
	var got []*Position
	var sites int
	if _, err := Stream(excerpt, openTestdata(t, excerpt), func(e *LegalEntity) error {
		for _, s := range e.Sites {
			sites++
			if s.Position != nil {
				got = append(got, s.Position)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if sites == 0 || len(got) == 0 {
		t.Fatalf("%d sites, %d positions", sites, len(got))
	}
	for _, p := range got {
		loc, ok := Locate(&Position{X: p.X, Y: p.Y}, "01", nil)
		if !ok || !loc.Swapped || distance(loc.Latitude, loc.Longitude, *p.Latitude, *p.Longitude) > 0.05 {
			t.Errorf("%s: got %+v %v, want swapped, near %v %v", p.Path, loc, ok, *p.Latitude, *p.Longitude)
		}
	}
}

func TestLocateFallbacks(t *testing.T) {
	// No X/Y: the direction fields.
	if loc, ok := Locate(&Position{Latitude: f64(46.2), Longitude: f64(5.25)}, "01", nil); !ok || loc.Latitude != 46.2 || loc.Swapped {
		t.Errorf("direction only: %+v %v", loc, ok)
	}
	// Nothing plausible for the département: no position.
	if _, ok := Locate(&Position{X: f64(1), Y: f64(2), Latitude: f64(-20), Longitude: f64(55)}, "01", nil); ok {
		t.Error("implausible position accepted")
	}
	// A territory without a supported grid (Wallis-et-Futuna): WGS84 only.
	if _, ok := Locate(&Position{X: f64(1), Y: f64(2)}, "986", nil); ok {
		t.Error("X/Y read without a grid")
	}
}

func openTestdata(t *testing.T, name string) *os.File {
	t.Helper()
	fh, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fh.Close() })
	return fh
}

func TestStreamEntities(t *testing.T) {
	var got []*LegalEntity
	f, err := Stream(excerpt, openTestdata(t, excerpt), func(e *LegalEntity) error { got = append(got, e); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if f.Entities != 2 || len(got) != 2 || len(f.Groupings) != 19 {
		t.Fatalf("%d entities (%d handed), %d groupings", f.Entities, len(got), len(f.Groupings))
	}
	e := got[0]
	if e.Finess != "010000156" || e.Name != "CLINIQUE CONVERT" || e.SIREN != "772201489" || e.LegalStatus != "73" || !e.Active || dateString(e.ValidFrom) != "2001-01-01" || e.ValidTo != nil || dateString(e.Updated) != "2021-10-18" {
		t.Errorf("entity: %+v", e)
	}
	s := e.Sites[0]
	if len(e.Sites) != 1 || s.Finess != "010780195" || s.Name != "CLINIQUE CONVERT" || s.LongName != "CLINIQUE DOCTEUR CONVERT" || s.Category != "365" ||
		s.CommuneCode != "01053" || s.PostalCode != "01000" || s.City != "BOURG EN BRESSE" || s.Address != "62 AVENUE DE JASSERON" ||
		s.Phone != "0428631234" || s.SIRET != "77220148900022" || dateString(s.ValidFrom) != "1956-11-16" || s.Position == nil {
		t.Errorf("site: %+v", s)
	}
	w := got[1]
	if w.Finess != "980600019" || len(w.Sites) != 2 || w.Sites[0].Position != nil || w.Sites[1].CommuneCode != "98611" {
		t.Errorf("Wallis: %+v", w)
	}
}

func TestStreamErrors(t *testing.T) {
	const file = `{"generatedAt":"2026-03-09","pmej":[{"informationsGeneralesPMEJ":{"pmSmsseId":"2","numFinessPm":"010000156","denominationPm":"X"},
"ege":[{"informationsGeneralesEGE":{"egeId":"7","numFinessEge":"010780195"},"adresse":[{"coordonneesGeographique":{"coordonneeX":"abc"}}]}]}]}`
	_, err := Stream("s.json", strings.NewReader(file), func(*LegalEntity) error { return nil })
	want := `s.json: pmej[0].ege[0].adresse[0].coordonneesGeographique.coordonneeX: "abc" is not a number`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	// The callback's error stops the reading, with the entity's path.
	_, err = Stream("s.json", strings.NewReader(strings.Replace(file, "abc", "1", 1)), func(*LegalEntity) error { return errors.New("full") })
	if err == nil || err.Error() != "s.json: pmej[0]: full" {
		t.Errorf("got %v", err)
	}
}
