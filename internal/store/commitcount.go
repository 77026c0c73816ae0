package store

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"sync/atomic"

	"entgo.io/ent/dialect"
)

// countingDriver counts this process's writes once they are durable, by
// layer (registers or cooperation, see layerOf): a write outside a
// transaction when it returns, a transaction's writes when it commits.
type countingDriver struct {
	dialect.Driver
	commits *layerCounters
}

// layer is what a write touched, as bits.
type layer uint8

const (
	registersLayer layer = 1 << iota
	cooperationLayer
	// accessLayer is a write the graph does not show: tokens and the
	// audit log. It is a write (it goes to the primary) but changes no
	// version.
	accessLayer
)

// registerTables hold what the registers give: the graph's base.
var registerTables = map[string]bool{"legal_entities": true, "establishments": true, "territories": true}

// accessTables hold what the graph does not show.
var accessTables = map[string]bool{"tokens": true, "audit_events": true}

// layerOf tells which layer a statement writes, 0 for a read. Anything
// it cannot name (DDL, an unknown table) counts as both.
func layerOf(query string) layer {
	q := strings.TrimSpace(query)
	verb, rest, _ := strings.Cut(q, " ")
	switch strings.ToUpper(verb) {
	case "SELECT", "WITH", "PRAGMA", "SAVEPOINT", "RELEASE":
		return 0
	case "INSERT", "DELETE":
		_, rest, _ = strings.Cut(rest, " ") // INTO, FROM
	case "UPDATE":
	default:
		return registersLayer | cooperationLayer
	}
	table, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
	table = strings.Trim(table, "\"`")
	if table == "" {
		return registersLayer | cooperationLayer
	}
	if registerTables[table] {
		return registersLayer
	}
	if accessTables[table] {
		return accessLayer
	}
	return cooperationLayer
}

// layerCounters counts commits by layer.
type layerCounters struct{ registers, cooperation atomic.Uint64 }

func (c *layerCounters) add(l layer) {
	if l&registersLayer != 0 {
		c.registers.Add(1)
	}
	if l&cooperationLayer != 0 {
		c.cooperation.Add(1)
	}
}

func (d *countingDriver) Exec(ctx context.Context, query string, args, v any) error {
	err := d.Driver.Exec(ctx, query, args, v)
	if err == nil {
		d.commits.add(layerOf(query))
	}
	return err
}

func (d *countingDriver) Query(ctx context.Context, query string, args, v any) error {
	err := d.Driver.Query(ctx, query, args, v)
	if err == nil {
		d.commits.add(layerOf(query))
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
	commits *layerCounters
	mu      sync.Mutex
	wrote   layer
}

func (t *countingTx) note(query string) {
	if l := layerOf(query); l != 0 {
		t.mu.Lock()
		t.wrote |= l
		t.mu.Unlock()
	}
}

func (t *countingTx) Exec(ctx context.Context, query string, args, v any) error {
	t.note(query)
	return t.Tx.Exec(ctx, query, args, v)
}

func (t *countingTx) Query(ctx context.Context, query string, args, v any) error {
	t.note(query)
	return t.Tx.Query(ctx, query, args, v)
}

func (t *countingTx) Commit() error {
	err := t.Tx.Commit()
	if err == nil {
		t.mu.Lock()
		t.commits.add(t.wrote)
		t.mu.Unlock()
	}
	return err
}
