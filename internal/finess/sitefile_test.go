package finess

import (
	"errors"
	"math"
	"strings"
	"testing"
)

const header = "nofinesset,nofinessej,rs,categetab,libcategetab,categagretab,libcategagretab,codeape,codesph,libsph,siret,adresse,codepostal,ville,telephone,dateouv,datemaj,lat,lon\n"

func TestReadSiteCSV(t *testing.T) {
	good := header +
		`420782559,420784878,HOPITAL DE BELLEVUE - CHU42,101,Centre Hospitalier Régional (C.H.R.),1101,Centres Hospitaliers Régionaux,8610Z,1,Etablissement public de santé,26420030400022,25 BD PASTEUR,42000,ST ETIENNE,0477127700,1904-04-04,2018-03-20,45.413162,4.393283` + "\n" +
		`420000226,420013831,CH DU FOREZ SITE DE MONTBRISON,355,Centre Hospitalier (C.H.),1102,Centres Hospitaliers,,1,Etablissement public de santé,20003493200018,AV DES MONTS DU SOIR / BP 219,42605,MONTBRISON CEDEX,0477967800,1991-02-01,2013-09-04,,` + "\n"
	sites, err := ReadSiteCSV("sites.csv", strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(sites) != 2 || sites[0].LegalEntity != "420784878" || *sites[0].Latitude != 45.413162 || sites[1].Latitude != nil || sites[1].Line != 3 {
		t.Fatalf("unexpected sites: %+v", sites)
	}

	bad := []struct {
		name, row, wantField string
		wantLine             int
	}{
		{"bad finess", `42078255X,420784878,X,101,L,1101,L,,,,,,,,,,,,`, "nofinesset", 2},
		{"bad date", `420782559,420784878,X,101,L,1101,L,,,,,,,,,01/02/1990,,,`, "dateouv", 2},
		{"latitude out of range", `420782559,420784878,X,101,L,1101,L,,,,,,,,,,,95.2,4.3`, "lat", 2},
		{"half a position", `420782559,420784878,X,101,L,1101,L,,,,,,,,,,,45.2,`, "lat", 2},
		{"empty name", `420782559,420784878,,101,L,1101,L,,,,,,,,,,,,`, "rs", 2},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadSiteCSV("sites.csv", strings.NewReader(header+tt.row+"\n"))
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.wantField || fe.Line != tt.wantLine || fe.File != "sites.csv" {
				t.Fatalf("got %v, want an error at sites.csv:%d field %s", err, tt.wantLine, tt.wantField)
			}
		})
	}
	if _, err := ReadSiteCSV("x.csv", strings.NewReader("a,b\n")); err == nil {
		t.Fatal("wrong header accepted")
	}
}

func TestDerivedName(t *testing.T) {
	tests := []struct {
		sites []string
		want  string
	}{
		{[]string{"CH DU FOREZ SITE DE MONTBRISON", "CH DU FOREZ SITE DE FEURS"}, "CH DU FOREZ"},
		{[]string{"HOPITAL DE BELLEVUE - CHU42", "SERVICE NEUROCHIRURGIE - CHU42", "HOPITAL NORD - CHU42"}, "CHU42"},
		{[]string{"HOPITAL DE BELLEVUE - CHU42", "PSY GIER CATTP RDG", "HOPITAL NORD - CHU42", "CMP - X"}, "CHU42"},
		{[]string{"A - X", "B - X", "C - Y", "D - Y"}, "X"},
		{[]string{"APHM ANTENNE SMUR DE MARIGNANE", "APHM ANTENNE SMUR DE LOUVAIN", "APHM HOPITAL NORD", "INSTITUT HOSPITALO UNIVERSITAIRE"}, "APHM"},
		{[]string{"CH DU GIER - SITE PINAY GERIATRIE", "CH DU GIER - MCO", "HOPITAL DU GIER - SITE MARREL SSR", "CENTRE DE PLANIFICATION"}, "CH DU GIER"},
		{[]string{"CH X SITE A", "CH X SITE B", "CH Y"}, "CH X"},
		{[]string{"CH DE FIRMINY"}, "CH DE FIRMINY"},
		{[]string{"CH DU GIER - MCO", "HOPITAL DU GIER - SITE MARREL SSR"}, "CH DU GIER - MCO"},
		// A large operator whose sites share no name is not named after one.
		{[]string{"CRF CENTRE A", "HALTE GARDERIE B", "IME C", "SSIAD D", "EHPAD E", "CRF CENTRE F", "ESAT G"}, ""},
		// Two of nine is not a third.
		{[]string{"CH X A", "CH X B", "C", "D", "E", "F", "G", "H", "I"}, ""},
	}
	for _, tt := range tests {
		if got := DerivedName(tt.sites); got != tt.want {
			t.Errorf("DerivedName(%q) = %q, want %q", tt.sites, got, tt.want)
		}
	}
}

func TestGroupingName(t *testing.T) {
	tests := []struct {
		sites []string
		want  string
	}{
		{[]string{"GCS D'IMAGERIE MED DE L'AIN ET SIEGE", "GCS D'IMAGERIE MED DE L'AIN - FLEYRIAT"}, "GCS D'IMAGERIE MED DE L'AIN"},
		{[]string{"GCS IMAGERIE SOISSONS IMPLANTATION", "GCS IMAGERIE SOISSONS SIÈGE"}, "GCS IMAGERIE SOISSONS"},
		{[]string{"GCS ES HAD DES ARDENNES - ET SIEGE", "GCS ES HAD DES ARDENNES SITE RETHEL"}, "GCS ES HAD DES ARDENNES"},
		{[]string{"GCS ONCORAD - SITE CH DE MOULINS", "GCS ONCORAD - SITE CENTRE JEAN PERRIN"}, "GCS ONCORAD"},
		{[]string{"MSP LES COLLINES", "MSP LES COLLINES", "MSP LES COLLINES"}, "MSP LES COLLINES"},
		{[]string{"CPTS DU PAYS X"}, "CPTS DU PAYS X"},
		{[]string{"SISA MSP DE BREIL SUR ROYA", "MSP DE LA ROYA"}, "SISA MSP DE BREIL SUR ROYA"},
	}
	for _, tt := range tests {
		if got := GroupingName(tt.sites); got != tt.want {
			t.Errorf("GroupingName(%q) = %q, want %q", tt.sites, got, tt.want)
		}
	}
}

func TestRepairMisprojected(t *testing.T) {
	tests := []struct {
		site             string
		lat, lon         float64
		wantLat, wantLon float64
		wantRepaired     bool
	}{
		// Polyclinique de la Guadeloupe: the FHIR file gives 6.275…, 2.690…;
		// its 2026 geolocation is UTM 20N 657242.9, 1795384.4, i.e.
		// 16.234004, -61.528737 (coordinate test vectors). The 2021
		// geolocation was about 120 m away, hence the tolerance.
		{"970100012", 6.275362, 2.689957, 16.234004, -61.528737, true},
		{"420782559", 45.413162, 4.393283, 45.413162, 4.393283, false},
	}
	for _, tt := range tests {
		lat, lon, repaired, err := RepairMisprojected(tt.site, tt.lat, tt.lon)
		if err != nil {
			t.Fatal(err)
		}
		if repaired != tt.wantRepaired || math.Abs(lat-tt.wantLat) > 2e-3 || math.Abs(lon-tt.wantLon) > 2e-3 {
			t.Errorf("%s: %.6f, %.6f (repaired %v), want %.6f, %.6f", tt.site, lat, lon, repaired, tt.wantLat, tt.wantLon)
		}
	}
}

func TestEntityName(t *testing.T) {
	site := func(name, group string) Site { return Site{Name: name, CategoryGroup: group} }
	tests := []struct {
		name  string
		sites []Site
		want  string
	}{
		{"hospital sites name the entity", []Site{
			site("CMP - CATTP ENFANT", "1111"), site("CH DU FOREZ SITE DE MONTBRISON", "1102"),
			site("EHPAD LES TERRASSES", "4401"), site("CH DU FOREZ SITE DE FEURS", "1102"),
		}, "CH DU FOREZ"},
		{"the CHR sites of a CHU", []Site{
			site("IFSI", "6101"), site("HOPITAL NORD - CHU42", "1101"), site("HOPITAL DE BELLEVUE - CHU42", "1101"),
			site("CH DE FIRMINY", "1102"),
		}, "CHU42"},
		{"no hospital: every site", []Site{site("PHARMACIE DU LAGON", "3201")}, "PHARMACIE DU LAGON"},
	}
	for _, tt := range tests {
		if got := EntityName(tt.sites); got != tt.want {
			t.Errorf("%s: EntityName = %q, want %q", tt.name, got, tt.want)
		}
	}
}
