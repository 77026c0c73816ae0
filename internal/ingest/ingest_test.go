package ingest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/membership"
	"github.com/maillage/maillage/internal/ingest/importer"
	"github.com/maillage/maillage/internal/pgtest"
	"github.com/maillage/maillage/internal/store"
	"github.com/maillage/maillage/internal/storetest"
)

var (
	pg     *pgtest.Server
	logger = slog.New(slog.NewTextHandler(io.Discard, nil))
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(runChildImport())
	}
	var err error
	pg, err = pgtest.Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	_ = pg.Stop()
	os.Exit(code)
}

// freshDatabases returns a new, migrated SQLite file and PostgreSQL
// database.
func freshDatabases(t testing.TB) map[string]*store.DB { return storetest.Fresh(t, pg) }

const excerpt = "../finess/testdata/etalab-cs1100502-stock-20260512-0339.excerpt.csv"

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFinessExtractTwice(t *testing.T) {
	ctx := context.Background()
	content := readFile(t, excerpt)
	for name, db := range freshDatabases(t) {
		t.Run(name, func(t *testing.T) {
			first, err := Import(ctx, db.Client, nil, "finess", "cs1100502.csv", content)
			if err != nil {
				t.Fatal(err)
			}
			if first.Added["establishment"] != 14 || first.Added["legalEntity"] != 13 {
				t.Errorf("first import: %s", first)
			}
			second, err := Import(ctx, db.Client, nil, "finess", "cs1100502.csv", content)
			if err != nil {
				t.Fatal(err)
			}
			if second.Changes() != 0 || second.Unchanged["establishment"] != 14 || !strings.Contains(second.String(), "nothing changed") {
				t.Errorf("second import: %s", second)
			}
			fleyriat, err := db.Client.Establishment.Query().Where(establishment.Finess("010000024")).WithSource().WithCommune().Only(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if fleyriat.Edges.Commune == nil || fleyriat.Edges.Commune.Code != "01451" || fleyriat.RegionCode != "84" {
				t.Errorf("Fleyriat placed in %v, région %s", fleyriat.Edges.Commune, fleyriat.RegionCode)
			}
			src := fleyriat.Edges.Source
			if src.Key != "finess-etalab-cs1100502-2026-05-12" || !strings.Contains(src.Report, "establishment +14") {
				t.Errorf("source %s, report %q", src.Key, src.Report)
			}
		})
	}
}

// TestNewerExtractClosesAndUpdates imports an extract, then a newer one
// where a site has gone and another is renamed: the first is closed,
// not deleted, the second updated; the older extract imported again
// changes nothing.
func TestNewerExtractClosesAndUpdates(t *testing.T) {
	ctx := context.Background()
	may := readFile(t, excerpt)
	june := strings.Replace(string(may), "finess;etalab;111;2026-05-12", "finess;etalab;112;2026-06-12", 1)
	var kept []string
	for _, l := range strings.Split(june, "\n") {
		if !strings.HasPrefix(l, "structureet;970102059;") { // CLASS DE MARIGOT goes
			kept = append(kept, l)
		}
	}
	june = strings.Replace(strings.Join(kept, "\n"), ";HOPITAL DE SIA;", ";HOPITAL DE SIA (UVEA);", 1)
	for name, db := range freshDatabases(t) {
		t.Run(name, func(t *testing.T) {
			c := db.Client
			if _, err := Import(ctx, c, nil, "finess", "may.csv", may); err != nil {
				t.Fatal(err)
			}
			rep, err := Import(ctx, c, nil, "finess", "june.csv", []byte(june))
			if err != nil {
				t.Fatal(err)
			}
			if rep.Closed["establishment"] != 1 || rep.Updated["establishment"] != 1 || rep.Unchanged["establishment"] != 12 {
				t.Errorf("june: %s", rep)
			}
			gone, err := c.Establishment.Query().Where(establishment.Finess("970102059")).Only(ctx)
			if err != nil {
				t.Fatalf("closed site deleted: %v", err)
			}
			if gone.ValidTo == nil || gone.ValidTo.Format("2006-01-02") != "2026-06-12" {
				t.Errorf("closed site valid to %v, want 2026-06-12", gone.ValidTo)
			}
			asOfMay, err := ent.AsOf(ctx, ptr(time.Date(2026, 5, 20, 0, 0, 0, 0, time.UTC)), c.Establishment.Query().All)
			if err != nil || len(asOfMay) != 14 {
				t.Errorf("as of 2026-05-20: %d sites (%v), want 14", len(asOfMay), err)
			}
			asOfJuly, _ := ent.AsOf(ctx, ptr(time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)), c.Establishment.Query().All)
			if len(asOfJuly) != 13 {
				t.Errorf("as of 2026-07-01: %d sites, want 13", len(asOfJuly))
			}
			again, err := Import(ctx, c, nil, "finess", "may.csv", may)
			if err != nil {
				t.Fatal(err)
			}
			if again.Changes() != 0 {
				t.Errorf("the older extract changed the database: %s", again)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// TestMalformedFileChangesNothing: an error on the last line rejects
// the whole file, with its line and field, and the database is as before.
func TestMalformedFileChangesNothing(t *testing.T) {
	ctx := context.Background()
	good := readFile(t, excerpt)
	newer := strings.Replace(string(good), "2026-05-12", "2026-06-12", 1)
	bad := strings.Replace(newer, "structureet;970216057;590799730;", "structureet;970216057;59079973X;", 1)
	for name, db := range freshDatabases(t) {
		t.Run(name, func(t *testing.T) {
			c := db.Client
			if _, err := Import(ctx, c, nil, "finess", "may.csv", good); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, c)
			_, err := Import(ctx, c, nil, "finess", "bad.csv", []byte(bad))
			if err == nil || !strings.Contains(err.Error(), "bad.csv:15: field nofinessej") {
				t.Fatalf("error %v, want one at bad.csv:15, field nofinessej", err)
			}
			if after := snapshot(t, c); after != before {
				t.Errorf("database changed:\n%s\n%s", before, after)
			}
		})
	}
}

// snapshot summarises what imports change.
func snapshot(t testing.TB, c *ent.Client) string {
	t.Helper()
	ctx := context.Background()
	sites, err := c.Establishment.Query().Order(ent.Asc(establishment.FieldFiness)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, s := range sites {
		fmt.Fprintf(&b, "%s|%s|%v|%d;", s.Finess, s.Name, s.ValidTo, s.SourceID)
	}
	n, _ := c.Source.Query().Count(ctx)
	e, _ := c.LegalEntity.Query().Count(ctx)
	ter, _ := c.Territory.Query().Count(ctx)
	fmt.Fprintf(&b, "sources %d entities %d territories %d", n, e, ter)
	return b.String()
}

// nationalExtract is a cs1100507 extract of every shipped site, made once.
var nationalExtract = sync.OnceValues(func() ([]byte, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "maillage-national-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	db, err := store.Open(ctx, "sqlite://"+filepath.Join(dir, "m.db"))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return nil, err
	}
	if err := LoadShipped(ctx, db.Client, logger); err != nil {
		return nil, err
	}
	return etalabExtract(ctx, db.Client, time.Date(2026, 5, 12, 0, 0, 0, 0, time.UTC), nil, nil)
})

const childEnv = "MAILLAGE_TEST_IMPORT_CHILD"

// runChildImport imports the file named by the environment into the
// database it names, printing "halfway" when half the sites are written.
func runChildImport() int {
	content, err := os.ReadFile(os.Getenv("MAILLAGE_TEST_IMPORT_FILE"))
	if err != nil {
		fmt.Println(err)
		return 1
	}
	ctx := context.Background()
	db, err := store.Open(ctx, os.Getenv(childEnv))
	if err != nil {
		fmt.Println(err)
		return 1
	}
	said := false
	progress := func(step string, done, total int) {
		if step == "sites" && !said && done >= total/2 && total > 0 {
			said = true
			fmt.Println("halfway")
		}
	}
	_, err = Import(ctx, db.Client, importer.Progress(progress), "finess", "national.csv", content)
	fmt.Println("finished", err)
	return 0
}

// TestKilledImportChangesNothing kills an import of the whole national
// extract half-way, into an empty database (whose territories the import
// adds in its own transaction) and into one holding data to update and
// close: the database is exactly as before each time.
func TestKilledImportChangesNothing(t *testing.T) {
	content, err := nationalExtract()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "national.csv")
	if err := os.WriteFile(file, content, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for name, db := range freshDatabases(t) {
		t.Run(name, func(t *testing.T) {
			killHalfway(t, db, file)
			if n := db.Client.Territory.Query().CountX(ctx); n != 0 {
				t.Errorf("the killed first import left %d territories", n)
			}
			if _, err := Import(ctx, db.Client, nil, "finess", "may.csv", readFile(t, excerpt)); err != nil {
				t.Fatal(err)
			}
			killHalfway(t, db, file)
			rep, err := Import(ctx, db.Client, nil, "finess", "national.csv", content)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Added["establishment"] < 95000 {
				t.Errorf("the import after the killed one: %s", rep)
			}
		})
	}
}

// killHalfway imports file in a child process, kills it when half the
// sites are written, and checks that the database did not change.
func killHalfway(t *testing.T, db *store.DB, file string) {
	t.Helper()
	before := snapshot(t, db.Client)
	url := db.URL // no password to redact: the test cluster trusts local users
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+url, "MAILLAGE_TEST_IMPORT_FILE="+file)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	halfway := false
	for lines.Scan() {
		if lines.Text() == "halfway" {
			halfway = true
			break
		}
		t.Logf("child: %s", lines.Text())
	}
	if !halfway {
		t.Fatal("the import never reached half-way")
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	if after := snapshot(t, db.Client); after != before {
		t.Errorf("the killed import left changes:\n%.500s\n%.500s", before, after)
	}
}

const structuresExcerpt = "../finessplus/testdata/finess-plus-structures-sample-20260309-excerpt.json"

// TestStructuresExcerpt imports the real FINESS+ excerpt: its 5 GHTs,
// each with one support, whose members the excerpt cannot resolve.
func TestStructuresExcerpt(t *testing.T) {
	ctx := context.Background()
	content := readFile(t, structuresExcerpt)
	for name, db := range freshDatabases(t) {
		t.Run(name, func(t *testing.T) {
			c := db.Client
			first, err := Import(ctx, c, nil, "structures", "structures.json", content)
			if err != nil {
				t.Fatal(err)
			}
			if first.Added["grouping"] != 19 || first.Added["membership"] != 22 {
				t.Errorf("first import: %s", first)
			}
			ghts, err := c.Grouping.Query().Where(grouping.KindEQ(grouping.KindGHT)).WithMemberships().All(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(ghts) != 5 {
				t.Fatalf("%d GHTs, want 5", len(ghts))
			}
			for _, g := range ghts {
				supports := 0
				for _, m := range g.Edges.Memberships {
					if m.Role == membership.RoleSUPPORT {
						supports++
					}
					if m.MemberRef == "" {
						t.Errorf("%s: membership without its register reference", g.Name)
					}
				}
				if supports != 1 || g.ValidFrom == nil || g.ValidFrom.Format("2006-01-02") != "2017-01-01" {
					t.Errorf("GHT %s: %d supports, valid from %v", g.Name, supports, g.ValidFrom)
				}
			}
			second, err := Import(ctx, c, nil, "structures", "structures.json", content)
			if err != nil {
				t.Fatal(err)
			}
			if second.Changes() != 0 {
				t.Errorf("second import: %s", second)
			}
			before := snapshotGroupings(t, c)
			bad := strings.Replace(string(content), `"typeRoleEntiteGroupe": "S"`, `"typeRoleEntiteGroupe": "Z"`, 1)
			if _, err := Import(ctx, c, nil, "structures", "bad.json", []byte(bad)); err == nil || !strings.Contains(err.Error(), "bad.json: gcc[0].pmejDuGcc[1].typeRoleEntiteGroupe") {
				t.Errorf("error %v, want one naming gcc[0].pmejDuGcc[1].typeRoleEntiteGroupe", err)
			}
			if after := snapshotGroupings(t, c); after != before {
				t.Error("the rejected file changed the database")
			}
		})
	}
}

func snapshotGroupings(t testing.TB, c *ent.Client) string {
	t.Helper()
	ctx := context.Background()
	ms, err := c.Membership.Query().Order(ent.Asc(membership.FieldID)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%d|%d|%s|%s|%v|%v;", m.ID, m.GroupingID, m.Role, m.MemberRef, m.ValidFrom, m.ValidTo)
	}
	n, _ := c.Grouping.Query().Count(ctx)
	fmt.Fprintf(&b, "groupings %d", n)
	return b.String()
}

// ghtList writes a DGOS-style list of the excerpt's legal entities.
func ghtList(rows ...string) []byte {
	return []byte("REGION;DENOMINATION GHT;CODE GHT;FINESS;CATEGORIE;DENOMINATION ETABLISSEMENT;COMMUNE;CODE POSTAL;ROLE;DATE_DEBUT\n" + strings.Join(rows, "\n") + "\n")
}

func TestGHTList(t *testing.T) {
	ctx := context.Background()
	const (
		cayenne  = "Guyane;GHT Guyane;GUY-01;970302022;CH;CH de Cayenne;Cayenne;97306;support;01/07/2016"
		kourou   = "Guyane;GHT Guyane;GUY-01;420784878;CHU;CHU de Saint-Étienne;Saint-Étienne;42055;membre;01/07/2016"
		fleyriat = "Auvergne-Rhône-Alpes;GHT Bresse Haut-Bugey;ARA-01;010780054;CH;CH de Fleyriat;Bourg-en-Bresse;01440;support;01/07/2016"
	)
	for name, db := range freshDatabases(t) {
		t.Run(name, func(t *testing.T) {
			c := db.Client
			if _, err := Import(ctx, c, nil, "finess", "cs1100502.csv", readFile(t, excerpt)); err != nil {
				t.Fatal(err)
			}
			// 420784878 is not in the excerpt: the list names a member the register lacks.
			before := snapshotGroupings(t, c)
			_, err := Import(ctx, c, nil, "ght", "liste.csv", ghtList(cayenne, kourou, fleyriat))
			if err == nil || !strings.Contains(err.Error(), "liste.csv: row 3: column FINESS") || !strings.Contains(err.Error(), "420784878") {
				t.Fatalf("error %v, want one naming row 3 and 420784878", err)
			}
			if snapshotGroupings(t, c) != before {
				t.Fatal("the rejected list changed the database")
			}
			comptoir := "Guyane;GHT Guyane;GUY-01;590799730;Autre;ALEFPA;Fort-de-France;97200;partenaire;01/01/2020"
			rep, err := Import(ctx, c, nil, "ght", "liste.csv", ghtList(cayenne, comptoir, fleyriat))
			if err != nil {
				t.Fatal(err)
			}
			if rep.Added["grouping"] != 2 || rep.Added["membership"] != 3 {
				t.Errorf("first list: %s", rep)
			}
			g, err := c.Grouping.Query().Where(grouping.Code("GUY-01")).WithMemberships(func(q *ent.MembershipQuery) { q.WithLegalEntity() }).WithTerritory().Only(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if g.Edges.Territory == nil || g.Edges.Territory.Code != "03" || len(g.Edges.Memberships) != 2 {
				t.Errorf("GHT Guyane: territory %v, %d members", g.Edges.Territory, len(g.Edges.Memberships))
			}
			again, err := Import(ctx, c, nil, "ght", "liste.csv", ghtList(cayenne, comptoir, fleyriat))
			if err != nil || again.Changes() != 0 {
				t.Errorf("second import: %v %v", again, err)
			}
			newer, err := Import(ctx, c, nil, "ght", "liste-2.csv", ghtList(cayenne, fleyriat))
			if err != nil {
				t.Fatal(err)
			}
			if newer.Closed["membership"] != 1 {
				t.Errorf("newer list: %s", newer)
			}
		})
	}
}

// TestLegalEntityExtract: the legal-entity extract gives the register's
// name to an entity known by a derived one, adds a new entity, and
// closes the entities this national stock no longer lists.
func TestLegalEntityExtract(t *testing.T) {
	ctx := context.Background()
	ej := "finess;etalab;5;2026-06-01\n" +
		"structureej;010780054;CH DE FLEYRIAT;CENTRE HOSPITALIER DE BOURG EN BRESSE;;900;RTE;DE PARIS;;;;451;01440 VIRIAT;01;AIN;0474454647;13;Etablissement Public Communal d'Hospitalisation;355;Centre Hospitalier (C.H.);260100045;8610Z;1979-02-13;\n" +
		"structureej;420784878;CHU ST ETIENNE;CENTRE HOSPITALIER UNIVERSITAIRE DE SAINT-ETIENNE;;;;AV;ALBERT RAIMOND;;;218;42055 ST ETIENNE CEDEX 2;42;LOIRE;0477828000;13;Etablissement Public Communal d'Hospitalisation;101;Centre Hospitalier Régional (C.H.R.);264200304;8610Z;1965-01-01;\n"
	for name, db := range freshDatabases(t) {
		t.Run(name, func(t *testing.T) {
			c := db.Client
			if _, err := Import(ctx, c, nil, "finess", "cs1100502.csv", readFile(t, excerpt)); err != nil {
				t.Fatal(err)
			}
			rep, err := Import(ctx, c, nil, "finess", "cs1100501.csv", []byte(ej))
			if err != nil {
				t.Fatal(err)
			}
			if rep.Updated["legalEntity"] != 1 || rep.Added["legalEntity"] != 1 || rep.Closed["legalEntity"] != 12 {
				t.Errorf("legal entities: %s", rep)
			}
			e, err := c.LegalEntity.Query().Where(legalentity.Finess("010780054")).Only(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if e.Name != "CENTRE HOSPITALIER DE BOURG EN BRESSE" || e.NameDerived || e.Siren != "260100045" || e.ValidTo != nil {
				t.Errorf("Fleyriat's entity: %+v", e)
			}
			again, err := Import(ctx, c, nil, "finess", "cs1100501.csv", []byte(ej))
			if err != nil || again.Changes() != 0 {
				t.Errorf("second import: %v %v", again, err)
			}
		})
	}
}
