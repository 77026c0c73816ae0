// Package pgtest gives Go tests a real, throwaway PostgreSQL 15 server.
//
// Tests rarely start one themselves: internal/shippedtest opens the
// databases Maillage runs on (a SQLite file and a PostgreSQL database
// from this package) with the shipped data. Directly:
//
//	pg, err := pgtest.Start()
//	if err != nil { … }
//	defer pg.Stop()
//	dbURL, err := pg.NewDatabase(ctx)
//
// If MAILLAGE_TEST_PG holds the postgres:// URL of an existing server (on
// which the user may CREATE DATABASE), that server is used. Otherwise a
// private cluster is created with initdb in a temporary directory and started
// with pg_ctl, taking the binaries from /usr/lib/postgresql/15/bin or from the
// directory named by MAILLAGE_PG_BIN. The cluster listens on a free TCP port
// on 127.0.0.1 and on a unix socket inside the temporary directory, uses trust
// authentication, runs with durability turned off (fsync, synchronous_commit,
// full_page_writes) and with timezone UTC. When the process runs as root,
// initdb and pg_ctl run as the "postgres" system user, since PostgreSQL
// refuses to run as root.
//
// StartPair starts a primary and a streaming standby made with
// pg_basebackup -R (optionally synchronous), whose Kill and Promote play
// a failover; StartPgBouncer puts Debian's PgBouncer, in transaction
// mode, in front of a cluster.
//
// Start never skips: a missing installation or a server that does not come
// up is an error, whose message says what is missing and how to fix it.
package pgtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/lib/pq"
)

const (
	// EnvExternal names the environment variable holding the postgres:// URL
	// of an existing server to use instead of starting one.
	EnvExternal = "MAILLAGE_TEST_PG"
	// EnvBin names the environment variable overriding DefaultBinDir.
	EnvBin = "MAILLAGE_PG_BIN"
	// DefaultBinDir is where Debian and Ubuntu install the PostgreSQL 15
	// server binaries (package postgresql-15).
	DefaultBinDir = "/usr/lib/postgresql/15/bin"

	superuser    = "postgres" // role created by initdb, also the system user used when root
	dirPrefix    = "maillage-pgtest-"
	ownerFile    = "owner.pid"
	logName      = "postgres.log"
	confName     = "pgtest.conf"
	startTimeout = 30 * time.Second

	installHint = "install the PostgreSQL 15 server with `apt-get install postgresql-15` " +
		"(Debian/Ubuntu; it puts initdb, pg_ctl and postgres in " + DefaultBinDir + "), " +
		"or set " + EnvBin + " to the directory holding those binaries, " +
		"or set " + EnvExternal + " to the postgres:// URL of a running server where the user may CREATE DATABASE"
)

// Server is a running PostgreSQL cluster for tests. Its methods are safe for
// concurrent use.
type Server struct {
	base     *url.URL // URL of the maintenance database; NewDatabase swaps the path
	admin    *sql.DB  // connection pool on base, used to create and drop databases
	external bool

	// Local cluster only.
	dir     string // temporary directory: data dir, log, unix socket
	dataDir string
	logFile string
	binDir  string
	port    int
	cred    *syscall.Credential // non-nil when initdb/pg_ctl run as another user

	mu      sync.Mutex
	created []string
	stopped bool
}

// Start returns a running server; see the package documentation. The caller
// must call Stop when done.
func Start() (*Server, error) {
	return start(nil)
}

// start is Start with extra postgresql.conf lines (used by tests).
func start(extraConf []string) (*Server, error) {
	if raw := os.Getenv(EnvExternal); raw != "" {
		return startExternal(raw)
	}
	return startLocal(extraConf)
}

var dbCounter atomic.Uint64

// NewDatabase creates a fresh, uniquely named, empty database (from
// template0) and returns its URL, of the form
// postgres://postgres@127.0.0.1:PORT/dbname?sslmode=disable for a local
// cluster (for an external server, the MAILLAGE_TEST_PG URL with the
// database name replaced).
func (s *Server) NewDatabase(ctx context.Context) (string, error) {
	var rnd [4]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return "", fmt.Errorf("pgtest: %w", err)
	}
	name := fmt.Sprintf("pgtest_%d_%d_%s", os.Getpid(), dbCounter.Add(1), hex.EncodeToString(rnd[:]))

	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return "", errors.New("pgtest: NewDatabase called on a stopped server")
	}
	// Record the name before creating it so that a concurrent Stop drops it.
	s.created = append(s.created, name)
	s.mu.Unlock()

	if _, err := s.admin.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name)+" TEMPLATE template0"); err != nil {
		return "", fmt.Errorf("pgtest: creating database %s: %w", name, err)
	}
	u := *s.base
	u.Path = "/" + name
	u.RawPath = ""
	return u.String(), nil
}

// Stop stops the cluster (pg_ctl stop -m immediate) and removes its temporary
// directory. For an external server it only drops the databases created by
// NewDatabase. Calling Stop more than once is harmless.
func (s *Server) Stop() error {
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return nil
	}
	s.stopped = true
	created := slices.Clone(s.created)
	s.mu.Unlock()

	if s.external {
		ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
		defer cancel()
		var errs []error
		for _, name := range created {
			// WITH (FORCE) terminates sessions a test forgot to close.
			if _, err := s.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name)+" WITH (FORCE)"); err != nil {
				errs = append(errs, fmt.Errorf("pgtest: dropping database %s: %w", name, err))
			}
		}
		if err := s.admin.Close(); err != nil {
			errs = append(errs, fmt.Errorf("pgtest: %w", err))
		}
		return errors.Join(errs...)
	}

	s.admin.Close() // errors are irrelevant: the server goes away
	errStop := s.stopCluster()
	if err := os.RemoveAll(s.dir); err != nil {
		return errors.Join(errStop, fmt.Errorf("pgtest: removing %s: %w", s.dir, err))
	}
	return errStop
}

// ---- external server ----

func startExternal(raw string) (*Server, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		return nil, fmt.Errorf("pgtest: %s must be a postgres://user@host:port/dbname URL of a running server (key=value connection strings are not supported); unset it to let the tests start their own PostgreSQL 15 server", EnvExternal)
	}
	db, err := sql.Open("postgres", u.String())
	if err != nil {
		return nil, fmt.Errorf("pgtest: %s=%s: %w", EnvExternal, u.Redacted(), err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var canCreate bool
	err = db.QueryRowContext(ctx, "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user").Scan(&canCreate)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("pgtest: cannot use the server named by %s=%s: %w (unset %s to let the tests start their own PostgreSQL 15 server)", EnvExternal, u.Redacted(), err, EnvExternal)
	}
	if !canCreate {
		db.Close()
		return nil, fmt.Errorf("pgtest: the user of %s=%s may not CREATE DATABASE (grant it with ALTER ROLE ... CREATEDB)", EnvExternal, u.Redacted())
	}
	db.SetMaxIdleConns(1)
	return &Server{base: u, admin: db, external: true}, nil
}

// ---- local cluster ----

func startLocal(extraConf []string) (_ *Server, err error) {
	binDir := binDir()
	if err := checkBinaries(binDir); err != nil {
		return nil, err
	}
	cred, err := runAs()
	if err != nil {
		return nil, err
	}
	root, err := tempRoot(cred)
	if err != nil {
		return nil, err
	}
	reapStale(root, binDir, cred)

	dir, err := os.MkdirTemp(root, dirPrefix)
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	s := &Server{
		dir:     dir,
		dataDir: filepath.Join(dir, "data"),
		logFile: filepath.Join(dir, logName),
		binDir:  binDir,
		cred:    cred,
	}
	defer func() {
		if err != nil {
			if s.admin != nil {
				s.admin.Close()
			}
			s.stopCluster()
			os.RemoveAll(dir)
		}
	}()
	if err := os.WriteFile(filepath.Join(dir, ownerFile), []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	if cred != nil {
		// initdb (running as postgres) creates the data directory in here,
		// and the server puts its log and unix socket here.
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return nil, fmt.Errorf("pgtest: %w", err)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*startTimeout)
	defer cancel()
	if out, err := s.command(ctx, "initdb",
		"-D", s.dataDir, "-U", superuser, "--auth=trust", "--encoding=UTF8", "--no-locale",
		"--no-sync", "--no-instructions",
	).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pgtest: initdb failed%s: %w\n%s", s.asWhom(), err, tail(out))
	}
	if err := s.appendFile(filepath.Join(s.dataDir, "postgresql.conf"), "\ninclude '"+confName+"'\n"); err != nil {
		return nil, err
	}

	if err := s.startOnFreePort(ctx, extraConf); err != nil {
		return nil, err
	}
	if err := s.connectAdmin(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// openAdmin opens a small pool for the harness's own statements.
func openAdmin(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	db.SetMaxIdleConns(1)
	return db, nil
}

// binDir is where the PostgreSQL binaries are.
func binDir() string {
	if dir := os.Getenv(EnvBin); dir != "" {
		return dir
	}
	return DefaultBinDir
}

// checkBinaries reports a clear error if binDir lacks a server binary
// (or one of more).
func checkBinaries(binDir string, more ...string) error {
	var missing []string
	for _, name := range append([]string{"initdb", "pg_ctl", "postgres"}, more...) {
		p := filepath.Join(binDir, name)
		fi, err := os.Stat(p)
		switch {
		case err != nil:
			missing = append(missing, p+" (not found)")
		case fi.IsDir() || fi.Mode().Perm()&0o111 == 0:
			missing = append(missing, p+" (not an executable file)")
		}
	}
	if len(missing) == 0 {
		return nil
	}
	from := "the default directory"
	if os.Getenv(EnvBin) != "" {
		from = EnvBin + "=" + binDir
	}
	return fmt.Errorf("pgtest: PostgreSQL 15 server binaries missing from %s: %s; %s",
		from, strings.Join(missing, ", "), installHint)
}

// runAs returns the credentials of the postgres system user when running as
// root (initdb and postgres refuse to run as root), nil otherwise.
func runAs() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup(superuser)
	if err != nil {
		return nil, fmt.Errorf("pgtest: running as root, and PostgreSQL refuses to run as root, but there is no %q system user to run it as (%v); %s",
			superuser, err, installHint)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("pgtest: unexpected uid/gid %q/%q for user %q", u.Uid, u.Gid, superuser)
	}
	// Groups is empty: the child drops root's supplementary groups.
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}, nil
}

// tempRoot picks the directory in which to create the cluster directory: the
// usual temporary directory unless the postgres user cannot reach it or the
// unix socket path would be too long, in which case /tmp.
func tempRoot(cred *syscall.Credential) (string, error) {
	const maxSocketPath = 107 // sizeof(sun_path) - 1 on Linux
	const worstSuffix = "/" + dirPrefix + "4294967295/.s.PGSQL.65535"
	fits := func(root string) bool {
		return len(root)+len(worstSuffix) <= maxSocketPath && (cred == nil || traversable(root, cred.Uid, cred.Gid))
	}
	root, err := filepath.Abs(os.TempDir())
	if err == nil && fits(root) {
		return root, nil
	}
	if fits("/tmp") {
		return "/tmp", nil
	}
	return "", fmt.Errorf("pgtest: no usable temporary directory: %s is unusable (its path is too long for a unix socket, or the %q user cannot traverse it) and so is /tmp",
		os.TempDir(), superuser)
}

// traversable reports whether uid/gid can search every directory of path.
func traversable(path string, uid, gid uint32) bool {
	for p := path; ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil || !fi.IsDir() {
			return false
		}
		st, ok := fi.Sys().(*syscall.Stat_t)
		if !ok {
			return false
		}
		perm := fi.Mode().Perm()
		if !(perm&0o001 != 0 || st.Uid == uid && perm&0o100 != 0 || st.Gid == gid && perm&0o010 != 0) {
			return false
		}
		if p == filepath.Dir(p) {
			return true
		}
	}
}

// reapStale stops and removes clusters left behind by test processes that
// died without calling Stop (killed, timed out): directories named
// dirPrefix* in root whose owner process no longer exists. Errors are
// ignored: this is best effort.
func reapStale(root, binDir string, cred *syscall.Credential) {
	dirs, _ := filepath.Glob(filepath.Join(root, dirPrefix+"*"))
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, ownerFile))
		if err != nil {
			continue // not ours, or being created right now
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || pid <= 0 || processAlive(pid) {
			continue
		}
		stale := &Server{dir: dir, dataDir: filepath.Join(dir, "data"), binDir: binDir, cred: cred}
		stale.stopCluster()
		os.RemoveAll(dir)
	}
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// stopCluster stops the postmaster, if one runs on s.dataDir.
func (s *Server) stopCluster() error {
	pidFile := filepath.Join(s.dataDir, "postmaster.pid")
	if _, err := os.Stat(pidFile); err != nil {
		return nil // never started, or already stopped
	}
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout+10*time.Second)
	defer cancel()
	out, err := s.command(ctx, "pg_ctl", "stop", "-D", s.dataDir, "-m", "immediate",
		"-w", "-t", strconv.Itoa(int(startTimeout/time.Second)), "-s").CombinedOutput()
	if err == nil {
		return nil
	}
	// pg_ctl failed: kill the postmaster if it is still ours and alive.
	if pid := postmasterPID(pidFile); pid > 0 {
		if cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid)); bytes.Contains(cmdline, []byte(s.dataDir)) {
			syscall.Kill(pid, syscall.SIGKILL)
			return fmt.Errorf("pgtest: pg_ctl stop failed (%v: %s); killed postmaster %d", err, strings.TrimSpace(string(out)), pid)
		}
	}
	if _, statErr := os.Stat(pidFile); statErr != nil {
		return nil // the server went away on its own
	}
	return fmt.Errorf("pgtest: pg_ctl stop failed: %v: %s", err, strings.TrimSpace(string(out)))
}

func postmasterPID(pidFile string) int {
	b, err := os.ReadFile(pidFile)
	if err != nil {
		return 0
	}
	first, _, _ := strings.Cut(string(b), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(first))
	if err != nil {
		return 0
	}
	return pid
}

// command prepares a PostgreSQL binary, run as s.cred if set.
func (s *Server) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, filepath.Join(s.binDir, name), args...)
	cmd.Dir = s.dir // the caller's working directory may be unreadable for postgres
	cmd.Env = childEnv(s.dir)
	if s.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	}
	// pg_ctl start leaves a postmaster behind; never wait long on stray pipes.
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// childEnv is the environment for PostgreSQL binaries: ours without the PG*
// variables (PGDATA, PGPORT... would change their behaviour) and with a C
// locale, so that messages (and the log parsed for port collisions) are in
// English.
func childEnv(dir string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "PG") || strings.HasPrefix(k, "LC_") ||
			k == "LANG" || k == "LANGUAGE" || k == "HOME" || k == "TMPDIR" {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LC_ALL=C", "LANG=C", "HOME="+dir, "TMPDIR="+dir)
}

func (s *Server) asWhom() string {
	if s.cred == nil {
		return ""
	}
	return fmt.Sprintf(" (run as the %q user, uid %d, because this process runs as root)", superuser, s.cred.Uid)
}

// writeConf writes the settings included from postgresql.conf.
func (s *Server) writeConf(port int, extra []string) error {
	lines := []string{
		"# written by maillage internal/pgtest",
		"listen_addresses = '127.0.0.1'",
		fmt.Sprintf("port = %d", port),
		"unix_socket_directories = '" + strings.ReplaceAll(s.dir, "'", "''") + "'",
		"fsync = off",
		"synchronous_commit = off",
		"full_page_writes = off",
		"shared_buffers = 16MB",
		"timezone = 'UTC'",
	}
	lines = append(lines, extra...)
	p := filepath.Join(s.dataDir, confName)
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	return s.chown(p)
}

func (s *Server) appendFile(p, text string) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return fmt.Errorf("pgtest: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	return nil
}

func (s *Server) chown(p string) error {
	if s.cred == nil {
		return nil
	}
	if err := os.Chown(p, int(s.cred.Uid), int(s.cred.Gid)); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	return nil
}

// pickPort is freePort, replaceable by tests.
var pickPort = freePort

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgtest: finding a free port: %w", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	if err := l.Close(); err != nil {
		return 0, fmt.Errorf("pgtest: finding a free port: %w", err)
	}
	return port, nil
}

// waitReady pings db until it answers or ctx ends (pg_ctl -w already waited
// for the postmaster; this checks the TCP path the tests will use).
func waitReady(ctx context.Context, db *sql.DB) error {
	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	for {
		pctx, pcancel := context.WithTimeout(ctx, 2*time.Second)
		err := db.PingContext(pctx)
		pcancel()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("gave up after %v: %w", startTimeout, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func fileSize(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.Size()
}

func readFrom(p string, offset int64) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		return []byte("(" + err.Error() + ")")
	}
	if offset > int64(len(b)) {
		offset = 0
	}
	return b[offset:]
}

// tail returns the last lines of b, at most about 4 KB.
func tail(b []byte) string {
	const maxLines, maxBytes = 30, 4096
	s := strings.TrimRight(string(b), "\n")
	if s == "" {
		return "(empty)"
	}
	lines := strings.Split(s, "\n")
	if len(lines) > maxLines {
		lines = lines[len(lines)-maxLines:]
	}
	s = strings.Join(lines, "\n")
	if len(s) > maxBytes {
		s = "..." + s[len(s)-maxBytes:]
	}
	return s
}
