package store

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lib/pq"
)

// readSizes is a connection that remembers the largest read asked of it.
type readSizes struct {
	net.Conn
	largest *atomic.Int64
}

func (c readSizes) Read(p []byte) (int, error) {
	for {
		old := c.largest.Load()
		if int64(len(p)) <= old || c.largest.CompareAndSwap(old, int64(len(p))) {
			break
		}
	}
	return c.Conn.Read(p)
}

// TestBufferedReads checks on a real PostgreSQL, through the pool
// openPostgres opens, that the database's answers are read from the
// connection in reads of readBufferBytes (lib/pq alone asks 4 kB at a
// time), that a large answer arrives whole, and that a cancelled
// statement is cancelled (lib/pq dials the cancel request).
func TestBufferedReads(t *testing.T) {
	ctx := context.Background()
	url := FreshPostgresDatabase(t)
	var largest, dials atomic.Int64
	saved := databaseDialer
	databaseDialer.under = func(c net.Conn) net.Conn {
		dials.Add(1)
		return readSizes{Conn: c, largest: &largest}
	}
	t.Cleanup(func() { databaseDialer = saved })
	db, err := openPostgres(url, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	db.SetMaxOpenConns(1)

	rows, err := db.QueryContext(ctx, "SELECT repeat(chr(65 + i % 26), 1000) FROM generate_series(0, 39) AS i")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		if want := strings.Repeat(string(rune('A'+n%26)), 1000); s != want {
			t.Fatalf("row %d: %.20q…, want %.20q…", n, s, want)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 40 {
		t.Fatalf("%d rows, want 40", n)
	}
	if got := largest.Load(); got != readBufferBytes {
		t.Errorf("largest read asked of the connection: %d bytes, want %d", got, readBufferBytes)
	}

	dialsBefore := dials.Load()
	cancelCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		_, err := db.ExecContext(cancelCtx, "SELECT pg_sleep(60)")
		done <- err
	}()
	// Cancel once the statement runs, as the server sees it.
	for {
		var running bool
		if err := pgQuery(ctx, url, "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)' AND state = 'active')", &running); err != nil {
			t.Fatal(err)
		}
		if running {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	// The server's answer says it cancelled the statement: the cancel
	// request reached it.
	var pqErr *pq.Error
	if err := <-done; !errors.As(err, &pqErr) || pqErr.Code != "57014" {
		t.Fatalf("cancelled statement: %v, want the server's query_canceled (57014)", err)
	}
	if dials.Load() == dialsBefore {
		t.Error("the cancel request was not dialled through the dialer")
	}
}

// pgQuery reads one value on a connection of its own.
func pgQuery(ctx context.Context, url, q string, v any) error {
	db, err := sql.Open("postgres", url)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.QueryRowContext(ctx, q).Scan(v)
}
