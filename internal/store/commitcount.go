package store

import (
	"context"
	"database/sql"
	"strings"
	"sync/atomic"

	"entgo.io/ent/dialect"
)

// countingDriver counts this process's writes once they are durable: a
// write outside a transaction when it returns, a transaction's writes
// when it commits.
type countingDriver struct {
	dialect.Driver
	commits *atomic.Uint64
}

// isWrite tells a statement sent through Query that writes (PostgreSQL
// inserts use INSERT … RETURNING).
func isWrite(query string) bool {
	q := strings.TrimSpace(query)
	for _, verb := range []string{"INSERT", "UPDATE", "DELETE"} {
		if len(q) >= len(verb) && strings.EqualFold(q[:len(verb)], verb) {
			return true
		}
	}
	return false
}

func (d *countingDriver) Exec(ctx context.Context, query string, args, v any) error {
	err := d.Driver.Exec(ctx, query, args, v)
	if err == nil {
		d.commits.Add(1)
	}
	return err
}

func (d *countingDriver) Query(ctx context.Context, query string, args, v any) error {
	err := d.Driver.Query(ctx, query, args, v)
	if err == nil && isWrite(query) {
		d.commits.Add(1)
	}
	return err
}

func (d *countingDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return &countingTx{Tx: tx, commits: d.commits}, nil
}

// BeginTx keeps ent's Client.BeginTx working through the wrapper.
func (d *countingDriver) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	b, ok := d.Driver.(interface {
		BeginTx(context.Context, *sql.TxOptions) (dialect.Tx, error)
	})
	if !ok {
		return d.Tx(ctx)
	}
	tx, err := b.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &countingTx{Tx: tx, commits: d.commits}, nil
}

type countingTx struct {
	dialect.Tx
	commits *atomic.Uint64
	wrote   atomic.Bool
}

func (t *countingTx) Exec(ctx context.Context, query string, args, v any) error {
	t.wrote.Store(true)
	return t.Tx.Exec(ctx, query, args, v)
}

func (t *countingTx) Query(ctx context.Context, query string, args, v any) error {
	if isWrite(query) {
		t.wrote.Store(true)
	}
	return t.Tx.Query(ctx, query, args, v)
}

func (t *countingTx) Commit() error {
	err := t.Tx.Commit()
	if err == nil && t.wrote.Load() {
		t.commits.Add(1)
	}
	return err
}
