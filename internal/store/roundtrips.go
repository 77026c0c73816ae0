package store

import (
	"context"
	"database/sql"

	"entgo.io/ent/dialect"

	"github.com/maillage/maillage/internal/roundtrip"
)

// countedDriver counts each statement sent outside a transaction in the
// request's round-trip counter (internal/roundtrip), which the GraphQL
// executor reads to tell a list's elements that wait on the database
// from those answered from records already loaded.
type countedDriver struct{ dialect.Driver }

// txDriver is a driver that opens transactions with options (ent's
// Client.BeginTx asks for it).
type txDriver interface {
	BeginTx(context.Context, *sql.TxOptions) (dialect.Tx, error)
}

func (d countedDriver) Exec(ctx context.Context, query string, args, v any) error {
	roundtrip.Add(ctx)
	return d.Driver.Exec(ctx, query, args, v)
}

func (d countedDriver) Query(ctx context.Context, query string, args, v any) error {
	roundtrip.Add(ctx)
	return d.Driver.Query(ctx, query, args, v)
}

func (d countedDriver) Tx(ctx context.Context) (dialect.Tx, error) { return d.BeginTx(ctx, nil) }

// BeginTx keeps ent's Client.BeginTx working through the wrapper.
func (d countedDriver) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	return d.Driver.(txDriver).BeginTx(ctx, opts)
}
