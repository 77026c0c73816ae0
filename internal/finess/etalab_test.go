package finess

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReadEtalabRealLines reads the 14 real structureet lines of the
// 12 May 2026 cs1100502 extract.
func TestReadEtalabRealLines(t *testing.T) {
	ex, err := ReadEtalab("cs1100502.csv", strings.NewReader(readFixture(t, "etalab-cs1100502-stock-20260512-0339.excerpt.csv")))
	if err != nil {
		t.Fatal(err)
	}
	if ex.Kind != ExtractSites || ex.Date.Format("2006-01-02") != "2026-05-12" || len(ex.Sites) != 14 || ex.Positioned {
		t.Fatalf("kind %s, date %s, %d sites, positioned %v", ex.Kind, ex.Date, len(ex.Sites), ex.Positioned)
	}
	tests := []struct {
		finess, entity, name, commune, postal, city, category, opened string
	}{
		{"010000024", "010780054", "CH DE FLEYRIAT", "01451", "01440", "VIRIAT", "355", "1979-02-13"},
		{"970102018", "970113015", "PMI SAINT BARTHELEMY", "97123", "97133", "ST BARTHELEMY", "223", "1964-01-01"},
		{"980501506", "980501498", `LIEU DE VIE "MAVOUNA MEMA 1"`, "97606", "97620", "CHIRONGUI", "", ""},
		{"980600027", "980600019", "HOPITAL DE SIA", "98613", "98600", "UVEA", "", ""},
	}
	bySite := map[string]Site{}
	for _, s := range ex.Sites {
		bySite[s.Finess] = s
	}
	for _, tt := range tests {
		s, ok := bySite[tt.finess]
		if !ok {
			t.Errorf("site %s missing", tt.finess)
			continue
		}
		if s.LegalEntity != tt.entity || s.Name != tt.name || s.CommuneCode != tt.commune || s.PostalCode != tt.postal || s.City != tt.city {
			t.Errorf("site %s: %+v", tt.finess, s)
		}
		if tt.category != "" && s.Category != tt.category {
			t.Errorf("site %s: category %s, want %s", tt.finess, s.Category, tt.category)
		}
		if tt.opened != "" && (s.Opened == nil || s.Opened.Format("2006-01-02") != tt.opened) {
			t.Errorf("site %s: opened %v, want %s", tt.finess, s.Opened, tt.opened)
		}
		if s.Latitude != nil {
			t.Errorf("site %s has a position in a file without geolocalisation", tt.finess)
		}
	}
	fleyriat := bySite["010000024"]
	if fleyriat.Address != "900 RTE DE PARIS" || fleyriat.LongName != "CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT" || fleyriat.SPHCode != "1" || fleyriat.SIRET != "26010004500012" {
		t.Errorf("Fleyriat: %+v", fleyriat)
	}
}

// geolocExtract builds a cs1100507 extract: one structureet line (the
// real Fleyriat line, renumbered) per geolocalisation line given.
func geolocExtract(t *testing.T, header string, geolines []string) string {
	t.Helper()
	fleyriat := strings.Split(readFixture(t, "etalab-cs1100502-stock-20260512-0339.excerpt.csv"), "\n")[1]
	var b strings.Builder
	b.WriteString(header + "\n")
	for _, g := range geolines {
		n := strings.Split(g, ";")[1]
		b.WriteString(strings.Replace(fleyriat, "010000024", n, 1) + "\n")
	}
	for _, g := range geolines {
		b.WriteString(g + "\n")
	}
	return b.String()
}

// TestReadEtalabGeolocalisation reads the real geolocalisation lines of
// 2016 (sub-fields split by ';') and 2026 (EPSG labels) and checks the
// positions against the coordinate test vectors.
func TestReadEtalabGeolocalisation(t *testing.T) {
	var lines []string
	for _, l := range strings.Split(readFixture(t, "geolocalisation-examples.txt"), "\n") {
		if strings.HasPrefix(l, "geolocalisation;") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 5 {
		t.Fatalf("%d example lines, want 5", len(lines))
	}
	ex, err := ReadEtalab("cs1100507.csv", strings.NewReader(geolocExtract(t, "finess;etalab;111;12/05/2026", lines)))
	if err != nil {
		t.Fatal(err)
	}
	if ex.Kind != ExtractSitesGeo || !ex.Positioned || ex.Date.Format("2006-01-02") != "2026-05-12" {
		t.Fatalf("kind %s, positioned %v, date %s", ex.Kind, ex.Positioned, ex.Date)
	}
	want := map[string][2]float64{ // lon, lat from coordinate-test-vectors.csv
		"010000024": {5.209181, 46.222286},
		"970100012": {-61.528737, 16.234004},
		"010002350": {5.344050, 45.954886},
	}
	for _, s := range ex.Sites {
		if s.Latitude == nil {
			t.Errorf("site %s has no position", s.Finess)
			continue
		}
		if w, ok := want[s.Finess]; ok && (math.Abs(*s.Longitude-w[0]) > 1e-6 || math.Abs(*s.Latitude-w[1]) > 1e-6) {
			t.Errorf("site %s at %.7f, %.7f, want %.6f, %.6f", s.Finess, *s.Longitude, *s.Latitude, w[0], w[1])
		}
	}
}

func TestProjectionOf(t *testing.T) {
	tests := []struct {
		source string
		want   int
	}{
		{"1,ATLASANTE,96,BAN,EPSG:2154 RGF93 / Lambert-93 (Métropole)", 2154},
		{"2,ATLASANTE,96,BAN,EPSG:5490 RGAF09/UTM Zone 20N (Antilles)", 5490},
		{"2,ATLASANTE,100,BDADRESSE,EPSG:4471 RGM04/UTM zone 38S (Mayotte)", 4471},
		{"2,ATLASANTE,90,BAN,WGS84/UTM zone 21N (St-Pierre-et-Miquelon)", 32621},
		{"1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93", 2154},
		{"1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_N20", 5490},
		{"1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_N21", 4467},
		{"1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_N22", 2972},
		{"1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_S38", 4471},
		{"1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_S40", 2975},
	}
	for _, tt := range tests {
		got, err := ProjectionOf(tt.source)
		if err != nil || got != tt.want {
			t.Errorf("ProjectionOf(%q) = %d, %v; want %d", tt.source, got, err, tt.want)
		}
	}
	if _, err := ProjectionOf("1,ATLASANTE,100,IGN,GAUSS_LABORDE"); err == nil {
		t.Error("an unknown projection was accepted")
	}
}

// TestReadEtalabWindows1252 reads a Latin-1 era file.
func TestReadEtalabWindows1252(t *testing.T) {
	utf := readFixture(t, "etalab-cs1100502-stock-20260512-0339.excerpt.csv")
	latin, err := charmap.Windows1252.NewEncoder().String(utf)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := ReadEtalab("old.csv", bytes.NewReader([]byte(latin)))
	if err != nil {
		t.Fatal(err)
	}
	if ex.Encoding != "Windows-1252" || !strings.Contains(ex.Sites[0].CategoryLabel, "Centre Hospitalier") || !strings.Contains(ex.Sites[0].SPHLabel, "Etablissement public de santé") {
		t.Errorf("encoding %s, first site %+v", ex.Encoding, ex.Sites[0])
	}
}

func TestReadEtalabLegalEntities(t *testing.T) {
	file := "finess;etalab;5;2026-05-12\n" +
		"structureej;010780054;CH DE FLEYRIAT;CENTRE HOSPITALIER DE BOURG EN BRESSE;;900;RTE;DE PARIS;;;;451;01440 VIRIAT;01;AIN;0474454647;13;Etablissement Public Communal d'Hospitalisation;355;Centre Hospitalier (C.H.);260100045;8610Z;1979-02-13;\n"
	ex, err := ReadEtalab("cs1100501.csv", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if ex.Kind != ExtractLegalEntities || len(ex.LegalEntities) != 1 {
		t.Fatalf("kind %s, %d entities", ex.Kind, len(ex.LegalEntities))
	}
	e := ex.LegalEntities[0]
	if e.Finess != "010780054" || e.Name != "CENTRE HOSPITALIER DE BOURG EN BRESSE" || e.SIREN != "260100045" || e.LegalStatus != "13" || e.Department != "01" || e.PostalCode != "01440" || e.Created == nil {
		t.Errorf("%+v", e)
	}
}

// TestReadEtalabErrors checks each defect is located by line and field.
func TestReadEtalabErrors(t *testing.T) {
	good := readFixture(t, "etalab-cs1100502-stock-20260512-0339.excerpt.csv")
	tests := []struct {
		name      string
		from, to  string
		wantParts []string
	}{
		{"not an extract", "finess;etalab;111;2026-05-12", "nofinesset;rs", []string{"x.csv:1:", "not a FINESS etalab extract"}},
		{"bad date in header", "finess;etalab;111;2026-05-12", "finess;etalab;111;2026-13-12", []string{"x.csv:1:", "2026-13-12"}},
		{"malformed FINESS", "structureet;970100400;", "structureet;97010040;", []string{"x.csv:4:", "field nofinesset", "97010040"}},
		{"wrong field count", ";Centre Hospitalier (C.H.);1102;Centres Hospitaliers;", ";Centre Hospitalier (C.H.);", []string{"x.csv:2:", "fields"}},
		{"bad commune", ";451;01;AIN;", ";45;01;AIN;", []string{"x.csv:2:", "field commune", `"45"`}},
		{"bad date", ";1979-02-13;1979-02-13;2020-02-04;", ";1979-02-13;1979-02-13;2020-02-30;", []string{"x.csv:2:", "field datemaj", "2020-02-30"}},
		{"unknown line type", "structureet;970102018;", "structurexx;970102018;", []string{"x.csv:3:", "unknown line type"}},
		{"unclosed quote", `"LIEU DE VIE ""MAVOUNA MEMA 1"""`, `"LIEU DE VIE ""MAVOUNA MEMA 1""`, []string{"x.csv:11:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(good, tt.from, tt.to, 1)
			if bad == good {
				t.Fatalf("%q not in the fixture", tt.from)
			}
			_, err := ReadEtalab("x.csv", strings.NewReader(bad))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tt.wantParts {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}
