package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/internal/coords"
	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/store"
)

// BenchmarkImportStructures times the import of a national FINESS+
// structures file (every shipped legal entity with its sites, positions
// swapped as in the daily flow, and the shipped GHTs), read from disk as
// maillage import reads it, into a fresh database, and its re-import
// with no change, on SQLite and PostgreSQL. peak-MB is the process's
// peak resident memory during the timed imports.
func BenchmarkImportStructures(b *testing.B) {
	path, err := nationalStructures()
	if err != nil {
		b.Fatal(err)
	}
	if fi, err := os.Stat(path); err == nil {
		b.Logf("national structures file: %.0f MB", float64(fi.Size())/1e6)
	}
	if out := os.Getenv("MAILLAGE_BENCH_STRUCTURES_OUT"); out != "" {
		content, err := os.ReadFile(path)
		if err == nil {
			err = os.WriteFile(out, content, 0o644)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	for _, backend := range []string{"sqlite", "postgres"} {
		b.Run(backend+"/full", func(b *testing.B) {
			peak := newPeakMeter()
			for b.Loop() {
				b.StopTimer()
				db := freshDatabases(b)[backend]
				peak.reset()
				b.StartTimer()
				rep, err := ImportFile(ctx, db.Client, nil, "structures", path, "")
				b.StopTimer()
				peak.read()
				if err != nil || rep.Added["establishment"] < 90000 {
					b.Fatalf("%v %v", rep, err)
				}
				b.StartTimer()
			}
			b.ReportMetric(peak.max, "peak-MB")
			b.ReportMetric(peak.base, "base-MB")
		})
		b.Run(backend+"/reimport", func(b *testing.B) {
			db := freshDatabases(b)[backend]
			if _, err := ImportFile(ctx, db.Client, nil, "structures", path, ""); err != nil {
				b.Fatal(err)
			}
			peak := newPeakMeter()
			for b.Loop() {
				peak.reset()
				rep, err := ImportFile(ctx, db.Client, nil, "structures", path, "")
				peak.read()
				if err != nil || rep.Changes() != 0 {
					b.Fatalf("%v %v", rep, err)
				}
			}
			b.ReportMetric(peak.max, "peak-MB")
			b.ReportMetric(peak.base, "base-MB")
		})
	}
}

// benchGrids are the projections the flow writes positions in.
var benchGrids = map[string]int{"971": 5490, "972": 5490, "973": 2972, "974": 2975, "976": 4471}

// nationalStructures writes, once, a structures file of every shipped
// legal entity and site, and returns its path.
var nationalStructures = sync.OnceValues(func() (string, error) {
	ctx := context.Background()
	// One place, overwritten by each run: the file is large.
	dir := filepath.Join(os.TempDir(), "maillage-bench-structures")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	dbFile := filepath.Join(dir, "m.db")
	for _, f := range []string{dbFile, dbFile + "-wal", dbFile + "-shm"} {
		_ = os.Remove(f)
	}
	defer os.Remove(dbFile)
	db, err := store.Open(ctx, "sqlite://"+dbFile)
	if err != nil {
		return "", err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return "", err
	}
	if err := LoadShipped(ctx, db.Client, logger); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "finess-structures-national.json")
	fh, err := os.Create(path)
	if err != nil {
		return "", err
	}
	defer fh.Close()
	w := bufio.NewWriterSize(fh, 1<<20)
	if err := writeStructures(ctx, db.Client, w); err != nil {
		return "", err
	}
	return path, w.Flush()
})

func writeStructures(ctx context.Context, c *ent.Client, w *bufio.Writer) error {
	ghts, err := c.Grouping.Query().Where(grouping.KindEQ(grouping.KindGHT)).WithMemberships().All(ctx)
	if err != nil {
		return err
	}
	var gcc []any
	for i, g := range ghts {
		var pms []any
		for _, m := range g.Edges.Memberships {
			if m.LegalEntityID == nil {
				continue
			}
			role := "M"
			if m.Role == "SUPPORT" {
				role = "S"
			}
			pms = append(pms, map[string]string{"pmSmsseId": strconv.Itoa(*m.LegalEntityID), "typeRoleEntiteGroupe": role})
		}
		gcc = append(gcc, map[string]any{"gccId": strconv.Itoa(i + 1), "nomGcc": g.Name, "typeGcc": "001", "etatObjet": "A", "engagement": []any{},
			"evenement": []any{map[string]string{"evenementId": strconv.Itoa(700000 + i), "dateEvenement": "2017-01-01", "codeEvenement": "003", "typeObjet1": "GR", "identifiantObjet1": strconv.Itoa(i + 1)}},
			"pmejDuGcc": pms, "egeDuGcc": []any{}})
	}
	head, err := json.Marshal(gcc)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, `{"schemaVersion":"v1.0.0","generatedAt":"2026-03-09T15:49:37.615611300Z","gcc":%s,"gco":[],"pmej":[`, head)
	ids, err := c.LegalEntity.Query().Order(ent.Asc(legalentity.FieldID)).IDs(ctx)
	if err != nil {
		return err
	}
	event := func(id, code, date, kind string) map[string]string {
		return map[string]string{"evenementId": id, "dateEnregistrement": "2025-10-21 18:36:29", "dateEvenement": date, "etatObjet1": code, "identifiantObjet1": id, "systemeMaitre": "01", "typeObjet1": kind, "codeEvenement": code}
	}
	for start := 0; start < len(ids); start += 1000 {
		entities, err := c.LegalEntity.Query().Where(legalentity.IDIn(ids[start:min(start+1000, len(ids))]...)).WithEstablishments().All(ctx)
		if err != nil {
			return err
		}
		for _, e := range entities {
			if err := writeEntity(w, e, start > 0 || e.ID != ids[0], event); err != nil {
				return err
			}
		}
	}
	_, err = w.WriteString("]}")
	return err
}

func writeEntity(w *bufio.Writer, e *ent.LegalEntity, comma bool, event func(id, code, date, kind string) map[string]string) error {
	{
		var eges []any
		for _, s := range e.Edges.Establishments {
			addr := map[string]any{"usageAdresse": "03", "ligneQuatre": s.Address, "cogCommune": s.CommuneCode, "ligneAcheminement": s.City, "codePostal": s.PostalCode}
			if s.Latitude != nil {
				epsg, ok := benchGrids[finess.Department(s.Finess)]
				if !ok {
					epsg = 2154
				}
				if x, y, err := coords.FromWGS84(epsg, *s.Longitude, *s.Latitude); err == nil {
					// Swapped, as in the daily flow (ansforge/finess issue 24).
					addr["coordonneesGeographique"] = map[string]string{"coordonneeX": strconv.FormatFloat(y, 'f', 2, 64), "coordonneeY": strconv.FormatFloat(x, 'f', 2, 64),
						"directionLatitude": strconv.FormatFloat(*s.Latitude, 'f', 6, 64), "directionLongitude": strconv.FormatFloat(*s.Longitude, 'f', 6, 64)}
				}
			}
			opened := "1980-01-01"
			if s.ValidFrom != nil {
				opened = s.ValidFrom.Format(time.DateOnly)
			}
			eid := strconv.Itoa(s.ID)
			eges = append(eges, map[string]any{
				"informationsGeneralesEGE":            map[string]any{"egeId": eid, "dateOuverture": opened, "nomEgeCourt": s.Name, "nomEgeLong": s.LongName, "numFinessEge": s.Finess, "siret": s.Siret},
				"categorieentiteGeographiqueExercice": s.CategoryCode, "modefixationtarifaire": "07", "typeBudget": []string{"01"},
				"adresse":    []any{addr},
				"contact":    []any{map[string]any{"typeContact": map[string]string{"roleContact": "01"}, "telecom": map[string]string{"telephone": s.Phone}}},
				"engagement": []any{map[string]any{"engagementId": eid, "typeEngagement": "CONV", "sousTypeEngagement": "ASE", "dateEffetEngagement": opened, "dateSignatureEngagement": opened, "autoriteRegulationEngagement": []any{}}},
				"evenement":  []any{event(eid, "003", opened, "EG"), event(eid, "007", opened, "EG")},
				"roleEge":    []any{}, "etatObjet": "A", "dateDerniereMaj": "2021-10-18 00:00:00",
			})
		}
		id := strconv.Itoa(e.ID)
		pm := map[string]any{
			"informationsGeneralesPMEJ": map[string]string{"pmSmsseId": id, "codeApe": "86.10Z", "dateCreation": "2001-01-01", "denominationLonguePmSmsse": e.Name, "denominationPm": e.Name, "numFinessPm": e.Finess, "siren": e.Siren, "statutJuridique": "21", "typePersonneMorale": "01"},
			"adresse":                   []any{map[string]string{"usageAdresse": "02"}},
			"contact":                   []any{},
			"engagement":                []any{},
			"evenement":                 []any{event(id, "001", "2001-01-01", "PM")},
			"ege":                       eges,
			"etatObjet":                 "A", "dateDerniereMaj": "2021-10-18 00:00:00",
		}
		b, err := json.Marshal(pm)
		if err != nil {
			return err
		}
		if comma {
			w.WriteByte(',')
		}
		_, err = w.Write(b)
		return err
	}
}
