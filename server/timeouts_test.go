package server_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/internal/store"
	"github.com/maillage/maillage/internal/tokens"
	"github.com/maillage/maillage/server"
)

type graphqlResolver = graphql.Resolver

func fieldName(ctx context.Context) string {
	if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Field.Field != nil {
		return fc.Field.Name
	}
	return ""
}

func partnerToken(t *testing.T, b *backend, name string) string {
	t.Helper()
	plain, _, err := tokens.Create(context.Background(), b.db.Client, tokens.Spec{Role: access.RolePartner, Name: name + " " + time.Now().Format(time.RFC3339Nano)}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return plain
}

var throwaways atomic.Int64

// throwawayDatabase opens an empty, migrated database of b's kind, and a
// function that takes it away underneath: the SQLite file's connections
// closed, the PostgreSQL database dropped.
func throwawayDatabase(t *testing.T, b *backend) (*store.DB, func()) {
	t.Helper()
	ctx := context.Background()
	var rawURL string
	var kill func(db *store.DB)
	switch b.name {
	case "sqlite":
		rawURL = "sqlite://" + filepath.Join(t.TempDir(), "down.db")
		kill = func(db *store.DB) { _ = db.SQL.Close() }
	case "postgres":
		name := fmt.Sprintf("maillage_down_%d_%d", time.Now().UnixNano(), throwaways.Add(1))
		if _, err := b.db.SQL.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			t.Fatal(err)
		}
		u, err := url.Parse(b.url)
		if err != nil {
			t.Fatal(err)
		}
		u.Path = "/" + name
		rawURL = u.String()
		kill = func(*store.DB) {
			if _, err := b.db.SQL.ExecContext(ctx, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
				t.Fatal(err)
			}
		}
	default:
		t.Fatalf("no throwaway database for %s", b.name)
	}
	db, err := store.Open(ctx, rawURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db, func() { kill(db) }
}

// startServer serves h as cmd/maillage does, with cfg's timeouts.
func startServer(t *testing.T, h http.Handler, cfg server.Config) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := server.HTTPServer(ln.Addr().String(), h, discard, server.WithConfig(cfg))
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String()
}

// TestSlowClients: a client that sends its headers or its body too
// slowly is cut off at the configured timeouts.
func TestSlowClients(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.AnonymousRate = 0
	cfg.ReadHeaderTimeout, cfg.ReadTimeout = 200*time.Millisecond, 400*time.Millisecond
	addr := startServer(t, server.New(backends[0].db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithConfig(cfg)), cfg)
	const patience = 6 * time.Second // far above the timeouts: reaching it means none cut the client off

	t.Run("slow headers", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		start := time.Now()
		_, _ = io.WriteString(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\n")
		_ = conn.SetReadDeadline(time.Now().Add(patience))
		_, err = io.ReadAll(conn) // until the server closes the connection
		if err != nil || time.Since(start) > 4*time.Second {
			t.Errorf("connection with unfinished headers still open after %v (%v)", time.Since(start).Round(time.Millisecond), err)
		}
	})
	t.Run("slow body", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		start := time.Now()
		_, _ = io.WriteString(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"query\":")
		_ = conn.SetReadDeadline(time.Now().Add(patience))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("no answer to a slow body after %v: %v", time.Since(start).Round(time.Millisecond), err)
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusRequestTimeout || !strings.Contains(string(body), apperr.CodeRequestTimeout) || time.Since(start) > 4*time.Second {
			t.Errorf("slow body: %d %s after %v", resp.StatusCode, body, time.Since(start).Round(time.Millisecond))
		}
	})
	t.Run("still serving", func(t *testing.T) {
		resp, err := http.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(gqlBody(`{ establishment(finess: "420782559") { finess } }`, nil)))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || !strings.Contains(string(body), "420782559") {
			t.Errorf("%d %s", resp.StatusCode, body)
		}
	})
}

// sleeper makes the legalEntity resolver wait in PostgreSQL first, with
// a statement marked by tag so that pg_stat_activity shows it.
func sleeper(b *backend, tag string, resolverErr *atomic.Value) server.Option {
	return server.WithFieldMiddleware(func(ctx context.Context, next graphql.Resolver) (any, error) {
		if fieldName(ctx) == "legalEntity" {
			if _, err := b.db.SQL.ExecContext(ctx, "SELECT pg_sleep(30) /* "+tag+" */"); err != nil {
				resolverErr.Store(err)
				return nil, err
			}
		}
		return next(ctx)
	})
}

// sleeping counts the statements marked by tag PostgreSQL is running.
func sleeping(t *testing.T, db *sql.DB, tag string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%' || $1 || '%' AND pid <> pg_backend_pid()`, tag).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func postgresBackend(t *testing.T) *backend {
	for _, b := range backends {
		if b.name == "postgres" {
			return b
		}
	}
	t.Fatal("no PostgreSQL backend")
	return nil
}

// TestSlowQueryIsCancelledInTheDatabase: a request past the query
// timeout is answered 504 TIMEOUT, and its statement no longer runs in
// PostgreSQL.
func TestSlowQueryIsCancelledInTheDatabase(t *testing.T) {
	b := postgresBackend(t)
	tag := fmt.Sprintf("maillage-timeout-%d", time.Now().UnixNano())
	var resolverErr atomic.Value
	cfg := server.DefaultConfig()
	cfg.AnonymousRate, cfg.QueryTimeout = 0, 700*time.Millisecond
	h := server.New(b.db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithConfig(cfg), sleeper(b, tag, &resolverErr))

	seen := make(chan bool, 1)
	go func() { seen <- waitFor(2*time.Second, func() bool { return sleeping(t, b.db.SQL, tag) > 0 }) }()
	start := time.Now()
	rec := send(h, hostileRequest{body: gqlBody(`{ legalEntity(finess: "420784878") { name } }`, nil)})
	expect(t, hostileRequest{status: http.StatusGatewayTimeout, code: apperr.CodeTimeout}, rec)
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("answered after %v", elapsed)
	}
	if !<-seen {
		t.Fatal("the slow statement was never seen running: the test proves nothing")
	}
	if !waitFor(5*time.Second, func() bool { return sleeping(t, b.db.SQL, tag) == 0 }) {
		t.Error("the statement still runs in PostgreSQL after the timeout")
	}
	if err, _ := resolverErr.Load().(error); err == nil || !strings.Contains(err.Error(), "cancel") && !strings.Contains(err.Error(), "deadline") {
		t.Errorf("the statement ended with %v, want a cancellation", err)
	}
}

// TestDisconnectedClientsQueryIsCancelled: a client that leaves stops
// its statement in PostgreSQL.
func TestDisconnectedClientsQueryIsCancelled(t *testing.T) {
	b := postgresBackend(t)
	tag := fmt.Sprintf("maillage-gone-%d", time.Now().UnixNano())
	var resolverErr atomic.Value
	cfg := server.DefaultConfig()
	cfg.AnonymousRate = 0
	srv := httptest.NewServer(server.New(b.db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithConfig(cfg), sleeper(b, tag, &resolverErr)))
	defer srv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/graphql", strings.NewReader(gqlBody(`{ legalEntity(finess: "420784878") { name } }`, nil)))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	if !waitFor(3*time.Second, func() bool { return sleeping(t, b.db.SQL, tag) > 0 }) {
		t.Fatal("the slow statement was never seen running")
	}
	cancel()
	if err := <-done; err == nil {
		t.Fatal("the request finished although the client left")
	}
	if !waitFor(5*time.Second, func() bool { return sleeping(t, b.db.SQL, tag) == 0 }) {
		t.Error("the statement still runs in PostgreSQL after the client left")
	}
}
