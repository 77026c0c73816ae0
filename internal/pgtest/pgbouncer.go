package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// EnvPgBouncer names the environment variable holding the pgbouncer
// binary to run instead of DefaultPgBouncer.
const (
	EnvPgBouncer     = "MAILLAGE_PGBOUNCER"
	DefaultPgBouncer = "/usr/sbin/pgbouncer" // Debian's package pgbouncer
	bouncerPrefix    = "maillage-pgbouncer-"
)

// Bouncer is a PgBouncer in transaction mode in front of a Server: each
// transaction (or statement outside one) may run on another server
// connection, so no session state survives between them.
type Bouncer struct {
	dir     string
	port    int
	logFile string
	cmd     *exec.Cmd
	exited  chan struct{}
}

// StartPgBouncer runs PgBouncer as a child process on a free port of
// 127.0.0.1, pool_mode = transaction, trusting the postgres user, in
// front of target. A missing binary is an error, never a skip. The caller
// must call Stop.
func StartPgBouncer(target *Server) (_ *Bouncer, err error) {
	bin := os.Getenv(EnvPgBouncer)
	if bin == "" {
		bin = DefaultPgBouncer
	}
	if fi, err := os.Stat(bin); err != nil || fi.IsDir() || fi.Mode().Perm()&0o111 == 0 {
		return nil, fmt.Errorf("pgtest: PgBouncer missing at %s; install it with `apt-get install pgbouncer` (Debian/Ubuntu) or set %s to its binary", bin, EnvPgBouncer)
	}
	if target.external {
		return nil, errors.New("pgtest: PgBouncer runs in front of a local cluster only")
	}
	cred, err := runAs() // PgBouncer, too, refuses to run as root
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(filepath.Dir(target.dir), bouncerPrefix)
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	b := &Bouncer{dir: dir, logFile: filepath.Join(dir, "pgbouncer.log"), exited: make(chan struct{})}
	defer func() {
		if err != nil {
			_ = b.Stop()
		}
	}()
	owner := &Server{cred: cred}
	if err := owner.chown(dir); err != nil {
		return nil, err
	}
	if b.port, err = pickPort(); err != nil {
		return nil, err
	}
	users := filepath.Join(dir, "userlist.txt")
	if err := os.WriteFile(users, []byte(`"`+superuser+`" ""`+"\n"), 0o644); err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	ini := filepath.Join(dir, "pgbouncer.ini")
	if err := os.WriteFile(ini, []byte(strings.Join([]string{
		"[databases]",
		fmt.Sprintf("* = host=127.0.0.1 port=%d", target.port),
		"[pgbouncer]",
		"listen_addr = 127.0.0.1",
		fmt.Sprintf("listen_port = %d", b.port),
		"unix_socket_dir =",
		"auth_type = trust",
		"auth_file = " + users,
		"pool_mode = transaction",
		"max_client_conn = 500",
		"default_pool_size = 20",
		"ignore_startup_parameters = extra_float_digits",
		"logfile = " + b.logFile,
		"",
	}, "\n")), 0o644); err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	b.cmd = exec.Command(bin, ini)
	b.cmd.Dir = dir
	b.cmd.Env = childEnv(dir)
	// Pdeathsig: a test process that dies takes its PgBouncer with it.
	b.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if cred != nil {
		b.cmd.SysProcAttr.Credential = cred
	}
	if err := b.cmd.Start(); err != nil {
		return nil, fmt.Errorf("pgtest: starting %s: %w", bin, err)
	}
	go func() { _ = b.cmd.Wait(); close(b.exited) }()

	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	for {
		c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(b.port)), time.Second)
		if err == nil {
			c.Close()
			return b, nil
		}
		select {
		case <-b.exited:
			return nil, fmt.Errorf("pgtest: PgBouncer exited at start (%v); its log %s:\n%s", b.cmd.ProcessState, b.logFile, tail(readFrom(b.logFile, 0)))
		case <-ctx.Done():
			return nil, fmt.Errorf("pgtest: PgBouncer does not listen on port %d after %v; its log:\n%s", b.port, startTimeout, tail(readFrom(b.logFile, 0)))
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// URL returns dbURL (on the server behind the bouncer) through the
// bouncer.
func (b *Bouncer) URL(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		return dbURL
	}
	u.Host = net.JoinHostPort("127.0.0.1", strconv.Itoa(b.port))
	return u.String()
}

// Log returns what PgBouncer logged so far.
func (b *Bouncer) Log() string { return string(readFrom(b.logFile, 0)) }

// Stop ends PgBouncer (SIGTERM, its immediate shutdown; SIGKILL if it
// lingers) and removes its directory. Calling it again is harmless.
func (b *Bouncer) Stop() error {
	var err error
	if b.cmd != nil && b.cmd.Process != nil {
		select {
		case <-b.exited:
		default:
			_ = b.cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-b.exited:
			case <-time.After(10 * time.Second):
				_ = b.cmd.Process.Kill()
				<-b.exited
				err = errors.New("pgtest: PgBouncer ignored SIGTERM; killed")
			}
		}
	}
	if rmErr := os.RemoveAll(b.dir); rmErr != nil {
		err = errors.Join(err, fmt.Errorf("pgtest: %w", rmErr))
	}
	return err
}
