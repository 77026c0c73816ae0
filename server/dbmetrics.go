package server

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/internal/store"
)

// dbCollector reports, at each scrape, whether the change listener is
// connected and, with a read replica, its lag and where reads went.
type dbCollector struct {
	db                                 *store.DB
	listening, lagBytes, lagSec, reads *prometheus.Desc
}

func newDBCollector(db *store.DB) *dbCollector {
	return &dbCollector{
		db: db,
		listening: prometheus.NewDesc("maillage_db_change_listener_connected",
			"1 while the PostgreSQL change listener is connected (else every graph request asks the database whether it changed).", nil, nil),
		lagBytes: prometheus.NewDesc("maillage_db_replica_lag_bytes",
			"WAL bytes the read replica has not replayed yet (-1: unknown, the replica or the primary does not answer).", nil, nil),
		lagSec: prometheus.NewDesc("maillage_db_replica_lag_seconds",
			"Age of the last transaction the read replica replayed, while it has more to replay; 0 when caught up (-1: unknown).", nil, nil),
		reads: prometheus.NewDesc("maillage_db_replica_reads_total",
			"Reads outside transactions by where they went: the replica, or the primary (the replica behind this process's last write, or failing).", []string{"to"}, nil),
	}
}

func (c *dbCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.listening
	if c.db.ReplicaURL != "" {
		ch <- c.lagBytes
		ch <- c.lagSec
		ch <- c.reads
	}
}

func (c *dbCollector) Collect(ch chan<- prometheus.Metric) {
	if c.db.Dialect == "postgres" {
		ch <- prometheus.MustNewConstMetric(c.listening, prometheus.GaugeValue, boolGauge(c.db.Listening()))
	}
	if c.db.ReplicaURL == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	bytes, seconds, err := c.db.ReplicaLag(ctx)
	if err != nil {
		bytes, seconds = -1, -1
	}
	ch <- prometheus.MustNewConstMetric(c.lagBytes, prometheus.GaugeValue, float64(bytes))
	ch <- prometheus.MustNewConstMetric(c.lagSec, prometheus.GaugeValue, seconds)
	replica, primary := c.db.ReplicaReads()
	ch <- prometheus.MustNewConstMetric(c.reads, prometheus.CounterValue, float64(replica), "replica")
	ch <- prometheus.MustNewConstMetric(c.reads, prometheus.CounterValue, float64(primary), "primary")
}

func boolGauge(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
