package finess

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/maillage/maillage/internal/coords"
)

// ExtractKind tells which of the three etalab extracts a file is.
type ExtractKind string

// The etalab extracts of FINESS on data.gouv.fr.
const (
	ExtractSitesGeo      ExtractKind = "cs1100507" // sites with geolocalisation lines
	ExtractSites         ExtractKind = "cs1100502" // sites
	ExtractLegalEntities ExtractKind = "cs1100501" // legal entities
)

// Extract is one etalab file, read and checked.
type Extract struct {
	Name          string
	Kind          ExtractKind
	Date          time.Time // from the first line: the extract's date
	Encoding      string    // "UTF-8" or "Windows-1252"
	Sites         []Site
	LegalEntities []LegalEntity
	// Positioned is true when the file carries positions (cs1100507): a
	// site without one then has none; otherwise positions are unknown.
	Positioned bool
	Warnings   []string
}

// LegalEntity is one structureej line.
type LegalEntity struct {
	Line             int
	Finess           string
	Name             string // rslongue when given, else rs
	ShortName        string // rs
	SIREN            string
	LegalStatus      string // statutjuridique code
	LegalStatusLabel string
	Category         string
	CategoryLabel    string
	APE              string
	Address          string
	PostalCode       string
	City             string
	Department       string // INSEE code
	Phone            string
	Created          *time.Time
}

var headerLine = regexp.MustCompile(`^finess;etalab;(\d+);(\d{4}-\d{2}-\d{2}|\d{2}/\d{2}/\d{4})$`)

// Field positions of a structureet line (after the line type, 31 fields;
// real files add numuai as a 32nd).
const (
	etFiness = 1 + iota
	etLegalEntity
	etName
	etLongName
	etComplName
	etComplDistrib
	etNumVoie
	etTypVoie
	etVoie
	etCompVoie
	etLieuDit
	etCommune
	etDepartement
	etLibDepartement
	etLigneAcheminement
	etTelephone
	etTelecopie
	etCategory
	etCategoryLabel
	etCategoryGroup
	etCategoryGroupLabel
	etSIRET
	etAPE
	etMFT
	etMFTLabel
	etSPH
	etSPHLabel
	etOpened
	etAuthorised
	etUpdated
	etFields // 31 fields: the line type and 30 values
)

// Field positions of a structureej line.
const (
	ejFiness = 1 + iota
	ejName
	ejLongName
	ejComplName
	ejNumVoie
	ejTypVoie
	ejVoie
	ejCompVoie
	ejComplDistrib
	ejLieuDit
	ejCommune
	ejLigneAcheminement
	ejDepartement
	ejLibDepartement
	ejTelephone
	ejStatus
	ejStatusLabel
	ejCategory
	ejCategoryLabel
	ejSIREN
	ejAPE
	ejCreated
	ejFields
)

// ReadEtalab reads a FINESS etalab extract (cs1100507, cs1100502 or
// cs1100501, told apart by their content), in UTF-8 or Windows-1252.
// Every malformed value is an error naming its line and field.
func ReadEtalab(name string, r io.Reader) (*Extract, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	ex := &Extract{Name: name, Encoding: "UTF-8"}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(raw) {
		decoded, err := charmap.Windows1252.NewDecoder().Bytes(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: neither UTF-8 nor Windows-1252: %w", name, err)
		}
		raw, ex.Encoding = decoded, "Windows-1252"
	}
	first, rest, _ := bytes.Cut(raw, []byte("\n"))
	m := headerLine.FindStringSubmatch(strings.TrimRight(string(first), "\r;"))
	if m == nil {
		return nil, &FieldError{File: name, Line: 1, Err: fmt.Errorf("not a FINESS etalab extract: the first line is %q, want finess;etalab;N;DATE", truncate(string(first), 60))}
	}
	if ex.Date, err = parseDay(m[2]); err != nil {
		return nil, &FieldError{File: name, Line: 1, Err: err}
	}
	geo := map[string]position{}
	cr := csv.NewReader(bufio.NewReader(bytes.NewReader(rest)))
	cr.Comma = ';'
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		line++ // the header line was cut off
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &FieldError{File: name, Line: pe.StartLine + 1, Err: pe.Err}
			}
			return nil, &FieldError{File: name, Line: line, Err: err}
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		var fe *FieldError
		switch rec[0] {
		case "structureet":
			var s Site
			s, fe = parseEtalabSite(rec, ex)
			s.Line = line
			ex.Sites = append(ex.Sites, s)
		case "structureej":
			var e LegalEntity
			e, fe = parseEtalabEntity(rec, ex)
			e.Line = line
			ex.LegalEntities = append(ex.LegalEntities, e)
		case "geolocalisation":
			fe = parseGeolocalisation(rec, line, geo)
			ex.Positioned = true
		default:
			fe = &FieldError{Field: "type", Err: fmt.Errorf("unknown line type %q: want structureet, structureej or geolocalisation", truncate(rec[0], 40))}
		}
		if fe != nil {
			fe.File, fe.Line = name, line
			return nil, fe
		}
	}
	switch {
	case len(ex.Sites) > 0 && len(ex.LegalEntities) > 0:
		return nil, &FieldError{File: name, Line: 2, Err: errors.New("sites and legal entities in one file: an etalab extract holds one or the other")}
	case len(ex.LegalEntities) > 0:
		ex.Kind = ExtractLegalEntities
	case ex.Positioned:
		ex.Kind = ExtractSitesGeo
	default:
		ex.Kind = ExtractSites
	}
	return ex, ex.placeSites(geo)
}

// position is a geolocalisation line converted to WGS84.
type position struct {
	line     int
	lat, lon float64
}

// placeSites gives each site its position; a geolocalisation line for
// no site of the file is an error, a site without one a warning.
func (ex *Extract) placeSites(geo map[string]position) error {
	if !ex.Positioned {
		return nil
	}
	used := map[string]bool{}
	missing := 0
	for i := range ex.Sites {
		s := &ex.Sites[i]
		p, ok := geo[s.Finess]
		if !ok {
			missing++
			if missing <= 20 {
				ex.Warnings = append(ex.Warnings, fmt.Sprintf("%s:%d: site %s has no geolocalisation line: imported without position", ex.Name, s.Line, s.Finess))
			}
			continue
		}
		used[s.Finess] = true
		s.Latitude, s.Longitude = &p.lat, &p.lon
	}
	if missing > 20 {
		ex.Warnings = append(ex.Warnings, fmt.Sprintf("%s: %d more sites have no geolocalisation line", ex.Name, missing-20))
	}
	for n, p := range geo {
		if !used[n] {
			return &FieldError{File: ex.Name, Line: p.line, Field: "nofinesset", Err: fmt.Errorf("geolocalisation of %s, which no structureet line of the file describes", n)}
		}
	}
	return nil
}

func parseEtalabSite(rec []string, ex *Extract) (Site, *FieldError) {
	if len(rec) != etFields && len(rec) != etFields+1 {
		return Site{}, &FieldError{Err: fmt.Errorf("structureet line with %d fields, want %d or %d", len(rec), etFields, etFields+1)}
	}
	get := func(i int) string { return strings.TrimSpace(rec[i]) }
	s := Site{
		Finess: get(etFiness), LegalEntity: get(etLegalEntity),
		Name: get(etName), LongName: get(etLongName),
		Category: get(etCategory), CategoryLabel: get(etCategoryLabel),
		CategoryGroup: get(etCategoryGroup), CategoryGroupLabel: get(etCategoryGroupLabel),
		APE: get(etAPE), SPHCode: get(etSPH), SPHLabel: get(etSPHLabel), SIRET: get(etSIRET),
		Address: address(get(etNumVoie), get(etTypVoie), get(etVoie), get(etCompVoie), get(etLieuDit)),
		Phone:   get(etTelephone),
	}
	s.PostalCode, s.City = splitAcheminement(get(etLigneAcheminement))
	if fe := checkNumber("nofinesset", s.Finess, &ex.Warnings, ex.Name); fe != nil {
		return s, fe
	}
	if fe := checkNumber("nofinessej", s.LegalEntity, &ex.Warnings, ex.Name); fe != nil {
		return s, fe
	}
	if s.Name == "" {
		return s, &FieldError{Field: "rs", Err: errors.New("empty name")}
	}
	if s.Category == "" {
		return s, &FieldError{Field: "categetab", Err: errors.New("empty category")}
	}
	code, err := communeCode(get(etDepartement), get(etCommune))
	if err != nil {
		return s, &FieldError{Field: "commune", Err: err}
	}
	s.CommuneCode = code
	for _, d := range []struct {
		field string
		value string
		into  **time.Time
	}{{"dateouv", get(etOpened), &s.Opened}, {"datemaj", get(etUpdated), &s.Updated}} {
		if d.value == "" {
			continue
		}
		t, err := parseDay(d.value)
		if err != nil {
			return s, &FieldError{Field: d.field, Err: err}
		}
		*d.into = &t
	}
	return s, nil
}

func parseEtalabEntity(rec []string, ex *Extract) (LegalEntity, *FieldError) {
	if len(rec) < ejFields {
		return LegalEntity{}, &FieldError{Err: fmt.Errorf("structureej line with %d fields, want at least %d", len(rec), ejFields)}
	}
	get := func(i int) string { return strings.TrimSpace(rec[i]) }
	e := LegalEntity{
		Finess: get(ejFiness), ShortName: get(ejName), Name: get(ejLongName),
		SIREN: get(ejSIREN), LegalStatus: get(ejStatus), LegalStatusLabel: get(ejStatusLabel),
		Category: get(ejCategory), CategoryLabel: get(ejCategoryLabel), APE: get(ejAPE),
		Address: address(get(ejNumVoie), get(ejTypVoie), get(ejVoie), get(ejCompVoie), get(ejLieuDit)),
		Phone:   get(ejTelephone),
	}
	if e.Name == "" {
		e.Name = e.ShortName
	}
	e.PostalCode, e.City = splitAcheminement(get(ejLigneAcheminement))
	if fe := checkNumber("nofiness", e.Finess, &ex.Warnings, ex.Name); fe != nil {
		return e, fe
	}
	if e.Name == "" {
		return e, &FieldError{Field: "rs", Err: errors.New("empty name")}
	}
	if e.SIREN != "" && !sirenPattern.MatchString(e.SIREN) {
		return e, &FieldError{Field: "siren", Err: fmt.Errorf("invalid SIREN %q: want 9 digits", e.SIREN)}
	}
	if d := get(ejDepartement); d != "" {
		code, err := communeCode(d, "000")
		if err != nil {
			return e, &FieldError{Field: "departement", Err: err}
		}
		e.Department = strings.TrimSuffix(code, "000")
		if strings.HasPrefix(code, "97") {
			e.Department = code[:3]
		}
	}
	if v := get(ejCreated); v != "" {
		t, err := parseDay(v)
		if err != nil {
			return e, &FieldError{Field: "datecrea", Err: err}
		}
		e.Created = &t
	}
	return e, nil
}

// checkNumber rejects a malformed FINESS number; a wrong check key is
// only a warning, since the register itself holds a few.
func checkNumber(field, n string, warnings *[]string, file string) *FieldError {
	if err := CheckFormat(n); err != nil {
		return &FieldError{Field: field, Err: err}
	}
	if err := Validate(n); err != nil {
		*warnings = append(*warnings, fmt.Sprintf("%s: field %s: %v (imported)", file, field, err))
	}
	return nil
}

// parseGeolocalisation reads geolocalisation;nofinesset;x;y;sourcecoordet;datemaj,
// where old files split sourcecoordet's sub-fields with ';'.
func parseGeolocalisation(rec []string, line int, geo map[string]position) *FieldError {
	if len(rec) < 6 {
		return &FieldError{Err: fmt.Errorf("geolocalisation line with %d fields, want 6", len(rec))}
	}
	n := strings.TrimSpace(rec[1])
	if err := CheckFormat(n); err != nil {
		return &FieldError{Field: "nofinesset", Err: err}
	}
	if prev, dup := geo[n]; dup {
		return &FieldError{Field: "nofinesset", Err: fmt.Errorf("second geolocalisation of %s (first on line %d)", n, prev.line)}
	}
	x, errX := strconv.ParseFloat(strings.TrimSpace(rec[2]), 64)
	if errX != nil {
		return &FieldError{Field: "coordxet", Err: fmt.Errorf("invalid coordinate %q", rec[2])}
	}
	y, errY := strconv.ParseFloat(strings.TrimSpace(rec[3]), 64)
	if errY != nil {
		return &FieldError{Field: "coordyet", Err: fmt.Errorf("invalid coordinate %q", rec[3])}
	}
	source := strings.Join(rec[4:len(rec)-1], ",")
	epsg, err := ProjectionOf(source)
	if err != nil {
		return &FieldError{Field: "sourcecoordet", Err: err}
	}
	lon, lat, err := coords.ToWGS84(epsg, x, y)
	if err != nil {
		return &FieldError{Field: "coordxet", Err: err}
	}
	geo[n] = position{line: line, lat: lat, lon: lon}
	return nil
}

var (
	epsgLabel     = regexp.MustCompile(`EPSG:(\d+)`)
	wgs84UTMLabel = regexp.MustCompile(`WGS ?84\s*/\s*UTM ZONE (\d+)([NS])`)
	sirenPattern  = regexp.MustCompile(`^\d{9}$`)
	communeSuffix = regexp.MustCompile(`^\d{3}$`)
	mainlandDep   = regexp.MustCompile(`^(\d{2}|2A|2B)$`)
	overseasDep   = regexp.MustCompile(`^9[A-Z]$`)
	postalPrefix  = regexp.MustCompile(`^\d{5}`)
)

// legacyProjections are the tokens files used until 2021 and the legal
// grids they stand for.
var legacyProjections = map[string]int{
	"LAMBERT_93": 2154,
	"UTM_N20":    5490, // Guadeloupe, Martinique, Saint-Martin, Saint-Barthélemy
	"UTM_N21":    4467, // Saint-Pierre-et-Miquelon
	"UTM_N22":    2972, // Guyane
	"UTM_S38":    4471, // Mayotte
	"UTM_S40":    2975, // La Réunion
}

// ProjectionOf returns the EPSG code a sourcecoordet value names: an
// "EPSG:n" label (2026), "WGS84/UTM zone NNx", or a legacy token.
func ProjectionOf(sourcecoordet string) (int, error) {
	if m := epsgLabel.FindStringSubmatch(sourcecoordet); m != nil {
		code, _ := strconv.Atoi(m[1])
		if !coords.Supported(code) {
			return 0, fmt.Errorf("unsupported projection EPSG:%d in %q", code, sourcecoordet)
		}
		return code, nil
	}
	upper := strings.ToUpper(sourcecoordet)
	for token, code := range legacyProjections {
		if strings.Contains(upper, token) {
			return code, nil
		}
	}
	if m := wgs84UTMLabel.FindStringSubmatch(upper); m != nil {
		zone, _ := strconv.Atoi(m[1])
		code := 32600 + zone
		if m[2] == "S" {
			code = 32700 + zone
		}
		if coords.Supported(code) {
			return code, nil
		}
	}
	return 0, fmt.Errorf("no known projection in %q (want LAMBERT_93, UTM_N20…UTM_S40 or an EPSG code)", sourcecoordet)
}

// communeCode builds the INSEE commune code from FINESS's département
// code (01…95, 2A, 2B; 9A…9F for the overseas départements and
// Saint-Pierre-et-Miquelon, 9J and beyond for the Pacific) and its
// 3-digit commune suffix.
func communeCode(dep, commune string) (string, error) {
	if !communeSuffix.MatchString(commune) {
		return "", fmt.Errorf("invalid commune code %q: want 3 digits", commune)
	}
	switch {
	case mainlandDep.MatchString(dep):
		return dep + commune, nil
	case overseasDep.MatchString(dep):
		// Overseas, the suffix carries the département's last digit
		// (Saint-Barthélemy: 9A + 123 → 97123; Wallis: 9J + 613 → 98613).
		if dep[1] <= 'F' {
			return "97" + commune, nil
		}
		return "98" + commune, nil
	}
	return "", fmt.Errorf("invalid département code %q", dep)
}

// address joins the parts of a street address that are given.
func address(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, " ")
}

// splitAcheminement splits "01440 VIRIAT" into postal code and city.
func splitAcheminement(v string) (postal, city string) {
	if len(v) >= 5 && postalPrefix.MatchString(v) {
		return v[:5], strings.TrimSpace(v[5:])
	}
	return "", v
}

// parseDay reads YYYY-MM-DD, or DD/MM/YYYY as older files write it.
func parseDay(v string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "02/01/2006"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("invalid date %q: want YYYY-MM-DD or DD/MM/YYYY", v)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
