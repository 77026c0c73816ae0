package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"entgo.io/ent/dialect"

	"github.com/maillage/maillage/ent"
)

// replicaDriver sends reads outside a transaction to a read replica, and
// everything else (writes, transactions) to the primary.
//
// Reads see this process's writes: after a write, the primary's WAL
// position is remembered, and reads go to the primary until the replica
// has replayed that position (asked once per read until it has, then no
// more until the next write). Another process's writes may be seen late,
// by the replica's lag (maillage_db_replica_lag_seconds).
type replicaDriver struct {
	dialect.Driver // the primary
	replica        dialect.Driver
	primaryDB      *sql.DB
	replicaDB      *sql.DB

	written  atomic.Int64 // WAL position after this process's last write
	replayed atomic.Int64 // the replica's replayed position, when last asked
	// Reads, by where they went (for tests and metrics).
	toReplica, toPrimary atomic.Int64
}

// isRead reports whether a statement only reads: ent's reads outside a
// transaction start with SELECT (or WITH, for a common table expression).
func isRead(query string) bool {
	verb, _, _ := strings.Cut(strings.TrimSpace(query), " ")
	return strings.EqualFold(verb, "SELECT") || strings.EqualFold(verb, "WITH")
}

// Positions in the WAL, as bytes from its start.
const (
	primaryPositionSQL = `SELECT (pg_current_wal_insert_lsn() - '0/0')::bigint`
	// On a standby the replayed position; on a server that is not one
	// (promoted, or a replica URL naming the primary) its own.
	replayedPositionSQL = `SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()
		ELSE pg_current_wal_insert_lsn() END - '0/0')::bigint`
)

func (d *replicaDriver) Query(ctx context.Context, query string, args, v any) error {
	if !isRead(query) {
		err := d.Driver.Query(ctx, query, args, v) // INSERT … RETURNING
		d.wrote(ctx, err)
		return err
	}
	if d.caughtUp(ctx) {
		err := d.replica.Query(ctx, query, args, v)
		if err == nil || ctx.Err() != nil {
			d.toReplica.Add(1)
			return err
		}
		// The replica failed (down, or cancelled by a conflict with
		// replay): the primary answers.
	}
	d.toPrimary.Add(1)
	return d.Driver.Query(ctx, query, args, v)
}

func (d *replicaDriver) Exec(ctx context.Context, query string, args, v any) error {
	err := d.Driver.Exec(ctx, query, args, v)
	d.wrote(ctx, err)
	return err
}

// wrote remembers the primary's position after a successful write.
func (d *replicaDriver) wrote(ctx context.Context, err error) {
	if err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	var pos int64
	if err := d.primaryDB.QueryRowContext(ctx, primaryPositionSQL).Scan(&pos); err != nil {
		// Unknown: read from the primary until a later write tells.
		pos = 1<<63 - 1
	}
	for {
		old := d.written.Load()
		if pos <= old || d.written.CompareAndSwap(old, pos) {
			return
		}
	}
}

// caughtUp reports whether the replica has replayed this process's last
// write.
func (d *replicaDriver) caughtUp(ctx context.Context) bool {
	written := d.written.Load()
	if written == 0 || d.replayed.Load() >= written {
		return true
	}
	var pos int64
	if err := d.replicaDB.QueryRowContext(ctx, replayedPositionSQL).Scan(&pos); err != nil {
		return false
	}
	for {
		old := d.replayed.Load()
		if pos <= old || d.replayed.CompareAndSwap(old, pos) {
			break
		}
	}
	return pos >= written
}

// Tx and BeginTx start transactions on the primary; a transaction that
// wrote counts as a write when it commits.
func (d *replicaDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	return d.BeginTx(ctx, nil)
}

// BeginTx keeps ent's Client.BeginTx working through the wrapper.
func (d *replicaDriver) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	var (
		tx  dialect.Tx
		err error
	)
	if b, ok := d.Driver.(interface {
		BeginTx(context.Context, *sql.TxOptions) (dialect.Tx, error)
	}); ok {
		tx, err = b.BeginTx(ctx, opts)
	} else {
		tx, err = d.Driver.Tx(ctx)
	}
	if err != nil {
		return nil, err
	}
	return &writeTx{Tx: tx, d: d, ctx: ctx}, nil
}

func (d *replicaDriver) Close() error {
	err := d.replica.Close()
	if perr := d.Driver.Close(); err == nil {
		err = perr
	}
	return err
}

// writeTx notes whether a transaction wrote.
type writeTx struct {
	dialect.Tx
	d     *replicaDriver
	ctx   context.Context
	wrote atomic.Bool
}

func (t *writeTx) Exec(ctx context.Context, query string, args, v any) error {
	t.wrote.Store(true)
	return t.Tx.Exec(ctx, query, args, v)
}

func (t *writeTx) Query(ctx context.Context, query string, args, v any) error {
	if !isRead(query) {
		t.wrote.Store(true)
	}
	return t.Tx.Query(ctx, query, args, v)
}

func (t *writeTx) Commit() error {
	err := t.Tx.Commit()
	if t.wrote.Load() {
		t.d.wrote(t.ctx, err)
	}
	return err
}

// UseReplica makes Client read from the PostgreSQL read replica at
// rawURL outside transactions; writes, transactions and Primary stay on
// the primary. The graph index reads the primary, whose notifications
// it follows: a replica may lag behind them. rawURL may list several
// hosts with target_session_attrs=prefer-standby: reads then go to a
// standby while there is one, else to the primary.
func (d *DB) UseReplica(ctx context.Context, rawURL string, opts ...ent.Option) error {
	if d.Dialect != dialectPostgres {
		return fmt.Errorf("read replica %s: only a PostgreSQL primary has replicas", Redact(rawURL))
	}
	drv, db, err := openDriver(ctx, rawURL, d.statementCache)
	if err != nil {
		return fmt.Errorf("read replica: %w", err)
	}
	if drv.Dialect() != dialectPostgres {
		_ = drv.Close()
		return fmt.Errorf("read replica %s: want a postgres:// URL", Redact(rawURL))
	}
	d.replica = &replicaDriver{Driver: d.primaryDriver, replica: drv, primaryDB: d.SQL, replicaDB: db}
	d.Client = ent.NewClient(append([]ent.Option{ent.Driver(d.replica)}, opts...)...)
	d.Client.Use(d.counter.hook) // its writes go to the primary: counted like the primary's
	interceptReads(d.Client)
	d.ReplicaURL = Redact(rawURL)
	return nil
}

// ReplicaReads counts the reads Client sent to the replica and to the
// primary (a replica behind this process's writes, or failing).
func (d *DB) ReplicaReads() (replica, primary int64) {
	if d.replica == nil {
		return 0, 0
	}
	return d.replica.toReplica.Load(), d.replica.toPrimary.Load()
}

// ReplicaLag is how far the read replica is behind the primary: the WAL
// bytes it has not replayed, and the age of the last transaction it
// replayed while some remain (zero when it has replayed all it received).
func (d *DB) ReplicaLag(ctx context.Context) (bytes int64, seconds float64, err error) {
	if d.replica == nil {
		return 0, 0, errors.New("no read replica")
	}
	var primary, replayed int64
	if err := d.SQL.QueryRowContext(ctx, primaryPositionSQL).Scan(&primary); err != nil {
		return 0, 0, fmt.Errorf("replica lag: the primary's position: %w", err)
	}
	err = d.replica.replicaDB.QueryRowContext(ctx, `SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()
		ELSE pg_current_wal_insert_lsn() END - '0/0')::bigint,
		CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0
		ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8`).Scan(&replayed, &seconds)
	if err != nil {
		return 0, 0, fmt.Errorf("replica lag: %w", err)
	}
	return max(primary-replayed, 0), seconds, nil
}
