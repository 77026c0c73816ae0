package store

import (
	"container/list"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
)

// statementCacheSize is how many prepared statements each PostgreSQL
// connection keeps. ent writes a few hundred distinct statements (an
// IN list is one statement per length), the ones a request uses most
// stay.
const statementCacheSize = 256

// cachingConnector opens lib/pq connections that prepare each statement
// with arguments once and keep it (a named prepared statement per
// connection, least recently used dropped past statementCacheSize):
// PostgreSQL then parses and plans it once, and each execution is one
// round trip of bind and execute, as with binary_parameters. Statements
// without arguments (BEGIN, LISTEN…) go as they are.
//
// A pooler in transaction mode (PgBouncer before 1.21, or without
// max_prepared_statements) does not keep a session's prepared
// statements: a server given a listen URL (--db-listen, which such a
// pooler requires) keeps none, and `statement_cache=off` (or `on`) in
// the database URL says so explicitly.
type cachingConnector struct {
	driver.Connector
}

func (c cachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	if _, ok := conn.(pqConn); !ok {
		_ = conn.Close()
		return nil, fmt.Errorf("statement cache: %T is not the lib/pq connection it wraps", conn)
	}
	return &cachingConn{conn: conn, byQuery: map[string]*list.Element{}, lru: list.New()}, nil
}

// pqConn is what lib/pq's connection implements and database/sql uses.
type pqConn interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.QueryerContext
	driver.ExecerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
	driver.NamedValueChecker
}

// cachingConn is one connection and its prepared statements. database/sql
// uses a connection from one goroutine at a time: no lock.
type cachingConn struct {
	conn    driver.Conn
	byQuery map[string]*list.Element // of *cached
	lru     *list.List               // most recently used first
}

type cached struct {
	query string
	stmt  driver.Stmt
}

var _ pqConn = (*cachingConn)(nil)

func (c *cachingConn) pq() pqConn { return c.conn.(pqConn) }

// stmt returns query's prepared statement, preparing it on first use.
func (c *cachingConn) stmt(ctx context.Context, query string) (driver.Stmt, error) {
	if e, ok := c.byQuery[query]; ok {
		c.lru.MoveToFront(e)
		return e.Value.(*cached).stmt, nil
	}
	st, err := c.pq().PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.byQuery[query] = c.lru.PushFront(&cached{query: query, stmt: st})
	for c.lru.Len() > statementCacheSize {
		c.drop(c.lru.Back())
	}
	return st, nil
}

// drop closes a statement and forgets it; a statement that failed may
// be stale (a schema change), so it is prepared again next time.
func (c *cachingConn) drop(e *list.Element) {
	v := c.lru.Remove(e).(*cached)
	delete(c.byQuery, v.query)
	_ = v.stmt.Close()
}

func (c *cachingConn) forget(query string) {
	if e, ok := c.byQuery[query]; ok {
		c.drop(e)
	}
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if len(args) == 0 {
		return c.pq().QueryContext(ctx, query, args)
	}
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := st.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil && !errors.Is(err, driver.ErrBadConn) {
		c.forget(query)
	}
	return rows, err
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if len(args) == 0 {
		return c.pq().ExecContext(ctx, query, args)
	}
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	res, err := st.(driver.StmtExecContext).ExecContext(ctx, args)
	if err != nil && !errors.Is(err, driver.ErrBadConn) {
		c.forget(query)
	}
	return res, err
}

func (c *cachingConn) Prepare(query string) (driver.Stmt, error) { return c.conn.Prepare(query) }

func (c *cachingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.pq().PrepareContext(ctx, query)
}

func (c *cachingConn) Begin() (driver.Tx, error) {
	return c.pq().BeginTx(context.Background(), driver.TxOptions{})
}

func (c *cachingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.pq().BeginTx(ctx, opts)
}

func (c *cachingConn) Ping(ctx context.Context) error { return c.pq().Ping(ctx) }

func (c *cachingConn) ResetSession(ctx context.Context) error { return c.pq().ResetSession(ctx) }

func (c *cachingConn) IsValid() bool { return c.pq().IsValid() }

func (c *cachingConn) CheckNamedValue(nv *driver.NamedValue) error {
	return c.pq().CheckNamedValue(nv)
}

// Close closes the connection; its prepared statements go with it.
func (c *cachingConn) Close() error { return c.conn.Close() }
