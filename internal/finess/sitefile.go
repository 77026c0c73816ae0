package finess

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Site is one FINESS établissement as a register file describes it.
type Site struct {
	Line               int // line in the source file, for error messages
	Finess             string
	LegalEntity        string // FINESS number of the EJ
	Name               string
	LongName           string
	Category           string
	CategoryLabel      string
	CategoryGroup      string
	CategoryGroupLabel string
	APE                string
	SPHCode            string
	SPHLabel           string
	SIRET              string
	Address            string
	PostalCode         string
	City               string
	CommuneCode        string // INSEE code, when the file gives it (etalab extracts)
	Phone              string
	Opened             *time.Time
	Updated            *time.Time
	Latitude           *float64
	Longitude          *float64
}

// FieldError locates a problem in a register file.
type FieldError struct {
	File  string
	Line  int
	Field string
	Err   error
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s:%d: field %s: %v", e.File, e.Line, e.Field, e.Err)
}

func (e *FieldError) Unwrap() error { return e.Err }

// siteColumns are the columns of the flat site file Maillage ships
// (finess-et-2021-01.csv.gz: every FINESS ET of January 2021, WGS84).
var siteColumns = []string{
	"nofinesset", "nofinessej", "rs", "categetab", "libcategetab", "categagretab",
	"libcategagretab", "codeape", "codesph", "libsph", "siret", "adresse",
	"codepostal", "ville", "telephone", "dateouv", "datemaj", "lat", "lon",
}

// ReadSiteCSV reads the flat site file (comma separated, RFC 4180, with a
// header). name is used in error messages. Every malformed value is an
// error naming its line and column; nothing is returned then.
func ReadSiteCSV(name string, r io.Reader) ([]Site, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, &FieldError{File: name, Line: 1, Err: fmt.Errorf("reading header: %w", err)}
	}
	if strings.Join(header, ",") != strings.Join(siteColumns, ",") {
		return nil, &FieldError{File: name, Line: 1, Err: fmt.Errorf("unexpected header %q, want %q", strings.Join(header, ","), strings.Join(siteColumns, ","))}
	}
	var sites []Site
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, &FieldError{File: name, Line: line, Err: err}
		}
		s, fieldErr := parseSite(rec)
		if fieldErr != nil {
			fieldErr.File, fieldErr.Line = name, line
			return nil, fieldErr
		}
		s.Line = line
		sites = append(sites, s)
	}
	return sites, nil
}

func parseSite(rec []string) (Site, *FieldError) {
	get := func(i int) string { return strings.TrimSpace(rec[i]) }
	s := Site{
		Finess: get(0), LegalEntity: get(1), Name: get(2),
		Category: get(3), CategoryLabel: get(4), CategoryGroup: get(5), CategoryGroupLabel: get(6),
		APE: get(7), SPHCode: get(8), SPHLabel: get(9), SIRET: get(10),
		Address: get(11), PostalCode: get(12), City: get(13), Phone: get(14),
	}
	if err := CheckFormat(s.Finess); err != nil {
		return s, &FieldError{Field: "nofinesset", Err: err}
	}
	if err := CheckFormat(s.LegalEntity); err != nil {
		return s, &FieldError{Field: "nofinessej", Err: err}
	}
	if s.Name == "" {
		return s, &FieldError{Field: "rs", Err: errors.New("empty name")}
	}
	if s.Category == "" {
		return s, &FieldError{Field: "categetab", Err: errors.New("empty category")}
	}
	var err error
	if s.Opened, err = optionalDate(get(15)); err != nil {
		return s, &FieldError{Field: "dateouv", Err: err}
	}
	if s.Updated, err = optionalDate(get(16)); err != nil {
		return s, &FieldError{Field: "datemaj", Err: err}
	}
	if s.Latitude, err = optionalFloat(get(17), -90, 90); err != nil {
		return s, &FieldError{Field: "lat", Err: err}
	}
	if s.Longitude, err = optionalFloat(get(18), -180, 180); err != nil {
		return s, &FieldError{Field: "lon", Err: err}
	}
	if (s.Latitude == nil) != (s.Longitude == nil) {
		return s, &FieldError{Field: "lat", Err: errors.New("latitude and longitude must be both given or both empty")}
	}
	return s, nil
}

func optionalDate(v string) (*time.Time, error) {
	if v == "" {
		return nil, nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return nil, fmt.Errorf("invalid date %q: want YYYY-MM-DD", v)
	}
	return &t, nil
}

func optionalFloat(v string, lo, hi float64) (*float64, error) {
	if v == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < lo || f > hi {
		return nil, fmt.Errorf("invalid coordinate %q: want a number between %g and %g", v, lo, hi)
	}
	return &f, nil
}
