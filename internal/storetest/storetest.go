// Package storetest gives tests fresh, empty, migrated databases of both
// kinds Maillage runs on: a SQLite file and a PostgreSQL database.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/maillage/maillage/internal/pgtest"
	"github.com/maillage/maillage/internal/store"
)

// Fresh returns a new, migrated SQLite file and PostgreSQL database (on
// pg's cluster), by kind ("sqlite", "postgres"), closed when t ends.
func Fresh(t testing.TB, pg *pgtest.Server) map[string]*store.DB {
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
