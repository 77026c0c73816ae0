// Package shippedtest gives tests the real databases Maillage runs on —
// a SQLite file and a PostgreSQL database from a throwaway cluster —
// migrated and loaded with the shipped data.
package shippedtest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"entgo.io/ent/dialect"

	"github.com/maillage/maillage/internal/ingest"
	"github.com/maillage/maillage/internal/pgtest"

	"github.com/maillage/maillage/internal/store"
)

// Database is one loaded database.
type Database struct {
	Name string // "sqlite" or "postgres"
	DB   *store.DB
	URL  string // to open the database again (another process would)
}

// Open starts PostgreSQL, creates both databases and loads them. wrap,
// when not nil, wraps each database's driver (to count statements, say).
// close releases everything, the PostgreSQL cluster included.
func Open(ctx context.Context, wrap func(dialect.Driver) dialect.Driver) (dbs []Database, close func(), err error) {
	var cleanups []func()
	close = func() {
		for i := len(cleanups) - 1; i >= 0; i-- {
			cleanups[i]()
		}
	}
	defer func() {
		if err != nil {
			close()
		}
	}()
	pg, err := pgtest.Start()
	if err != nil {
		return nil, close, err
	}
	cleanups = append(cleanups, func() { _ = pg.Stop() })
	pgURL, err := pg.NewDatabase(ctx)
	if err != nil {
		return nil, close, err
	}
	dir, err := os.MkdirTemp("", "maillage-test-")
	if err != nil {
		return nil, close, err
	}
	cleanups = append(cleanups, func() { _ = os.RemoveAll(dir) })

	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, c := range []struct{ name, url string }{
		{"sqlite", "sqlite://" + filepath.Join(dir, "maillage.db")},
		{"postgres", pgURL},
	} {
		db, err := store.OpenWrapped(ctx, c.url, wrap)
		if err != nil {
			return nil, close, fmt.Errorf("%s: %w", c.name, err)
		}
		cleanups = append(cleanups, func() { _ = db.Close() })
		if err := db.Migrate(ctx); err != nil {
			return nil, close, fmt.Errorf("%s: %w", c.name, err)
		}
		if err := ingest.LoadShipped(ctx, db.Client, logger); err != nil {
			return nil, close, fmt.Errorf("%s: %w", c.name, err)
		}
		dbs = append(dbs, Database{Name: c.name, DB: db, URL: c.url})
	}
	return dbs, close, nil
}

// Main is a test package's TestMain body: it opens the loaded databases
// into *dbs, runs the tests and releases everything; its result is the
// exit code.
func Main(m interface{ Run() int }, dbs *[]Database) int {
	opened, closeAll, err := Open(context.Background(), nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer closeAll()
	*dbs = opened
	return m.Run()
}
