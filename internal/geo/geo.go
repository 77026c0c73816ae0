// Package geo owns the French administrative territories: it reads them
// (régions, départements, communes, with boundaries; ReadFrance for the
// shipped files) and places a site in its commune (Locator).
package geo

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Kinds of territory, as stored.
const (
	KindRegion     = "REGION"
	KindDepartment = "DEPARTMENT"
	KindCommune    = "COMMUNE"
)

// Territory is one territory as the source files describe it.
type Territory struct {
	Kind        string
	Code        string
	Name        string
	ParentKind  string
	ParentCode  string
	Latitude    *float64
	Longitude   *float64
	Population  *int
	PostalCodes []string
	Boundary    *string // GeoJSON geometry
}

// csvTable reads a headed CSV file into rows addressed by column name,
// with the line of each row for error messages.
type csvTable struct {
	file string
	cols map[string]int
	rows [][]string
	line []int
}

func readCSV(file string, r io.Reader, required ...string) (*csvTable, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s:1: reading header: %w", file, err)
	}
	t := &csvTable{file: file, cols: map[string]int{}}
	for i, h := range header {
		t.cols[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for _, c := range required {
		if _, ok := t.cols[c]; !ok {
			return nil, fmt.Errorf("%s:1: missing column %q", file, c)
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, line, err)
		}
		t.rows = append(t.rows, rec)
		t.line = append(t.line, line)
	}
}

func (t *csvTable) get(row int, col string) string {
	return strings.TrimSpace(t.rows[row][t.cols[col]])
}

func (t *csvTable) float(row int, col string) (*float64, error) {
	v := t.get(row, col)
	if v == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: field %s: invalid number %q", t.file, t.line[row], col, v)
	}
	return &f, nil
}

// ReadRegions reads regions.csv (insee_reg, region, lat, lng).
func ReadRegions(file string, r io.Reader) ([]Territory, error) {
	t, err := readCSV(file, r, "insee_reg", "region", "lat", "lng")
	if err != nil {
		return nil, err
	}
	out := make([]Territory, 0, len(t.rows))
	for i := range t.rows {
		ter := Territory{Kind: KindRegion, Code: t.get(i, "insee_reg"), Name: t.get(i, "region")}
		if err := t.centre(i, &ter); err != nil {
			return nil, err
		}
		out = append(out, ter)
	}
	return out, nil
}

// ReadDepartments reads departements.csv (insee_dep, insee_reg,
// departement, lat, lng).
func ReadDepartments(file string, r io.Reader) ([]Territory, error) {
	t, err := readCSV(file, r, "insee_dep", "insee_reg", "departement", "lat", "lng")
	if err != nil {
		return nil, err
	}
	out := make([]Territory, 0, len(t.rows))
	for i := range t.rows {
		ter := Territory{Kind: KindDepartment, Code: t.get(i, "insee_dep"), Name: t.get(i, "departement"),
			ParentKind: KindRegion, ParentCode: t.get(i, "insee_reg")}
		if err := t.centre(i, &ter); err != nil {
			return nil, err
		}
		out = append(out, ter)
	}
	return out, nil
}

func (t *csvTable) centre(i int, ter *Territory) error {
	var err error
	if ter.Latitude, err = t.float(i, "lat"); err != nil {
		return err
	}
	ter.Longitude, err = t.float(i, "lng")
	return err
}

// CommuneFile is what communes.csv holds: the communes (and Paris, Lyon,
// Marseille arrondissements) as territories, and the former communes
// (communes déléguées) with the commune they now belong to, which the
// register still uses as city names.
type CommuneFile struct {
	Communes  []Territory
	Delegated []Delegated
}

// Delegated is a commune déléguée: a former commune merged into Parent.
type Delegated struct {
	Name, Department, Parent string
	line                     int
}

// ReadCommunes reads communes.csv (INSEE COG: insee_com, insee_dep,
// commune, code_postal, commune_type COM/ARM/COMD, insee_parente, lat,
// lng, population_2021).
func ReadCommunes(file string, r io.Reader) (*CommuneFile, error) {
	t, err := readCSV(file, r, "insee_com", "insee_dep", "commune", "code_postal", "commune_type", "insee_parente", "lat", "lng", "population_2021")
	if err != nil {
		return nil, err
	}
	out := &CommuneFile{}
	index := map[string]int{}
	for i := range t.rows {
		code, dep := t.get(i, "insee_com"), t.get(i, "insee_dep")
		switch typ := t.get(i, "commune_type"); typ {
		case "COMD":
			// The COG leaves a commune déléguée's département empty: it is its parent's.
			parent := t.get(i, "insee_parente")
			if parent == "" {
				return nil, fmt.Errorf("%s:%d: field insee_parente: commune déléguée %s has no parent commune", file, t.line[i], code)
			}
			out.Delegated = append(out.Delegated, Delegated{Name: t.get(i, "commune"), Parent: parent, line: t.line[i]})
			continue
		case "COM", "ARM":
		default:
			return nil, fmt.Errorf("%s:%d: field commune_type: unknown type %q", file, t.line[i], typ)
		}
		if dep == "" {
			return nil, fmt.Errorf("%s:%d: field insee_dep: commune %s has no département", file, t.line[i], code)
		}
		postal := strings.Fields(strings.ReplaceAll(t.get(i, "code_postal"), ",", " "))
		// A commune served by several postal codes has one row per code.
		if at, seen := index[code]; seen {
			prev := &out.Communes[at]
			if prev.Name != t.get(i, "commune") || prev.ParentCode != dep {
				return nil, fmt.Errorf("%s:%d: field insee_com: commune %s repeated with another name or département", file, t.line[i], code)
			}
			for _, pc := range postal {
				if !slices.Contains(prev.PostalCodes, pc) {
					prev.PostalCodes = append(prev.PostalCodes, pc)
				}
			}
			continue
		}
		index[code] = len(out.Communes)
		ter := Territory{Kind: KindCommune, Code: code, Name: t.get(i, "commune"), ParentKind: KindDepartment, ParentCode: dep, PostalCodes: postal}
		if err := t.centre(i, &ter); err != nil {
			return nil, err
		}
		if v := t.get(i, "population_2021"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: field population_2021: invalid number %q", file, t.line[i], v)
			}
			ter.Population = &n
		}
		out.Communes = append(out.Communes, ter)
	}
	depOf := make(map[string]string, len(out.Communes))
	for _, c := range out.Communes {
		depOf[c.Code] = c.ParentCode
	}
	for i, d := range out.Delegated {
		dep, ok := depOf[d.Parent]
		if !ok {
			return nil, fmt.Errorf("%s:%d: field insee_parente: unknown parent commune %s", file, d.line, d.Parent)
		}
		out.Delegated[i].Department = dep
	}
	return out, nil
}

// ReadBoundaries reads a GeoJSON FeatureCollection whose features carry
// a `code` property and returns each geometry by code.
func ReadBoundaries(file string, r io.Reader) (map[string]string, error) {
	var fc struct {
		Features []struct {
			Properties struct {
				Code string `json:"code"`
			} `json:"properties"`
			Geometry json.RawMessage `json:"geometry"`
		} `json:"features"`
	}
	if err := json.NewDecoder(r).Decode(&fc); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	out := make(map[string]string, len(fc.Features))
	for i, f := range fc.Features {
		if f.Properties.Code == "" || len(f.Geometry) == 0 {
			return nil, fmt.Errorf("%s: feature %d: missing code or geometry", file, i)
		}
		out[f.Properties.Code] = string(f.Geometry)
	}
	return out, nil
}
