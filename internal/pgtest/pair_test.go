package pgtest

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"testing"
)

// TestPair: a write on the primary reaches the standby, which refuses
// writes; killed, the primary is gone, and the promoted standby takes
// writes. Nothing is left behind.
func TestPair(t *testing.T) {
	ctx := context.Background()
	p, err := StartPair(PairOptions{Synchronous: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Stop() })
	u, err := p.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	primary, standby := openDB(t, u), openDB(t, p.Standby.URL(u))
	if _, err := primary.ExecContext(ctx, "CREATE TABLE t (v int); INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	var sync string
	if err := p.Primary.admin.QueryRowContext(ctx, "SELECT sync_state FROM pg_stat_replication").Scan(&sync); err != nil || sync != "sync" {
		t.Errorf("replication state %q (%v), want sync", sync, err)
	}
	if err := p.WaitReplayed(ctx); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := standby.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n); err != nil || n != 1 {
		t.Fatalf("the standby counts %d rows (%v), want 1", n, err)
	}
	if _, err := standby.ExecContext(ctx, "INSERT INTO t VALUES (2)"); err == nil {
		t.Error("the standby took a write")
	}

	both := openDB(t, HostsURL(u, "read-write", p.Primary, p.Standby))
	both.SetMaxIdleConns(0) // each statement connects: to whichever is the primary
	if err := p.Primary.Kill(); err != nil {
		t.Fatal(err)
	}
	if err := primary.PingContext(ctx); err == nil {
		t.Fatal("the killed primary still answers")
	}
	if err := p.Standby.Promote(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := both.ExecContext(ctx, "INSERT INTO t VALUES (3)"); err != nil {
		t.Fatalf("a write through both hosts after promotion: %v", err)
	}

	b, err := StartPgBouncer(p.Standby)
	if err != nil {
		t.Fatal(err)
	}
	pooled := openDB(t, b.URL(p.Standby.URL(u)))
	if err := pooled.QueryRowContext(ctx, "SELECT count(*) FROM t WHERE v > $1", 0).Scan(&n); err != nil || n != 2 {
		t.Errorf("through PgBouncer: %d rows (%v), want 2\n%s", n, err, b.Log())
	}
	pooled.Close()
	if err := b.Stop(); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(b.dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("PgBouncer's directory left behind: %v", err)
	}
	if err := p.Stop(); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{p.Primary.dir, p.Standby.dir} {
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s left behind: %v", dir, err)
		}
	}
}
