package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/membership"
)

// TestStructuresWhole: one import of the real excerpt into a fresh
// database gives legal entities their register names, sites their
// positions (read from swapped X/Y), the GHTs their members and
// supports with dates.
func TestStructuresWhole(t *testing.T) {
	ctx := context.Background()
	content := readFile(t, structuresExcerpt)
	for name, db := range freshDatabases(t) {
		t.Run(name, func(t *testing.T) {
			c := db.Client
			rep, err := Import(ctx, c, nil, "structures", "structures.json", content)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Added["legalEntity"] != 2 || rep.Added["establishment"] != 3 || !strings.Contains(rep.Detail(), "swapped") {
				t.Errorf("report: %s", rep.Detail())
			}
			e, err := c.LegalEntity.Query().Where(legalentity.Finess("010000156")).WithSources().Only(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if e.Name != "CLINIQUE CONVERT" || e.NameDerived || e.Siren != "772201489" || e.LegalStatus != "73" || len(e.Edges.Sources) != 1 || dayOf(e.ValidFrom) != "2001-01-01" {
				t.Errorf("legal entity: %+v, %d sources", e, len(e.Edges.Sources))
			}
			s, err := c.Establishment.Query().Where(establishment.Finess("010780195")).Only(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if s.Latitude == nil || math.Abs(*s.Latitude-46.211257) > 1e-4 || math.Abs(*s.Longitude-5.254203) > 1e-4 ||
				s.CommuneCode != "01053" || s.CategoryCode != "365" || s.CategoryLabel == "" || s.LegalEntityID != e.ID || s.LongName != "CLINIQUE DOCTEUR CONVERT" {
				t.Errorf("site: %+v", s)
			}
			wallis, err := c.Establishment.Query().Where(establishment.Finess("980600027")).Only(ctx)
			if err != nil || wallis.Latitude != nil || dayOf(wallis.ValidFrom) != "2024-10-30" {
				t.Errorf("Wallis site: %+v %v", wallis, err)
			}
			g, err := c.Grouping.Query().Where(grouping.RegisterID("GCC-1")).WithMemberships().Only(ctx)
			if err != nil {
				t.Fatal(err)
			}
			supports := 0
			for _, m := range g.Edges.Memberships {
				if m.Role == membership.RoleSUPPORT && m.MemberRef == "FINESS+ pmSmsseId 14967" {
					supports++
				}
			}
			if g.Name != "21-52 Côte d'Or-Haute-Marne" || dayOf(g.ValidFrom) != "2017-01-01" || len(g.Edges.Memberships) != 9 || supports != 1 {
				t.Errorf("GHT: %+v, %d members, %d supports", g, len(g.Edges.Memberships), supports)
			}
		})
	}
}

func dayOf(d *time.Time) string {
	if d == nil {
		return ""
	}
	return d.Format("2006-01-02")
}

// A small structures file: legal entities with one site each, and a GHT.
type fpEntity struct {
	id, finess, name, site, siteFiness string
	x, y                               string // as the flow writes them
}

type fpMember struct{ id, role string }

func structuresFile(generated string, entities []fpEntity, ghtName string, members ...fpMember) []byte {
	var pmej []any
	for i, e := range entities {
		addr := map[string]any{"usageAdresse": "03", "cogCommune": "01159", "codePostal": "01570", "ligneAcheminement": "FEILLENS"}
		if e.x != "" {
			addr["coordonneesGeographique"] = map[string]string{"coordonneeX": e.x, "coordonneeY": e.y}
		}
		pmej = append(pmej, map[string]any{
			"informationsGeneralesPMEJ": map[string]string{"pmSmsseId": e.id, "numFinessPm": e.finess, "denominationPm": e.name, "dateCreation": "2001-01-01", "statutJuridique": "21"},
			"etatObjet":                 "A",
			"ege": []any{map[string]any{
				"informationsGeneralesEGE":            map[string]string{"egeId": fmt.Sprint(1000 + i), "numFinessEge": e.siteFiness, "nomEgeCourt": e.site, "dateOuverture": "1984-01-01"},
				"categorieentiteGeographiqueExercice": "500", "etatObjet": "A", "adresse": []any{addr},
			}},
		})
	}
	var pms []any
	for _, m := range members {
		pms = append(pms, map[string]string{"pmSmsseId": m.id, "typeRoleEntiteGroupe": m.role})
	}
	gcc := []any{}
	if ghtName != "" {
		gcc = append(gcc, map[string]any{"gccId": "900", "nomGcc": ghtName, "typeGcc": "001", "etatObjet": "A", "pmejDuGcc": pms,
			"evenement": []any{map[string]string{"dateEvenement": "2017-01-01", "codeEvenement": "003", "typeObjet1": "GR", "identifiantObjet1": "900"}}})
	}
	b, err := json.Marshal(map[string]any{"generatedAt": generated, "gcc": gcc, "gco": []any{}, "pmej": pmej})
	if err != nil {
		panic(err)
	}
	return b
}

var (
	urfe    = fpEntity{"18", "010000347", "LA RESIDENCE D'URFE", "EHPAD RESIDENCE D'URFE", "010780914", "6583540.77", "845671.27"}
	albizia = fpEntity{"19", "010000354", "EHPAD L'ALBIZIA", "EHPAD RESIDENCE L'ALBIZIA", "010780922", "", ""}
	costaz  = fpEntity{"20", "010000362", "EHPAD FONDATION COSTAZ CHAMPAGNE", "EHPAD FONDATION COSTAZ", "010780930", "", ""}
)

// TestStructuresDated: a newer file closes what disappeared, an older
// one overwrites nothing, a malformed one changes nothing, and the same
// file again changes nothing.
func TestStructuresDated(t *testing.T) {
	ctx := context.Background()
	march := structuresFile("2026-03-09T15:49:37Z", []fpEntity{urfe, albizia, costaz}, "Bresse Test", fpMember{"18", "S"}, fpMember{"19", "M"}, fpMember{"20", "M"})
	older := urfe
	older.name = "ANCIEN NOM"
	february := structuresFile("2026-02-01", []fpEntity{older, albizia, costaz}, "Bresse Test", fpMember{"18", "S"}, fpMember{"19", "M"}, fpMember{"20", "M"})
	april := structuresFile("2026-04-01", []fpEntity{urfe, albizia}, "Bresse Test", fpMember{"18", "S"}, fpMember{"19", "M"})
	for name, db := range freshDatabases(t) {
		t.Run(name, func(t *testing.T) {
			c := db.Client
			if _, err := Import(ctx, c, nil, "structures", "march.json", march); err != nil {
				t.Fatal(err)
			}
			if again, err := Import(ctx, c, nil, "structures", "march.json", march); err != nil || again.Changes() != 0 {
				t.Errorf("same file again: %v %v", again, err)
			}
			before := recordsSnapshot(t, c)
			rep, err := Import(ctx, c, nil, "structures", "february.json", february)
			if err != nil {
				t.Fatal(err)
			}
			// The older file is one more source describing the records, no more.
			if rep.Changes() != 0 || recordsSnapshot(t, c) != before {
				t.Errorf("the older file changed the records: %s", rep)
			}
			before = snapshot(t, c)
			if e := entity(t, c, urfe.finess); e.Name != urfe.name {
				t.Errorf("older file renamed %s to %q", urfe.finess, e.Name)
			}
			bad := strings.Replace(string(april), albizia.siteFiness, "010780923", 1) // Luhn key wrong
			_, err = Import(ctx, c, nil, "structures", "bad.json", []byte(bad))
			if err == nil || !strings.Contains(err.Error(), "bad.json: pmej[1].ege[0].informationsGeneralesEGE.numFinessEge") {
				t.Errorf("error %v, want one naming pmej[1].ege[0].informationsGeneralesEGE.numFinessEge", err)
			}
			if snapshot(t, c) != before {
				t.Error("the rejected file changed the database")
			}
			rep, err = Import(ctx, c, nil, "structures", "april.json", april)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Closed["legalEntity"] != 1 || rep.Closed["establishment"] != 1 || rep.Closed["membership"] != 1 {
				t.Errorf("april: %s", rep)
			}
			if e := entity(t, c, costaz.finess); dayOf(e.ValidTo) != "2026-04-01" {
				t.Errorf("omitted entity valid to %v", e.ValidTo)
			}
			m, err := c.Membership.Query().Where(membership.HasLegalEntityWith(legalentity.Finess(costaz.finess))).Only(ctx)
			if err != nil || dayOf(m.ValidTo) != "2026-04-01" {
				t.Errorf("omitted member: %+v %v", m, err)
			}
		})
	}
}

func entity(t *testing.T, c *ent.Client, n string) *ent.LegalEntity {
	t.Helper()
	e, err := c.LegalEntity.Query().Where(legalentity.Finess(n)).Only(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestStructuresAndGHTList: a GHT that FINESS+ and the DGOS list both
// describe is one grouping with both sources, whichever comes first, and
// its members one membership each.
func TestStructuresAndGHTList(t *testing.T) {
	ctx := context.Background()
	structures := structuresFile("2026-03-09", []fpEntity{urfe, albizia}, "Bresse Test", fpMember{"18", "S"}, fpMember{"19", "M"})
	entitiesOnly := structuresFile("2026-03-09", []fpEntity{urfe, albizia}, "")
	list := ghtList(
		"Auvergne-Rhône-Alpes;GHT Bresse Test;ARA-99;010000347;CH;Résidence d'Urfé;Feillens;01570;support;01/07/2016",
		"Auvergne-Rhône-Alpes;GHT Bresse Test;ARA-99;010000354;EHPAD;L'Albizia;Cerdon;01450;membre;01/07/2016")
	for _, order := range []string{"structures first", "list first"} {
		for name, db := range freshDatabases(t) {
			t.Run(order+"/"+name, func(t *testing.T) {
				c := db.Client
				steps := []struct {
					format, file string
					content      []byte
				}{{"structures", "s.json", structures}, {"ght", "liste.csv", list}}
				if order == "list first" {
					steps = []struct {
						format, file string
						content      []byte
					}{{"structures", "e.json", entitiesOnly}, {"ght", "liste.csv", list}, {"structures", "s.json", structures}}
				}
				for _, s := range steps {
					if _, err := Import(ctx, c, nil, s.format, s.file, s.content); err != nil {
						t.Fatalf("%s: %v", s.file, err)
					}
				}
				ghts, err := c.Grouping.Query().Where(grouping.KindEQ(grouping.KindGHT)).WithSources().WithMemberships(func(q *ent.MembershipQuery) { q.WithSources() }).All(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if len(ghts) != 1 {
					t.Fatalf("%d GHTs, want 1", len(ghts))
				}
				g := ghts[0]
				if *g.Code != "ARA-99" || g.RegisterID == nil || *g.RegisterID != "GCC-900" || len(g.Edges.Sources) != 2 || len(g.Edges.Memberships) != 2 {
					t.Errorf("GHT %v (%v): %d sources, %d members", *g.Code, g.RegisterID, len(g.Edges.Sources), len(g.Edges.Memberships))
				}
				for _, m := range g.Edges.Memberships {
					if len(m.Edges.Sources) != 2 {
						t.Errorf("membership %d: %d sources", m.ID, len(m.Edges.Sources))
					}
				}
			})
		}
	}
}

// recordsSnapshot says the records' values, not which sources describe
// them.
func recordsSnapshot(t *testing.T, c *ent.Client) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	es, err := c.LegalEntity.Query().Order(ent.Asc(legalentity.FieldFiness)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		fmt.Fprintf(&b, "%s|%s|%s|%s|%d;", e.Finess, e.Name, dayOf(e.ValidFrom), dayOf(e.ValidTo), e.SourceID)
	}
	ss, err := c.Establishment.Query().Order(ent.Asc(establishment.FieldFiness)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ss {
		lat := 0.0
		if s.Latitude != nil {
			lat = *s.Latitude
		}
		fmt.Fprintf(&b, "%s|%s|%f|%s|%d;", s.Finess, s.Name, lat, dayOf(s.ValidTo), s.SourceID)
	}
	return b.String() + snapshotGroupings(t, c)
}
