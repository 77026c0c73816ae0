package store_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/store"
)

// TestMigrateIsIdempotent creates the schema on a new database, then
// migrates again, on a real SQLite file and a real PostgreSQL database.
func TestMigrateIsIdempotent(t *testing.T) {
	ctx := context.Background()
	pgURL := store.FreshPostgresDatabase(t)
	for _, url := range []string{"sqlite://" + filepath.Join(t.TempDir(), "sub", "new.db"), pgURL} {
		db, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			if err := db.Migrate(ctx); err != nil {
				t.Fatalf("%s: migration %d: %v", db.Dialect, i+1, err)
			}
			// A database of an earlier schema holds the index the
			// wider (department_code, id) replaced: migrating drops it.
			if i == 0 {
				if _, err := db.SQL.ExecContext(ctx, "CREATE INDEX establishment_department_code ON establishments (department_code)"); err != nil {
					t.Fatal(err)
				}
			}
		}
		indexes := `SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = $1`
		if db.Dialect == "postgres" {
			indexes = `SELECT count(*) FROM pg_indexes WHERE indexname = $1`
		}
		for name, want := range map[string]int{"establishment_department_code": 0, "establishment_department_code_id": 1} {
			var n int
			if err := db.SQL.QueryRowContext(ctx, indexes, name).Scan(&n); err != nil {
				t.Fatal(err)
			} else if n != want {
				t.Errorf("%s: %d indexes named %s after migrating, want %d", db.Dialect, n, name, want)
			}
		}
		if _, err := db.Client.Source.Query().Count(ctx); err != nil {
			t.Errorf("%s: schema not usable: %v", db.Dialect, err)
		}
		index := `SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = $1`
		if db.Dialect == "postgres" {
			index = `SELECT count(*) FROM pg_indexes WHERE indexname = $1`
		}
		var n int
		if err := db.SQL.QueryRowContext(ctx, index, store.FeedIndex).Scan(&n); err != nil || n != 1 {
			t.Errorf("%s: index %s: %d, %v", db.Dialect, store.FeedIndex, n, err)
		}
		if err := db.Ping(ctx); err != nil {
			t.Error(err)
		}
		_ = db.Close()
	}
}

func TestOpenRejectsBadURLs(t *testing.T) {
	tests := []struct {
		url, want string
	}{
		{"mysql://localhost/x", "want sqlite://PATH or postgres://"},
		{"sqlite://", "no path"},
		{"postgres://maillage:secret@127.0.0.1:1/x?sslmode=disable&connect_timeout=2", "connect to postgres://maillage:xxxxx@"},
	}
	for _, tt := range tests {
		_, err := store.Open(context.Background(), tt.url)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Open(%q) = %v, want an error containing %q", tt.url, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("error leaks the password: %v", err)
		}
	}
}

// TestReplicaRouting: with a read replica, reads outside a transaction
// go to it; writes, transactions and Primary go to the primary. The
// "replica" here is another database, so that where each statement went
// shows in the answers.
func TestReplicaRouting(t *testing.T) {
	ctx := context.Background()
	var urls [2]string
	for i := range urls {
		urls[i] = store.FreshPostgresDatabase(t)
		db, err := store.Open(ctx, urls[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		_ = db.Close()
	}
	db, err := store.Open(ctx, urls[0])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.UseReplica(ctx, urls[1]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Client.Source.Create().SetKind("EDIT").SetKey("replica-test").SetTitle("t").SetRecordedAt(time.Now()).Save(access.AsSystem(ctx)); err != nil {
		t.Fatal(err)
	}
	count := func(c *ent.Client) int {
		t.Helper()
		n, err := c.Source.Query().Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if got := count(db.Client); got != 0 {
		t.Errorf("a read through Client counted %d sources: it did not go to the replica", got)
	}
	if got := count(db.Primary); got != 1 {
		t.Errorf("the primary holds %d sources, want the one written", got)
	}
	tx, err := db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := tx.Source.Query().Count(ctx); err != nil || n != 1 {
		t.Errorf("a read in a transaction counted %d (%v): want the primary's 1", n, err)
	}
	_ = tx.Rollback()

	sqlite, err := store.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer sqlite.Close()
	if err := sqlite.UseReplica(ctx, urls[1]); err == nil || !strings.Contains(err.Error(), "only a PostgreSQL primary") {
		t.Errorf("SQLite with a replica: %v", err)
	}
}

// TestMigrateMovesConventionPartySites: the sites a convention party named
// when the link was a column of establishments (one party per site) are
// found through the join table after migrating, and a site may then be
// named by two parties.
func TestMigrateMovesConventionPartySites(t *testing.T) {
	ctx := access.AsSystem(context.Background())
	pgURL := store.FreshPostgresDatabase(t)
	for _, url := range []string{"sqlite://" + filepath.Join(t.TempDir(), "old.db"), pgURL} {
		db, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.Close() })
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		c := db.Client
		src := c.Source.Create().SetKey("s").SetKind("EDIT").SetTitle("Test").SetRecordedAt(time.Now()).SaveX(ctx)
		entity := c.LegalEntity.Create().SetFiness("420784878").SetName("CHU").SetNameDerived(false).SetSource(src).SaveX(ctx)
		site := c.Establishment.Create().SetFiness("420782559").SetName("Bellevue").SetLegalEntity(entity).
			SetCategoryCode("101").SetCategoryLabel("CHR").SetSource(src).SaveX(ctx)
		party := func(code string) *ent.ConventionParty {
			conv := c.Convention.Create().SetCode(code).SetName(code).SetKind("CONVENTION").SetSource(src).SaveX(ctx)
			return c.ConventionParty.Create().SetConvention(conv).SetLegalEntity(entity).SetRole("SIGNATORY").SetSource(src).SaveX(ctx)
		}
		first, second := party("A"), party("B")

		// The former layout: the site names its one party.
		if _, err := db.SQL.ExecContext(ctx, `ALTER TABLE establishments ADD COLUMN convention_party_sites BIGINT`); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL.ExecContext(ctx, `UPDATE establishments SET convention_party_sites = `+strconv.Itoa(first.ID)+` WHERE id = `+strconv.Itoa(site.ID)); err != nil {
			t.Fatal(err)
		}
		for i := range 2 { // the second migration finds nothing to move
			if err := db.Migrate(ctx); err != nil {
				t.Fatalf("%s: migration %d: %v", db.Dialect, i+1, err)
			}
		}
		if got := first.QuerySites().IDsX(ctx); len(got) != 1 || got[0] != site.ID {
			t.Errorf("%s: first party's sites after migrating: %v, want [%d]", db.Dialect, got, site.ID)
		}
		second.Update().AddSites(site).ExecX(ctx)
		if n := site.QueryConventionParties().CountX(ctx); n != 2 {
			t.Errorf("%s: the site is named by %d parties, want 2", db.Dialect, n)
		}
	}
}
