package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"entgo.io/ent/dialect"

	"github.com/maillage/maillage/ent"
)

// replicaDriver sends reads outside a transaction to a read replica, and
// everything else (writes, transactions) to the primary.
type replicaDriver struct {
	dialect.Driver // the primary
	replica        dialect.Driver
}

// isRead reports whether a statement only reads: ent's reads outside a
// transaction start with SELECT (or WITH, for a common table expression).
func isRead(query string) bool {
	verb, _, _ := strings.Cut(strings.TrimSpace(query), " ")
	return strings.EqualFold(verb, "SELECT") || strings.EqualFold(verb, "WITH")
}

func (d *replicaDriver) Query(ctx context.Context, query string, args, v any) error {
	if isRead(query) {
		return d.replica.Query(ctx, query, args, v)
	}
	return d.Driver.Query(ctx, query, args, v)
}

// BeginTx keeps ent's Client.BeginTx working through the wrapper.
func (d *replicaDriver) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	if b, ok := d.Driver.(interface {
		BeginTx(context.Context, *sql.TxOptions) (dialect.Tx, error)
	}); ok {
		return b.BeginTx(ctx, opts)
	}
	return d.Driver.Tx(ctx)
}

func (d *replicaDriver) Close() error {
	err := d.replica.Close()
	if perr := d.Driver.Close(); err == nil {
		err = perr
	}
	return err
}

// UseReplica makes Client read from the PostgreSQL read replica at
// rawURL outside transactions; writes, transactions and Primary stay on
// the primary. The graph index reads the primary, whose notifications
// it follows: a replica may lag behind them.
func (d *DB) UseReplica(ctx context.Context, rawURL string, opts ...ent.Option) error {
	if d.Dialect != dialectPostgres {
		return fmt.Errorf("read replica %s: only a PostgreSQL primary has replicas", Redact(rawURL))
	}
	drv, _, err := openDriver(ctx, rawURL)
	if err != nil {
		return fmt.Errorf("read replica: %w", err)
	}
	if drv.Dialect() != dialectPostgres {
		_ = drv.Close()
		return fmt.Errorf("read replica %s: want a postgres:// URL", Redact(rawURL))
	}
	d.Client = ent.NewClient(append([]ent.Option{ent.Driver(&replicaDriver{Driver: d.primaryDriver, replica: drv})}, opts...)...)
	d.Client.Use(d.counter.hook) // its writes go to the primary: counted like the primary's
	d.ReplicaURL = Redact(rawURL)
	return nil
}
