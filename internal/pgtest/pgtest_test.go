package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/lib/pq"
)

func openDB(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestServer(t *testing.T) {
	ctx := context.Background()
	begin := time.Now()
	s, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Start took %v (external=%v, dir=%q)", time.Since(begin), s.external, s.dir)
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			s.Stop()
		}
	})

	if !s.external {
		if fi, err := os.Stat(s.dir); err != nil || !fi.IsDir() {
			t.Fatalf("temp dir %q: %v", s.dir, err)
		}
		if _, err := os.Stat(filepath.Join(s.dir, fmt.Sprintf(".s.PGSQL.%d", s.port))); err != nil {
			t.Errorf("unix socket missing: %v", err)
		}
	}

	url1, err := s.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	url2, err := s.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("databases: %s %s", url1, url2)
	if url1 == url2 {
		t.Fatalf("NewDatabase returned the same URL twice: %s", url1)
	}
	if !s.external {
		want := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/", s.port)
		for _, u := range []string{url1, url2} {
			if !strings.HasPrefix(u, want) || !strings.HasSuffix(u, "?sslmode=disable") {
				t.Errorf("URL %q, want %s<dbname>?sslmode=disable", u, want)
			}
		}
	}

	db1, db2 := openDB(t, url1), openDB(t, url2)
	var name1, name2 string
	if err := db1.QueryRowContext(ctx, "SELECT current_database()").Scan(&name1); err != nil {
		t.Fatal(err)
	}
	if err := db2.QueryRowContext(ctx, "SELECT current_database()").Scan(&name2); err != nil {
		t.Fatal(err)
	}
	if name1 == name2 {
		t.Fatalf("both URLs lead to database %q", name1)
	}

	// Same table name in both databases, different contents: they are
	// distinct and usable.
	for i, db := range []*sql.DB{db1, db2} {
		if _, err := db.ExecContext(ctx, "CREATE TABLE t (id serial PRIMARY KEY, v text NOT NULL)"); err != nil {
			t.Fatalf("db%d: %v", i+1, err)
		}
		for j := 0; j <= i; j++ {
			if _, err := db.ExecContext(ctx, "INSERT INTO t (v) VALUES ($1)", fmt.Sprintf("db%d-%d", i+1, j)); err != nil {
				t.Fatalf("db%d: %v", i+1, err)
			}
		}
	}
	for i, db := range []*sql.DB{db1, db2} {
		var n int
		var first string
		if err := db.QueryRowContext(ctx, "SELECT count(*), min(v) FROM t").Scan(&n, &first); err != nil {
			t.Fatalf("db%d: %v", i+1, err)
		}
		if n != i+1 || first != fmt.Sprintf("db%d-0", i+1) {
			t.Errorf("db%d: got %d rows, first %q; want %d rows, first %q", i+1, n, first, i+1, fmt.Sprintf("db%d-0", i+1))
		}
	}

	if !s.external {
		var settings [4]string
		if err := db1.QueryRowContext(ctx, "SELECT current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes'), current_setting('server_version_num')").
			Scan(&settings[0], &settings[1], &settings[2], &settings[3]); err != nil {
			t.Fatal(err)
		}
		if settings[0] != "off" || settings[1] != "off" || settings[2] != "off" {
			t.Errorf("fsync, synchronous_commit, full_page_writes = %v, want off", settings[:3])
		}
		t.Logf("server_version_num %s", settings[3])

		// The same server, used as an external one through MAILLAGE_TEST_PG.
		t.Run("external", func(t *testing.T) { testExternal(t, s.base.String()) })
	}

	stopped = true
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
	if _, err := s.NewDatabase(ctx); err == nil {
		t.Error("NewDatabase after Stop succeeded")
	}
	if s.external {
		return
	}
	if _, err := os.Stat(s.dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("temp dir %q still there after Stop: %v", s.dir, err)
	}
	if err := db1.PingContext(ctx); err == nil {
		t.Error("server still answers after Stop")
	}
}

// testExternal checks the MAILLAGE_TEST_PG mode against the server at adminURL.
func testExternal(t *testing.T, adminURL string) {
	ctx := context.Background()
	t.Setenv(EnvExternal, adminURL)
	t.Setenv(EnvBin, "/nonexistent") // must not be looked at
	ext, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	if !ext.external || ext.dir != "" {
		t.Fatalf("Start with %s set did not use the external server", EnvExternal)
	}
	u, err := ext.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db := openDB(t, u)
	var name string
	if err := db.QueryRowContext(ctx, "SELECT current_database()").Scan(&name); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "CREATE TABLE x (a int); INSERT INTO x VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	// db stays open: Stop must drop the database anyway.
	if err := ext.Stop(); err != nil {
		t.Fatal(err)
	}
	admin := openDB(t, adminURL)
	var n int
	if err := admin.QueryRowContext(ctx, "SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("database %s still exists after Stop of the external server", name)
	}
}

func TestStartErrors(t *testing.T) {
	empty := t.TempDir()
	// A port nobody listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := l.Addr().(*net.TCPAddr).Port
	l.Close()

	tests := []struct {
		name      string
		env       map[string]string
		extraConf []string
		want      []string // substrings of the error
	}{
		{
			name: "nonexistent MAILLAGE_PG_BIN",
			env:  map[string]string{EnvBin: "/nonexistent/pg/bin"},
			want: []string{"/nonexistent/pg/bin/initdb", "not found", "apt-get install postgresql-15", EnvBin},
		},
		{
			name: "MAILLAGE_PG_BIN without binaries",
			env:  map[string]string{EnvBin: empty},
			want: []string{filepath.Join(empty, "pg_ctl"), "apt-get install postgresql-15"},
		},
		{
			name:      "server does not start",
			extraConf: []string{"shared_buffers = 'lots'"},
			want:      []string{"did not start", "last lines of the server log", `invalid value for parameter "shared_buffers"`},
		},
		{
			name: "MAILLAGE_TEST_PG not a URL",
			env:  map[string]string{EnvExternal: "host=localhost dbname=x"},
			want: []string{EnvExternal, "postgres://"},
		},
		{
			name: "MAILLAGE_TEST_PG unreachable",
			env:  map[string]string{EnvExternal: fmt.Sprintf("postgres://u:secret@127.0.0.1:%d/postgres?sslmode=disable", closedPort)},
			want: []string{EnvExternal, "cannot use", "connection refused"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvExternal, "")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			tmpBefore := pgtestDirs(t)
			s, err := start(tt.extraConf)
			if err == nil {
				s.Stop()
				t.Fatal("Start succeeded")
			}
			t.Logf("error:\n%v", err)
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not mention %q", w)
				}
			}
			if strings.Contains(err.Error(), "secret") {
				t.Error("error shows the password")
			}
			if after := pgtestDirs(t); len(after) > len(tmpBefore) {
				t.Errorf("failed Start left temp dirs behind: %v -> %v", tmpBefore, after)
			}
		})
	}
}

func pgtestDirs(t *testing.T) []string {
	t.Helper()
	var all []string
	for _, root := range []string{os.TempDir(), "/tmp"} {
		m, err := filepath.Glob(filepath.Join(root, dirPrefix+"*"))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, m...)
	}
	return all
}

// TestPortCollision makes the first port pick collide with a listening
// socket: Start must notice and retry on another port.
func TestPortCollision(t *testing.T) {
	t.Setenv(EnvExternal, "")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	busy := l.Addr().(*net.TCPAddr).Port
	calls := 0
	pickPort = func() (int, error) {
		calls++
		if calls == 1 {
			return busy, nil
		}
		return freePort()
	}
	t.Cleanup(func() { pickPort = freePort })

	s, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	if calls != 2 || s.port == busy {
		t.Fatalf("port picked %d times, server on %d (busy port %d)", calls, s.port, busy)
	}
	u, err := s.NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := openDB(t, u).Ping(); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
}

// TestReapStale checks that a cluster whose owner process died is stopped
// and removed by the next Start (through reapStale).
func TestReapStale(t *testing.T) {
	t.Setenv(EnvExternal, "")
	s, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Stop() })
	u, err := s.NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	db := openDB(t, u)
	if err := db.Ping(); err != nil {
		t.Fatal(err)
	}

	// Pretend the process owning the cluster died.
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := cmd.Process.Pid
	if err := os.WriteFile(filepath.Join(s.dir, ownerFile), []byte(strconv.Itoa(dead)), 0o644); err != nil {
		t.Fatal(err)
	}
	reapStale(filepath.Dir(s.dir), s.binDir, s.cred)

	if _, err := os.Stat(s.dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale dir %q not removed: %v", s.dir, err)
	}
	db.SetMaxIdleConns(0)
	if err := db.Ping(); err == nil {
		t.Error("stale server still answers")
	}
	if err := s.Stop(); err != nil {
		t.Errorf("Stop after reaping: %v", err)
	}
}
