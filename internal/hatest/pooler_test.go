package hatest

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/pgtest"
	"github.com/maillage/maillage/internal/store"
)

// TestBehindPgBouncer runs two servers behind PgBouncer in transaction
// mode, their change listeners on direct connections (--db-listen): a
// write through one shows in the other's graph queries, and many
// concurrent requests (lookups, lists, graph queries, writes) all
// succeed: no prepared statement or session state outlives its
// transaction. lib/pq sends a statement with parameters as two protocol
// exchanges (an unnamed prepared statement, then its execution) unless
// binary_parameters=yes; the protocol lets PgBouncer hand each to another
// server connection, so the URL carries it.
func TestBehindPgBouncer(t *testing.T) {
	ctx := context.Background()
	pg, err := pgtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pg.Stop() })
	direct, err := pg.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := pgtest.StartPgBouncer(pg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Stop(); err != nil {
			t.Error(err)
		}
	})
	pooled := b.URL(direct) + "&binary_parameters=yes"
	migrated, err := store.OpenWith(ctx, pooled, store.Options{ListenURL: direct})
	if err != nil {
		t.Fatal(err)
	}
	if err := migrated.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	_ = migrated.Close()

	opts := store.Options{ListenURL: direct}
	a, c := newNode(t, "server A", pooled, opts, ""), newNode(t, "server B", pooled, opts, "")
	if err := a.addGrouping("GCS derrière le pooler"); err != nil {
		t.Fatal(err)
	}
	seen := waitFor(t, 5*time.Second, "server B sees server A's write", func() bool { return c.finds("GCS derrière le pooler") })
	t.Logf("behind PgBouncer: a write through A in B's graph queries after %v", seen.Round(time.Millisecond))

	for _, servers := range [][]*node{{a}, {a, c}} {
		load(t, b, servers)
	}
	for _, w := range []struct{ from, to *node }{{a, c}, {c, a}} {
		name := "GCS après la charge " + w.from.name
		if err := w.from.addGrouping(name); err != nil {
			t.Fatal(err)
		}
		waitFor(t, 5*time.Second, w.to.name+" sees the last write", func() bool { return w.to.finds(name) })
	}
}

// load sends 640 requests from 16 clients spread over servers (a quarter
// of them writes) and fails on any error; it logs the throughput.
func load(t *testing.T, b *pgtest.Bouncer, servers []*node) {
	t.Helper()
	const clients, each = 16, 40
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []string
		lat  []time.Duration
	)
	start := time.Now()
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := servers[i%len(servers)]
			for j := range each {
				begin := time.Now()
				var err error
				switch j % 4 {
				case 0:
					_, err = n.query(`{ groupings(first: 5, where: {kind: GCS}) { totalCount edges { node { name source { title } } } } }`)
				case 1:
					_, err = n.query(fmt.Sprintf(`{ grouping(code: "GCS-DERRIÈRE-LE-POOLER") { name } x: sources(where: {key: "k-%d-%d"}) { totalCount } }`, i, j))
				case 2:
					_, err = n.query(`{ search(text: "pooler", kinds: ["GROUPING"]) { label } }`)
				case 3:
					err = n.addGrouping(fmt.Sprintf("GCS pool %d %d %d", len(servers), i, j))
				}
				mu.Lock()
				lat = append(lat, time.Since(begin))
				if err != nil {
					errs = append(errs, err.Error())
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if len(errs) > 0 {
		t.Errorf("%d of %d requests failed behind PgBouncer, first: %s\nPgBouncer's log:\n%s", len(errs), clients*each, errs[0], lastLines(b.Log(), 10))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	t.Logf("behind PgBouncer (transaction mode, pool of 20): %d requests from %d clients through %d server(s) in %v (%.0f/s; a quarter writes), p50 %v, p95 %v",
		clients*each, clients, len(servers), elapsed.Round(time.Millisecond), float64(clients*each)/elapsed.Seconds(),
		lat[len(lat)/2].Round(100*time.Microsecond), lat[len(lat)*95/100].Round(100*time.Microsecond))
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
