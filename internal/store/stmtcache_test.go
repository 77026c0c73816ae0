package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/maillage/maillage/internal/store"
)

// TestStatementCache checks, on a real PostgreSQL, that a connection
// prepares a statement with arguments once and keeps it, at most 256 of
// them, prepares again one that failed, and keeps none when the URL says
// statement_cache=off or when a listen URL says a pooler is in between.
func TestStatementCache(t *testing.T) {
	ctx := context.Background()
	url := store.FreshPostgresDatabase(t)
	// prepared runs stmts on one connection of db, then counts the
	// statements that connection has prepared.
	prepared := func(t *testing.T, db *store.DB, stmts func(exec func(q string, args ...any) error)) int {
		t.Helper()
		conn, err := db.SQL.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		stmts(func(q string, args ...any) error {
			var v int
			return conn.QueryRowContext(ctx, q, args...).Scan(&v)
		})
		var n int
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM pg_prepared_statements").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	open := func(t *testing.T, url string, o store.Options) *store.DB {
		t.Helper()
		db, err := store.OpenWith(ctx, url, o)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.Close() })
		return db
	}

	t.Run("kept", func(t *testing.T) {
		db := open(t, url, store.Options{})
		n := prepared(t, db, func(exec func(string, ...any) error) {
			for i := range 5 {
				if err := exec("SELECT $1::int", i); err != nil {
					t.Fatal(err)
				}
			}
			if err := exec("SELECT 1"); err != nil { // no argument: not prepared
				t.Fatal(err)
			}
		})
		if n != 1 {
			t.Errorf("%d statements prepared, want 1", n)
		}
	})
	t.Run("bounded", func(t *testing.T) {
		db := open(t, url, store.Options{})
		n := prepared(t, db, func(exec func(string, ...any) error) {
			for i := range 300 {
				if err := exec(fmt.Sprintf("SELECT $1::int + %d", i), i); err != nil {
					t.Fatal(err)
				}
			}
		})
		if n != 256 {
			t.Errorf("%d statements prepared, want 256", n)
		}
	})
	t.Run("a statement that failed runs again", func(t *testing.T) {
		db := open(t, url, store.Options{})
		prepared(t, db, func(exec func(string, ...any) error) {
			if err := exec("SELECT 1 / $1::int", 0); err == nil {
				t.Fatal("division by zero did not fail")
			}
			if err := exec("SELECT 1 / $1::int", 1); err != nil {
				t.Fatal(err)
			}
		})
	})
	t.Run("off in the URL", func(t *testing.T) {
		db := open(t, url+"&statement_cache=off", store.Options{})
		n := prepared(t, db, func(exec func(string, ...any) error) {
			if err := exec("SELECT $1::int", 1); err != nil {
				t.Fatal(err)
			}
		})
		if n != 0 {
			t.Errorf("%d statements prepared, want 0", n)
		}
	})
	t.Run("off behind a pooler", func(t *testing.T) {
		db := open(t, url, store.Options{ListenURL: url + "&statement_cache=on"})
		n := prepared(t, db, func(exec func(string, ...any) error) {
			if err := exec("SELECT $1::int", 1); err != nil {
				t.Fatal(err)
			}
		})
		if n != 0 {
			t.Errorf("%d statements prepared, want 0", n)
		}
	})
	t.Run("bad option", func(t *testing.T) {
		if db, err := store.Open(ctx, url+"&statement_cache=maybe"); err == nil {
			_ = db.Close()
			t.Error("statement_cache=maybe accepted")
		}
	})
}
