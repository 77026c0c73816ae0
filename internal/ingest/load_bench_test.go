package ingest_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/maillage/maillage/internal/ingest"
	"github.com/maillage/maillage/internal/pgtest"
	"github.com/maillage/maillage/internal/store"
)

// benchmarkLoad times ingest.LoadShipped into a fresh, migrated database made
// by newURL for each iteration.
func benchmarkLoad(b *testing.B, newURL func() string) {
	ctx := context.Background()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	for b.Loop() {
		b.StopTimer()
		db, err := store.Open(ctx, newURL())
		if err != nil {
			b.Fatal(err)
		}
		if err := db.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := ingest.LoadShipped(ctx, db.Client, logger); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		n, err := db.Client.Establishment.Query().Count(ctx)
		if err != nil || n != 95333 {
			b.Fatalf("loaded %d sites (%v)", n, err)
		}
		_ = db.Close()
		b.StartTimer()
	}
}

func BenchmarkLoadSQLite(b *testing.B) {
	dir := b.TempDir()
	i := 0
	benchmarkLoad(b, func() string {
		i++
		return "sqlite://" + filepath.Join(dir, "bench"+string(rune('a'+i%26))+".db")
	})
}

func BenchmarkLoadPostgres(b *testing.B) {
	pg, err := pgtest.Start()
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = pg.Stop() }()
	benchmarkLoad(b, func() string {
		url, err := pg.NewDatabase(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		return url
	})
}
