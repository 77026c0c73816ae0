package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/pgtest"
	"github.com/maillage/maillage/internal/store"
)

// startPair starts a primary and its standby with a migrated database;
// it returns the database's URL on the primary.
func startPair(t *testing.T, opts pgtest.PairOptions) (*pgtest.Pair, string) {
	t.Helper()
	ctx := context.Background()
	p, err := pgtest.StartPair(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := p.Stop(); err != nil {
			t.Error(err)
		}
	})
	u, err := p.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	if err := p.WaitReplayed(ctx); err != nil {
		t.Fatal(err)
	}
	return p, u
}

func sqlOpen(t *testing.T, u string) *sql.DB {
	t.Helper()
	db, err := sql.Open("postgres", u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func addSource(t testing.TB, db *store.DB, key string) {
	t.Helper()
	if _, err := db.Client.Source.Create().SetKind("EDIT").SetKey(key).SetTitle(key).SetRecordedAt(time.Now()).
		Save(access.AsSystem(context.Background())); err != nil {
		t.Fatal(err)
	}
}

func countSources(t testing.TB, db *store.DB) int {
	t.Helper()
	n, err := db.Client.Source.Query().Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStandbyServesReads: with --db-replica naming a real streaming
// standby, reads run on the standby (its pg_stat_activity shows them),
// a process reads its own writes at once (while the standby's replay is
// paused, from the primary), and the lag is measured.
func TestStandbyServesReads(t *testing.T) {
	ctx := context.Background()
	p, u := startPair(t, pgtest.PairOptions{})
	db, err := store.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const app = "maillage-standby-test"
	if err := db.UseReplica(ctx, p.Standby.URL(u)+"&application_name="+app); err != nil {
		t.Fatal(err)
	}

	addSource(t, db, "before")
	if got := countSources(t, db); got != 1 {
		t.Fatalf("read after a write: %d sources, want 1", got)
	}
	if err := p.WaitReplayed(ctx); err != nil {
		t.Fatal(err)
	}
	before, _ := db.ReplicaReads()
	if got := countSources(t, db); got != 1 {
		t.Fatalf("%d sources, want 1", got)
	}
	if after, _ := db.ReplicaReads(); after != before+1 {
		t.Errorf("a read once the standby caught up did not go to it (%d → %d reads)", before, after)
	}
	standby := sqlOpen(t, p.Standby.URL(u))
	var seen int
	if err := standby.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity
		WHERE application_name = $1 AND query LIKE '%FROM "sources"%'`, app).Scan(&seen); err != nil {
		t.Fatal(err)
	}
	if seen == 0 {
		t.Error("the standby's pg_stat_activity shows no read of sources from the server")
	}

	// Replay paused: the standby stays behind; this process's reads go
	// to the primary and see its write.
	if _, err := standby.ExecContext(ctx, "SELECT pg_wal_replay_pause()"); err != nil {
		t.Fatal(err)
	}
	addSource(t, db, "while-paused")
	_, toPrimary := db.ReplicaReads()
	if got := countSources(t, db); got != 2 {
		t.Errorf("read your write while the standby is behind: %d sources, want 2", got)
	}
	if _, after := db.ReplicaReads(); after != toPrimary+1 {
		t.Errorf("the read did not go to the primary")
	}
	var onStandby int
	if err := standby.QueryRowContext(ctx, "SELECT count(*) FROM sources").Scan(&onStandby); err != nil || onStandby != 1 {
		t.Errorf("the paused standby holds %d sources (%v), want 1", onStandby, err)
	}
	bytes, seconds, err := db.ReplicaLag(ctx)
	if err != nil || bytes <= 0 {
		t.Errorf("lag while paused: %d bytes, %.3f s, %v; want bytes > 0", bytes, seconds, err)
	}
	t.Logf("lag with replay paused after one write: %d bytes, %.3f s", bytes, seconds)
	if _, err := standby.ExecContext(ctx, "SELECT pg_wal_replay_resume()"); err != nil {
		t.Fatal(err)
	}
	if err := p.WaitReplayed(ctx); err != nil {
		t.Fatal(err)
	}
	if bytes, _, err := db.ReplicaLag(ctx); err != nil || bytes != 0 {
		t.Errorf("lag once replayed: %d bytes (%v), want 0", bytes, err)
	}

	// The replication delay of single writes: commit to replayed.
	var delays []time.Duration
	primary := sqlOpen(t, u)
	for i := range 50 {
		addSource(t, db, fmt.Sprintf("lag-%d", i))
		start := time.Now()
		var pos string
		if err := primary.QueryRowContext(ctx, "SELECT pg_current_wal_insert_lsn()::text").Scan(&pos); err != nil {
			t.Fatal(err)
		}
		waitFor(t, 10*time.Second, "the standby replays a write", func() bool {
			var done bool
			err := standby.QueryRowContext(ctx, "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", pos).Scan(&done)
			return err == nil && done
		})
		delays = append(delays, time.Since(start))
	}
	sort.Slice(delays, func(i, j int) bool { return delays[i] < delays[j] })
	t.Logf("replication delay of a write (acknowledged to replayed on the standby), 50 writes: median %v, p95 %v, max %v",
		delays[len(delays)/2].Round(100*time.Microsecond), delays[len(delays)*95/100].Round(100*time.Microsecond), delays[len(delays)-1].Round(100*time.Microsecond))
	replica, primaryReads := db.ReplicaReads()
	t.Logf("reads: %d on the standby, %d on the primary", replica, primaryReads)
}

// waitFor polls cond every few milliseconds until it holds, failing the
// test after timeout.
func waitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v", what, timeout)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// TestListenerNeedsASession: behind PgBouncer in transaction mode, the
// change listener cannot hear notifications; Open says so instead of
// running deaf, and works with a direct URL for the listener. Through
// the pooler, no prepared statement or session state is assumed: reads,
// writes and transactions work from many goroutines at once.
func TestListenerNeedsASession(t *testing.T) {
	ctx := context.Background()
	pg := store.SharedPostgres(t)
	direct := store.FreshPostgresDatabase(t)
	b, err := pgtest.StartPgBouncer(pg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Stop(); err != nil {
			t.Error(err)
		}
	})
	pooled := b.URL(direct)
	if _, err := store.Open(ctx, pooled); err == nil || !strings.Contains(err.Error(), "--db-listen") {
		t.Fatalf("Open through PgBouncer with its listener: %v; want an error naming --db-listen", err)
	}
	db, err := store.OpenWith(ctx, pooled, store.Options{ListenURL: direct})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	other, err := store.OpenWith(ctx, pooled, store.Options{ListenURL: direct})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	v0, err := other.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const n = 8
	errs := make(chan error, n)
	for i := range n {
		go func() {
			for j := range 20 {
				tx, err := db.Client.Tx(access.AsSystem(ctx))
				if err != nil {
					errs <- err
					return
				}
				if _, err := tx.Source.Create().SetKind("EDIT").SetKey(fmt.Sprintf("pooled-%d-%d", i, j)).SetTitle("t").SetRecordedAt(time.Now()).Save(access.AsSystem(ctx)); err != nil {
					_ = tx.Rollback()
					errs <- err
					return
				}
				if err := tx.Commit(); err != nil {
					errs <- err
					return
				}
				if _, err := db.Client.Source.Query().Count(ctx); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Errorf("through PgBouncer: %v", err)
		}
	}
	if got := countSources(t, other); got != n*20 {
		t.Errorf("%d sources, want %d", got, n*20)
	}
	waitFor(t, 5*time.Second, "the other process hears the writes", func() bool {
		v, err := other.Version(ctx)
		return err == nil && v != v0
	})
}
