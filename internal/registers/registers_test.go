package registers

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
	"github.com/maillage/maillage/internal/importer"
	"github.com/maillage/maillage/internal/pgtest"
	"github.com/maillage/maillage/internal/shipped"
	"github.com/maillage/maillage/internal/store"
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
func freshDatabases(t testing.TB) map[string]*store.DB {
	t.Helper()
	ctx := context.Background()
	pgURL, err := pg.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*store.DB{}
	for name, url := range map[string]string{"sqlite": "sqlite://" + filepath.Join(t.TempDir(), "m.db"), "postgres": pgURL} {
		db, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.Close() })
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		out[name] = db
	}
	return out
}

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
			first, err := Import(ctx, db.Client, nil, logger, "finess", "cs1100502.csv", content)
			if err != nil {
				t.Fatal(err)
			}
			if first.Added["establishment"] != 14 || first.Added["legalEntity"] != 13 {
				t.Errorf("first import: %s", first)
			}
			second, err := Import(ctx, db.Client, nil, logger, "finess", "cs1100502.csv", content)
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
			if _, err := Import(ctx, c, nil, logger, "finess", "may.csv", may); err != nil {
				t.Fatal(err)
			}
			rep, err := Import(ctx, c, nil, logger, "finess", "june.csv", []byte(june))
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
			again, err := Import(ctx, c, nil, logger, "finess", "may.csv", may)
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
			if _, err := Import(ctx, c, nil, logger, "finess", "may.csv", good); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, c)
			_, err := Import(ctx, c, nil, logger, "finess", "bad.csv", []byte(bad))
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
	fmt.Fprintf(&b, "sources %d entities %d", n, e)
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
	if err := shipped.Load(ctx, db.Client, logger); err != nil {
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
	_, err = Import(ctx, db.Client, importer.Progress(progress), logger, "finess", "national.csv", content)
	fmt.Println("finished", err)
	return 0
}

// TestKilledImportChangesNothing kills an import of the whole national
// extract half-way: the database is exactly as before.
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
			// Some data first, for the killed import to update and close.
			if _, err := Import(ctx, db.Client, nil, logger, "finess", "may.csv", readFile(t, excerpt)); err != nil {
				t.Fatal(err)
			}
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
			rep, err := Import(ctx, db.Client, nil, logger, "finess", "national.csv", content)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Added["establishment"] < 95000 {
				t.Errorf("the import after the killed one: %s", rep)
			}
		})
	}
}
