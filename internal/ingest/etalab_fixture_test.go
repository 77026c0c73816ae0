package ingest

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/internal/coords"
)

// finessDepartment gives the FINESS département code (01…95, 2A, 2B,
// 9A…) and commune suffix of an INSEE commune code.
func finessDepartment(insee string) (dep, commune string) {
	if strings.HasPrefix(insee, "97") {
		return "9" + string(rune('A'+int(insee[2]-'1'))), insee[2:]
	}
	return insee[:2], insee[2:]
}

// legalGrid is the projection FINESS publishes a département's positions in.
func legalGrid(dep string) (epsg int, token string) {
	switch dep {
	case "9A", "9B":
		return 5490, "UTM_N20"
	case "9C":
		return 2972, "UTM_N22"
	case "9D":
		return 2975, "UTM_S40"
	case "9F":
		return 4471, "UTM_S38"
	}
	return 2154, "LAMBERT_93"
}

// etalabExtract writes the sites of a loaded database as a FINESS
// cs1100507 extract dated date, as the ministry publishes it: one
// structureet line per site, then one geolocalisation line per
// positioned site, in its legal grid. skip leaves sites out.
func etalabExtract(ctx context.Context, c *ent.Client, date time.Time, skip map[string]bool, rename map[string]string) ([]byte, error) {
	sites, err := c.Establishment.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	entities, err := c.LegalEntity.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	entityFiness := make(map[int]string, len(entities))
	for _, e := range entities {
		entityFiness[e.ID] = e.Finess
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "finess;etalab;107;%s\n", date.Format("2006-01-02"))
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	day := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Format("2006-01-02")
	}
	var geo [][]string
	for _, s := range sites {
		if skip[s.Finess] || s.CommuneCode == "" {
			continue
		}
		name := s.Name
		if r, ok := rename[s.Finess]; ok {
			name = r
		}
		dep, commune := finessDepartment(s.CommuneCode)
		if err := w.Write([]string{
			"structureet", s.Finess, entityFiness[s.LegalEntityID], name, s.LongName, "", "", "", "", s.Address, "", "",
			commune, dep, "", strings.TrimSpace(s.PostalCode + " " + s.City), s.Phone, "",
			s.CategoryCode, s.CategoryLabel, s.CategoryGroupCode, s.CategoryGroupLabel, s.Siret, s.ApeCode, "", "",
			s.SphCode, s.SphLabel, day(s.ValidFrom), day(s.ValidFrom), day(s.RegisterUpdatedOn), "",
		}); err != nil {
			return nil, err
		}
		if s.Latitude == nil {
			continue
		}
		epsg, token := legalGrid(dep)
		x, y, err := coords.FromWGS84(epsg, *s.Longitude, *s.Latitude)
		if err != nil {
			return nil, err
		}
		geo = append(geo, []string{"geolocalisation", s.Finess, fmt.Sprintf("%.1f", x), fmt.Sprintf("%.1f", y),
			"1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2," + token, day(s.RegisterUpdatedOn)})
	}
	if err := w.WriteAll(geo); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
