package hatest

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/lib/pq"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/pgtest"
	"github.com/maillage/maillage/internal/store"
	"github.com/maillage/maillage/server"
)

// node is one Maillage server: its database and its HTTP handler.
type node struct {
	name string
	db   *store.DB
	h    http.Handler
}

func newNode(t *testing.T, name, dbURL string, o store.Options, replicaURL string) *node {
	t.Helper()
	ctx := context.Background()
	db, err := store.OpenWith(ctx, dbURL, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if replicaURL != "" {
		if err := db.UseReplica(ctx, replicaURL); err != nil {
			t.Fatal(err)
		}
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	return &node{name: name, db: db, h: server.New(db, logger, prometheus.NewRegistry(), server.WithoutRateLimits())}
}

func (n *node) get(path string) (int, string) {
	rec := httptest.NewRecorder()
	n.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Body.String()
}

// query posts a GraphQL query; an error is a status other than 200 or
// errors in the answer.
func (n *node) query(q string) (string, error) {
	body, _ := json.Marshal(map[string]any{"query": q})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	n.h.ServeHTTP(rec, req)
	var resp struct {
		Errors []json.RawMessage `json:"errors"`
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &resp)
	if rec.Code != http.StatusOK || len(resp.Errors) > 0 {
		return rec.Body.String(), fmt.Errorf("%s: %d: %s", n.name, rec.Code, rec.Body.String())
	}
	return rec.Body.String(), nil
}

// finds reports whether the node's graph search finds a grouping named
// name.
func (n *node) finds(name string) bool {
	raw, err := n.query(fmt.Sprintf(`{ search(text: %q, kinds: ["GROUPING"]) { label } }`, name))
	return err == nil && strings.Contains(raw, name)
}

// addGrouping writes a grouping and its source through the node.
func (n *node) addGrouping(name string) error {
	ctx := access.AsSystem(context.Background())
	key := strings.ToLower(strings.ReplaceAll(name, " ", "-"))
	src, err := n.db.Client.Source.Create().SetKind("EDIT").SetKey(key).SetTitle(name).SetRecordedAt(time.Now()).Save(ctx)
	if err != nil {
		return err
	}
	_, err = n.db.Client.Grouping.Create().SetKind(grouping.KindGCS).SetName(name).SetCode(strings.ToUpper(key)).SetSource(src).Save(ctx)
	return err
}

// waitFor polls cond until it holds, failing after timeout.
func waitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > timeout {
			t.Fatalf("%s: not within %v", what, timeout)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return time.Since(start)
}

// startPair starts a primary and its standby holding a migrated
// database, whose URL on the primary it returns.
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
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return p, u
}

// writer writes sources through a node as fast as they are acknowledged,
// remembering which were.
type writer struct {
	mu      sync.Mutex
	acked   []string
	ackedAt []time.Time
	failed  int
	stop    chan struct{}
	done    chan struct{}
}

func startWriter(n *node) *writer {
	w := &writer{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		ctx := access.AsSystem(context.Background())
		for i := 0; ; i++ {
			select {
			case <-w.stop:
				return
			default:
			}
			key := fmt.Sprintf("w-%06d", i)
			wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			_, err := n.db.Client.Source.Create().SetKind("EDIT").SetKey(key).SetTitle(key).SetRecordedAt(time.Now()).Save(wctx)
			cancel()
			w.mu.Lock()
			if err == nil {
				w.acked, w.ackedAt = append(w.acked, key), append(w.ackedAt, time.Now())
			} else {
				w.failed++
			}
			w.mu.Unlock()
			if err != nil {
				time.Sleep(5 * time.Millisecond)
			}
		}
	}()
	return w
}

func (w *writer) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.acked)
}

// firstAckAfter is when the first write acknowledged after t was.
func (w *writer) firstAckAfter(t time.Time) (time.Time, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, at := range w.ackedAt {
		if at.After(t) {
			return at, true
		}
	}
	return time.Time{}, false
}

func (w *writer) finish() {
	close(w.stop)
	<-w.done
}

func TestFailoverSynchronous(t *testing.T) { testFailover(t, true) }

func TestFailoverAsynchronous(t *testing.T) { testFailover(t, false) }

// testFailover runs two servers on a primary and its standby, both with
// --db naming the two hosts (target_session_attrs=read-write), the first
// also reading from the standby. A writer writes through the first
// server without pause; the primary is killed, the standby promoted. The
// servers carry on without a restart: /readyz says 503 in between, then
// 200; writes go to the new primary; both change listeners reconnect and
// a write through one server shows in the other's graph queries.
// Synchronous: every acknowledged write is on the new primary.
// Asynchronous: the writes lost are counted (the loss window).
func testFailover(t *testing.T, synchronous bool) {
	ctx := context.Background()
	p, u := startPair(t, pgtest.PairOptions{Synchronous: synchronous})
	both := pgtest.HostsURL(u, "read-write", p.Primary, p.Standby)
	standbyFirst := pgtest.HostsURL(u, "prefer-standby", p.Standby, p.Primary)
	a := newNode(t, "server A", both, store.Options{}, standbyFirst)
	b := newNode(t, "server B", both, store.Options{}, "")

	if err := a.addGrouping("GCS avant la bascule"); err != nil {
		t.Fatal(err)
	}
	seen := waitFor(t, 5*time.Second, "server B sees server A's write", func() bool { return b.finds("GCS avant la bascule") })
	t.Logf("a write through A in B's graph queries after %v", seen.Round(time.Millisecond))
	for _, n := range []*node{a, b} {
		if code, body := n.get("/readyz"); code != http.StatusOK {
			t.Fatalf("%s /readyz before the failover: %d %s", n.name, code, body)
		}
	}
	versionB, err := b.db.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// Write without pause for a while, as a busy editor service would.
	w := startWriter(a)
	defer func() {
		select {
		case <-w.done:
		default:
			w.finish()
		}
	}()
	waitFor(t, 30*time.Second, "500 writes before the failover", func() bool { return w.count() >= 500 })
	writeStart := time.Now()
	before := w.count()
	waitFor(t, 30*time.Second, "500 more", func() bool { return w.count() >= before+500 })
	rate := float64(w.count()-before) / time.Since(writeStart).Seconds()
	lagBytes, lagSeconds, lagErr := a.db.ReplicaLag(ctx)

	killed := time.Now()
	if err := p.Primary.Kill(); err != nil {
		t.Fatal(err)
	}
	ackedBeforeKill := w.count()
	for _, n := range []*node{a, b} {
		waitFor(t, 10*time.Second, n.name+" /readyz says 503 without a primary", func() bool {
			code, _ := n.get("/readyz")
			return code == http.StatusServiceUnavailable
		})
	}
	// Graph queries keep being answered meanwhile, from memory.
	if !b.finds("GCS avant la bascule") {
		t.Error("server B's graph query failed without a primary")
	}
	promoteStart := time.Now()
	if err := p.Standby.Promote(ctx); err != nil {
		t.Fatal(err)
	}
	promoted := time.Now()
	var firstWrite time.Time
	waitFor(t, 30*time.Second, "a write acknowledged after the promotion", func() bool {
		var ok bool
		firstWrite, ok = w.firstAckAfter(promoteStart)
		return ok
	})
	for _, n := range []*node{a, b} {
		waitFor(t, 10*time.Second, n.name+" /readyz says 200 again", func() bool {
			code, _ := n.get("/readyz")
			return code == http.StatusOK
		})
		waitFor(t, 10*time.Second, n.name+"'s change listener reconnects", n.db.Listening)
	}
	listening := time.Now()
	afterFailover := w.count()
	waitFor(t, 30*time.Second, "200 writes after the failover", func() bool { return w.count() >= afterFailover+200 })
	w.finish()

	// Every acknowledged write on the new primary, or the writes lost.
	newPrimary, err := sql.Open("postgres", p.Standby.URL(u))
	if err != nil {
		t.Fatal(err)
	}
	defer newPrimary.Close()
	present := map[string]bool{}
	rows, err := newPrimary.QueryContext(ctx, "SELECT key FROM sources WHERE key LIKE 'w-%'")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		present[k] = true
	}
	rows.Close()
	var lost []string
	for _, k := range w.acked {
		if !present[k] {
			lost = append(lost, k)
		}
	}
	mode := "asynchronous"
	if synchronous {
		mode = "synchronous"
	}
	t.Logf("%s replication: %.0f writes/s through one server before the kill; standby lag just before it: %d bytes, %.3f s (%v)",
		mode, rate, lagBytes, lagSeconds, lagErr)
	t.Logf("%s replication: kill → promoted %v (pg_ctl promote itself %v), kill → first write acknowledged %v, kill → both listeners back %v; %d writes failed meanwhile",
		mode, promoted.Sub(killed).Round(time.Millisecond), promoted.Sub(promoteStart).Round(time.Millisecond),
		firstWrite.Sub(killed).Round(time.Millisecond), listening.Sub(killed).Round(time.Millisecond), w.failed)
	t.Logf("%s replication: %d writes acknowledged (%d before the kill), %d lost %v", mode, len(w.acked), ackedBeforeKill, len(lost), lost)
	if synchronous && len(lost) > 0 {
		t.Errorf("synchronous replication lost %d acknowledged writes: %v", len(lost), lost)
	}

	// The graph indexes catch up: the listeners' reconnection counts as a
	// change, and a write through one server shows in the other's graph.
	if v, err := b.db.Version(ctx); err != nil || v == versionB {
		t.Errorf("server B's version did not move across the failover: %v (%v)", v, err)
	}
	if err := b.addGrouping("GCS après la bascule"); err != nil {
		t.Fatalf("a write through server B after the failover: %v", err)
	}
	seen = waitFor(t, 5*time.Second, "server A sees server B's write after the failover", func() bool { return a.finds("GCS après la bascule") })
	t.Logf("after the failover, a write through B in A's graph queries after %v", seen.Round(time.Millisecond))
	if raw, err := a.query(`{ groupings(where: {code: "GCS-APRÈS-LA-BASCULE"}) { totalCount } }`); err != nil || !strings.Contains(raw, `"totalCount":1`) {
		t.Errorf("server A's lookup after the failover: %s %v", raw, err)
	}
}
