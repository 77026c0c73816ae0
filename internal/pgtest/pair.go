package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// PairOptions configure StartPair.
type PairOptions struct {
	// Synchronous makes every commit on the primary wait until the
	// standby has flushed it (synchronous_standby_names = '*',
	// synchronous_commit = on): a write acknowledged is on both.
	Synchronous bool
}

// Pair is a primary and a streaming standby made from it with
// pg_basebackup -R, each its own local cluster on its own free port.
// Databases are created on the primary (NewDatabase) and reach the
// standby by replication. Unlike Start, StartPair always starts local
// clusters: MAILLAGE_TEST_PG cannot give a standby.
type Pair struct {
	Primary, Standby *Server
}

// standbySlot is the replication slot that keeps the primary's WAL until
// the standby has it.
const standbySlot = "maillage_standby"

// StartPair starts a primary, takes a base backup of it and starts that
// as a hot standby streaming from it. The caller must call Stop.
func StartPair(opts PairOptions) (_ *Pair, err error) {
	conf := []string{
		"wal_level = replica",
		"max_wal_senders = 4",
		"max_replication_slots = 4",
		"hot_standby = on",
		// Commits wait for the local WAL flush, as by default in
		// production (the single-server clusters do not): acknowledged
		// means written, and streamed at once.
		"synchronous_commit = on",
		// The standby reports what it replayed promptly, for the lag and
		// for synchronous commits.
		"wal_receiver_status_interval = 1s",
	}
	primaryConf := conf
	if opts.Synchronous {
		primaryConf = append(primaryConf[:len(primaryConf):len(primaryConf)], "synchronous_standby_names = '*'")
	}
	if err := checkBinaries(binDir(), "pg_basebackup"); err != nil {
		return nil, err
	}
	primary, err := startLocal(primaryConf)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			_ = primary.Stop()
		}
	}()
	standby, err := primary.startStandby(conf)
	if err != nil {
		return nil, err
	}
	return &Pair{Primary: primary, Standby: standby}, nil
}

// NewDatabase creates a database on the primary and waits until the
// standby has it; it returns its URL on the primary.
func (p *Pair) NewDatabase(ctx context.Context) (string, error) {
	u, err := p.Primary.NewDatabase(ctx)
	if err != nil {
		return "", err
	}
	return u, p.WaitReplayed(ctx)
}

// Stop stops both clusters and removes their directories.
func (p *Pair) Stop() error {
	return errors.Join(p.Standby.Stop(), p.Primary.Stop())
}

// WaitReplayed waits until the standby has replayed everything the
// primary has written so far.
func (p *Pair) WaitReplayed(ctx context.Context) error {
	var target string
	if err := p.Primary.admin.QueryRowContext(ctx, "SELECT pg_current_wal_insert_lsn()::text").Scan(&target); err != nil {
		return fmt.Errorf("pgtest: the primary's position: %w", err)
	}
	return poll(ctx, func() (bool, error) {
		var done bool
		err := p.Standby.admin.QueryRowContext(ctx, "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", target).Scan(&done)
		return done, err
	})
}

// startStandby makes a standby of s: pg_basebackup -R (primary_conninfo
// and standby.signal written, through a replication slot), its own
// settings (extra, but not the primary's synchronous ones), started hot.
func (s *Server) startStandby(extra []string) (_ *Server, err error) {
	if s.external {
		return nil, errors.New("pgtest: an external server has no standby")
	}
	dir, err := os.MkdirTemp(filepath.Dir(s.dir), dirPrefix)
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	st := &Server{
		dir:     dir,
		dataDir: filepath.Join(dir, "data"),
		logFile: filepath.Join(dir, logName),
		binDir:  s.binDir,
		cred:    s.cred,
	}
	defer func() {
		if err != nil {
			if st.admin != nil {
				st.admin.Close()
			}
			_ = st.stopCluster()
			_ = os.RemoveAll(dir)
		}
	}()
	if err := os.WriteFile(filepath.Join(dir, ownerFile), []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	if err := st.chown(dir); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*startTimeout)
	defer cancel()
	if out, err := st.command(ctx, "pg_basebackup",
		"-D", st.dataDir, "-R", "-X", "stream", "-c", "fast", "--no-sync",
		"-C", "-S", standbySlot,
		"-h", "127.0.0.1", "-p", strconv.Itoa(s.port), "-U", superuser,
	).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pgtest: pg_basebackup failed%s: %w\n%s", st.asWhom(), err, tail(out))
	}
	// The base backup copied the primary's pid file's absence, its
	// postgresql.conf (which includes pgtest.conf) and its pgtest.conf:
	// the standby's own port and socket replace them.
	if err := st.startOnFreePort(ctx, append(extra[:len(extra):len(extra)], "cluster_name = 'maillage_standby'")); err != nil {
		return nil, err
	}
	if err := st.connectAdmin(ctx); err != nil {
		return nil, err
	}
	return st, nil
}

// startOnFreePort writes pgtest.conf for a free port and starts the
// cluster, trying a second port if another process took the first.
func (s *Server) startOnFreePort(ctx context.Context, extraConf []string) error {
	for attempt := 0; ; attempt++ {
		port, err := pickPort()
		if err != nil {
			return err
		}
		if err := s.writeConf(port, extraConf); err != nil {
			return err
		}
		logOffset := fileSize(s.logFile)
		out, err := s.command(ctx, "pg_ctl", "start", "-D", s.dataDir, "-l", s.logFile,
			"-w", "-t", strconv.Itoa(int(startTimeout/time.Second)), "-s").CombinedOutput()
		if err == nil {
			s.port = port
			return nil
		}
		serverLog := readFrom(s.logFile, logOffset)
		if attempt == 0 && strings.Contains(string(serverLog), "Address already in use") {
			_ = s.stopCluster()
			continue
		}
		return fmt.Errorf("pgtest: the PostgreSQL server in %s did not start%s: %w\npg_ctl output: %s\nlast lines of the server log %s:\n%s",
			s.dataDir, s.asWhom(), err, strings.TrimSpace(string(out)), s.logFile, tail(serverLog))
	}
}

// connectAdmin opens s.admin on the maintenance database and waits until
// it answers.
func (s *Server) connectAdmin(ctx context.Context) error {
	s.base = &url.URL{
		Scheme:   "postgres",
		User:     url.User(superuser),
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)),
		Path:     "/postgres",
		RawQuery: "sslmode=disable",
	}
	var err error
	if s.admin, err = openAdmin(s.base.String()); err != nil {
		return err
	}
	if err := waitReady(ctx, s.admin); err != nil {
		return fmt.Errorf("pgtest: the PostgreSQL server in %s started but does not accept connections on %s: %w\nlast lines of the server log %s:\n%s",
			s.dataDir, s.base.Host, err, s.logFile, tail(readFrom(s.logFile, 0)))
	}
	return nil
}

// Port is the TCP port the server listens on, on 127.0.0.1.
func (s *Server) Port() int { return s.port }

// URL returns dbURL (a URL NewDatabase returned, on any server of this
// package) pointed at s: same database, user and parameters.
func (s *Server) URL(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		return dbURL
	}
	u.Host = net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port))
	return u.String()
}

// HostsURL returns dbURL naming every one of servers, in order, as lib/pq
// (like libpq) reads a list of hosts: host1,host2 and port=p1,p2; attrs,
// when not empty, is the target_session_attrs (read-write, primary,
// prefer-standby…) that picks among them.
func HostsURL(dbURL, attrs string, servers ...*Server) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		return dbURL
	}
	hosts, ports := make([]string, len(servers)), make([]string, len(servers))
	for i, s := range servers {
		hosts[i], ports[i] = "127.0.0.1", strconv.Itoa(s.port)
	}
	u.Host = strings.Join(hosts, ",")
	q := u.Query()
	q.Set("port", strings.Join(ports, ","))
	if attrs != "" {
		q.Set("target_session_attrs", attrs)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// Kill stops the server the way a crash would (pg_ctl stop -m immediate:
// no checkpoint, no goodbye to clients or standbys). Its directory stays
// until Stop.
func (s *Server) Kill() error {
	if s.external {
		return errors.New("pgtest: cannot kill an external server")
	}
	return s.stopCluster()
}

// Promote turns a standby into a primary (pg_ctl promote) and waits until
// it accepts writes.
func (s *Server) Promote(ctx context.Context) error {
	if out, err := s.command(ctx, "pg_ctl", "promote", "-D", s.dataDir, "-w",
		"-t", strconv.Itoa(int(startTimeout/time.Second)), "-s").CombinedOutput(); err != nil {
		return fmt.Errorf("pgtest: pg_ctl promote: %w: %s", err, strings.TrimSpace(string(out)))
	}
	return poll(ctx, func() (bool, error) {
		var standby bool
		err := s.admin.QueryRowContext(ctx, "SELECT pg_is_in_recovery()").Scan(&standby)
		return !standby, err
	})
}

// poll calls done until it reports true, for at most startTimeout; its
// errors are retried (a server restarting), the last one reported.
func poll(ctx context.Context, done func() (bool, error)) error {
	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	var last error
	for {
		ok, err := done()
		if err == nil && ok {
			return nil
		}
		if err != nil {
			last = err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("pgtest: gave up waiting after %v (last error: %v)", startTimeout, last)
		case <-time.After(20 * time.Millisecond):
		}
	}
}
