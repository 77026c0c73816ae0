package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/pgtest"
	"github.com/maillage/maillage/internal/store"
)

// TestMigrateIsIdempotent creates the schema on a new database, then
// migrates again, on a real SQLite file and a real PostgreSQL database.
func TestMigrateIsIdempotent(t *testing.T) {
	ctx := context.Background()
	pg, err := pgtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pg.Stop() })
	pgURL, err := pg.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, url := range []string{"sqlite://" + filepath.Join(t.TempDir(), "sub", "new.db"), pgURL} {
		db, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			if err := db.Migrate(ctx); err != nil {
				t.Fatalf("%s: migration %d: %v", db.Dialect, i+1, err)
			}
		}
		if _, err := db.Client.Source.Query().Count(ctx); err != nil {
			t.Errorf("%s: schema not usable: %v", db.Dialect, err)
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
