package ghtlist

import (
	"testing"
	"time"
)

func TestHeaderKey(t *testing.T) {
	tests := []struct {
		cell string
		want column // "" when the cell names no known column
	}{
		{"CODE GHT", colGHTCode},
		{"Code GHT", colGHTCode},
		{"CODE_GHT", colGHTCode},
		{"code ght", colGHTCode},
		{" code-ght\u00a0", colGHTCode},
		{"CodeGHT", colGHTCode},
		{"\ufeffREGION", colRegion},
		{"Région", colRegion},
		{"Dénomination GHT", colGHTName},
		{"DENOMINATION ETABLISSEMENT", colEntityName},
		{"Dénomination  établissement", colEntityName},
		{"Catégorie", colCategory},
		{"Code postal", colPostalCode},
		{"Rôle", colRole},
		{"DATE_DEBUT", colValidFrom},
		{"Date début", colValidFrom},
		{"date-fin", colValidTo},
		{"FINESS", colFiness},
		{"finess", colFiness},
		{"FINESS EJ", ""},
		{"N° FINESS", ""},
		{"CODE GHT.", ""},
		{"Commentaire", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := byKey[headerKey(tt.cell)]; got != tt.want {
			t.Errorf("header %q matches %q, want %q", tt.cell, got, tt.want)
		}
	}
}

func TestParseRole(t *testing.T) {
	tests := []struct {
		cell, want string
		ok         bool
	}{
		{"support", "SUPPORT", true},
		{"SUPPORT", "SUPPORT", true},
		{" Support ", "SUPPORT", true},
		{"membre", "MEMBER", true},
		{"Membre", "MEMBER", true},
		{"member", "MEMBER", true},
		{"associé", "ASSOCIATE", true},
		{"ASSOCIÉ", "ASSOCIATE", true},
		{"Associe", "ASSOCIATE", true},
		{"associate", "ASSOCIATE", true},
		{"partenaire", "PARTNER", true},
		{"PARTENAIRE", "PARTNER", true},
		{"partner", "PARTNER", true},
		{"", "", true},
		{"   ", "", true},
		{"chef", "", false},
		{"membres", "", false},
		{"support membre", "", false},
	}
	for _, tt := range tests {
		got, err := parseRole(tt.cell)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseRole(%q) = %q, %v; want %q, ok=%v", tt.cell, got, err, tt.want, tt.ok)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		cell     string
		date1904 bool
		want     string // yyyy-mm-dd, "" for no date, "error" for an error
	}{
		{"", false, ""},
		{"  ", false, ""},
		{"42552", false, "2016-07-01"},
		{"45292", false, "2024-01-01"},
		{"45292.75", false, "2024-01-01"}, // a time of day is dropped
		{"4.5292E4", false, "2024-01-01"},
		{"61", false, "1900-03-01"},
		{"1", false, "1900-01-01"},
		{"2958465", false, "9999-12-31"},
		{"41090", true, "2016-07-01"},
		{"0", false, "error"},
		{"2958466", false, "error"},
		{"NaN", false, "error"},
		{"01/07/2016", false, "2016-07-01"},
		{"1/7/2016", false, "2016-07-01"},
		{" 01/07/2016 ", false, "2016-07-01"},
		{"29/02/2024", false, "2024-02-29"},
		{"29/02/2023", false, "error"},
		{"07/01/16", false, "error"},
		{"2016-07-01", false, "2016-07-01"},
		{"2016-07-01 00:00:00", false, "2016-07-01"},
		{"2016-07-01T00:00:00Z", false, "2016-07-01"},
		{"2016-07-01T12:30", false, "2016-07-01"},
		{"2016-07-01 lundi", false, "error"},
		{"2016/07/01", false, "error"},
		{"01-07-2016", false, "error"},
		{"1er juillet 2016", false, "error"},
	}
	for _, tt := range tests {
		got, err := parseDate(tt.cell, tt.date1904)
		var s string
		switch {
		case err != nil:
			s = "error"
		case got != nil:
			s = got.Format(time.DateOnly)
			if got.Location() != time.UTC || got.Hour() != 0 || got.Minute() != 0 || got.Second() != 0 || got.Nanosecond() != 0 {
				t.Errorf("parseDate(%q) = %v, want UTC midnight", tt.cell, got)
			}
		}
		if s != tt.want {
			t.Errorf("parseDate(%q, 1904=%v) = %q (%v), want %q", tt.cell, tt.date1904, s, err, tt.want)
		}
	}
}

func TestFinessNumber(t *testing.T) {
	tests := []struct {
		cell, want string // want "" for an error
	}{
		{"420784878", "420784878"},
		{" 420013831 ", "420013831"},
		{"010780054", "010780054"},
		{"10780054", "010780054"}, // stored as a number
		{"10780054.0", "010780054"},
		{"1.0780054E7", "010780054"},
		{"420002495.0", "420002495"},
		{"2a0000014", "2A0000014"},
		{"2B0000020", "2B0000020"},
		{"640780821", "640780821"},
		{"10780055", ""},  // 010780055 fails the key too
		{"42078487", ""},  // 042078487 fails the key
		{"420784879", ""}, // wrong key
		{"1078005", ""},
		{"4207848780", ""},
		{"420 784 878", ""},
		{"42078487.8", ""},
	}
	for _, tt := range tests {
		got, err := finessNumber(tt.cell)
		if tt.want == "" {
			if err == nil {
				t.Errorf("finessNumber(%q) = %q, want an error", tt.cell, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("finessNumber(%q) = %q, %v; want %q", tt.cell, got, err, tt.want)
		}
	}
}

func TestPostalCode(t *testing.T) {
	tests := []struct{ cell, want string }{
		{"42055", "42055"},
		{"01440", "01440"},
		{"1440", "01440"},
		{"1440.0", "01440"},
		{" 64400 ", "64400"},
		{"", ""},
		{"20 000", "20 000"},
		{"CEDEX", "CEDEX"},
	}
	for _, tt := range tests {
		if got := postalCode(tt.cell); got != tt.want {
			t.Errorf("postalCode(%q) = %q, want %q", tt.cell, got, tt.want)
		}
	}
}
