package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/roundtrip"
	"github.com/maillage/maillage/internal/store"
)

// TestStatementsCounted: every statement a request's client sends, an
// eager-loaded edge's included, counts in the request's round-trip
// counter, on SQLite and PostgreSQL; transactions still open through
// the counting driver.
func TestStatementsCounted(t *testing.T) {
	pgURL := store.FreshPostgresDatabase(t)
	for _, url := range []string{"sqlite://" + filepath.Join(t.TempDir(), "count.db"), pgURL} {
		db, err := store.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name string
			run  func(ctx context.Context) error
			want int64
		}{
			{"one query", func(ctx context.Context) error { _, err := db.Client.Source.Query().Count(ctx); return err }, 1},
			{"a query and its eager-loaded edge", func(ctx context.Context) error {
				if _, err := db.Client.Source.Create().SetKind("EDIT").SetKey("count").SetTitle("t").SetRecordedAt(time.Now()).Save(access.AsSystem(context.Background())); err != nil {
					return err
				}
				_, err := db.Client.Source.Query().WithGroupings().All(ctx)
				return err
			}, 2},
			{"a transaction", func(ctx context.Context) error {
				tx, err := db.Client.Tx(ctx)
				if err != nil {
					return err
				}
				return tx.Rollback()
			}, 0},
		}
		for _, tc := range cases {
			c := new(roundtrip.Counter)
			if err := tc.run(roundtrip.With(context.Background(), c)); err != nil {
				t.Fatalf("%s: %s: %v", db.Dialect, tc.name, err)
			}
			if got := c.Load(); got != tc.want {
				t.Errorf("%s: %s: %d statements counted, want %d", db.Dialect, tc.name, got, tc.want)
			}
		}
		_ = db.Close()
	}
}
