package server_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/internal/store"
	"github.com/maillage/maillage/server"
)

// TestReplicasSeeEachOthersWrites runs two servers on one PostgreSQL
// database, as two replicas behind a load balancer: a write through one
// shows in the other's graph queries within a second, learnt from
// PostgreSQL's notifications.
func TestReplicasSeeEachOthersWrites(t *testing.T) {
	ctx := context.Background()
	var first *backend
	for _, b := range backends {
		if b.name == "postgres" {
			first = b
		}
	}
	db, err := store.Open(ctx, first.url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	second := &backend{name: "postgres replica", db: db, handler: server.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry(), server.WithoutRateLimits())}

	const find = `{ search(text: "gcs des deux replicas", kinds: ["GROUPING"]) { label } }`
	if raw := string(second.data(t, find, nil)); strings.Contains(raw, "replicas") {
		t.Fatalf("found before the write: %s", raw)
	}
	written := time.Now()
	addGrouping(t, first, "REPLICAS-TEST", "GCS des deux replicas")
	for {
		raw := string(second.data(t, find, nil))
		if strings.Contains(raw, "GCS des deux replicas") {
			t.Logf("seen by the other replica %v after the commit", time.Since(written).Round(time.Millisecond))
			break
		}
		if time.Since(written) > time.Second {
			t.Fatalf("the other replica still answers %s a second after the write", raw)
		}
		time.Sleep(10 * time.Millisecond)
	}
	// And the replica that wrote sees it at once.
	if raw := string(first.data(t, find, nil)); !strings.Contains(raw, "GCS des deux replicas") {
		t.Errorf("the writing replica: %s", raw)
	}
}
