package store

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/maillage/maillage/internal/pgtest"
)

// The package's tests share one throwaway PostgreSQL server, started on
// first use and stopped when they end; each test takes fresh databases on
// it.
var shared struct {
	once   sync.Once
	server *pgtest.Server
	err    error
}

// SharedPostgres is that server (exported for the package's external tests).
func SharedPostgres(t testing.TB) *pgtest.Server {
	t.Helper()
	shared.once.Do(func() { shared.server, shared.err = pgtest.Start() })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.server
}

// FreshPostgresDatabase returns the URL of a new, empty database on it.
func FreshPostgresDatabase(t testing.TB) string {
	t.Helper()
	url, err := SharedPostgres(t).NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return url
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.server != nil {
		if err := shared.server.Stop(); err != nil && code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}
