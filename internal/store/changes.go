package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"

	"github.com/maillage/maillage/ent/migrate"
)

// changeChannel is the PostgreSQL notification channel every committed
// write to Maillage's tables signals on.
const changeChannel = "maillage_changes"

// changes tracks whether the database changed, cheaply enough to ask on
// every request: writes of this process are counted when they commit;
// writes of other processes are learnt from PostgreSQL notifications, or
// from SQLite's data_version.
type changes struct {
	local atomic.Uint64 // commits of this process

	// PostgreSQL: notifications received; listening says the listener is
	// connected, so that no notification can be missed.
	remote    atomic.Uint64
	listening atomic.Bool
	listener  *pq.Listener
	done      chan struct{}

	// SQLite: one connection reserved for PRAGMA data_version, which
	// changes when another connection commits.
	mu   sync.Mutex
	conn *sql.Conn
}

// Version names the database's state: it changes after any commit, by
// this process or another.
func (d *DB) Version(ctx context.Context) (string, error) {
	c := d.changes
	local := c.local.Load()
	switch {
	case c.listener != nil && c.listening.Load():
		return fmt.Sprintf("%d|%d", local, c.remote.Load()), nil
	case c.conn != nil:
		c.mu.Lock()
		defer c.mu.Unlock()
		var v int64
		if err := c.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
			return "", fmt.Errorf("database version: %w", err)
		}
		return fmt.Sprintf("%d|%d", local, v), nil
	default:
		// Not listening (the connection dropped): the server's snapshot
		// changes whenever a writing transaction starts or ends, so no
		// commit goes unseen, at the price of rebuilding more often.
		var snapshot string
		if err := d.SQL.QueryRowContext(ctx, "SELECT pg_current_snapshot()::text").Scan(&snapshot); err != nil {
			return "", fmt.Errorf("database version: %w", err)
		}
		return fmt.Sprintf("%d|s%s", local, snapshot), nil
	}
}

// watch starts following other processes' writes.
func (c *changes) watch(ctx context.Context, dialectName, rawURL string, db *sql.DB) error {
	switch dialectName {
	case dialect.SQLite:
		conn, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		c.conn = conn
	case dialect.Postgres:
		c.done = make(chan struct{})
		c.listener = pq.NewListener(rawURL, 100*time.Millisecond, 10*time.Second, func(ev pq.ListenerEventType, _ error) {
			switch ev {
			case pq.ListenerEventConnected, pq.ListenerEventReconnected:
				// Whatever was sent while disconnected is lost: count a
				// change, then trust notifications again.
				c.remote.Add(1)
				c.listening.Store(true)
			case pq.ListenerEventDisconnected, pq.ListenerEventConnectionAttemptFailed:
				c.listening.Store(false)
			}
		})
		if err := c.listener.Listen(changeChannel); err != nil {
			_ = c.listener.Close()
			return fmt.Errorf("listen for changes: %w", err)
		}
		go func() {
			for {
				select {
				case <-c.done:
					return
				case _, ok := <-c.listener.Notify:
					if !ok {
						return
					}
					// A nil notification follows a reconnection: counted too.
					c.remote.Add(1)
				}
			}
		}()
	}
	return nil
}

func (c *changes) close() {
	if c.conn != nil {
		_ = c.conn.Close()
	}
	if c.listener != nil {
		close(c.done)
		c.listening.Store(false)
		_ = c.listener.Close()
	}
}

// installNotifyTriggers makes every committed write to Maillage's tables,
// by any client, notify changeChannel: PostgreSQL delivers notifications
// at commit, once per transaction (identical ones are folded).
func installNotifyTriggers(ctx context.Context, db *sql.DB) error {
	stmts := []string{
		`CREATE OR REPLACE FUNCTION maillage_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('` + changeChannel + `', '');
	RETURN NULL;
END $$`,
	}
	for _, t := range migrate.Tables {
		name := pq.QuoteIdentifier(t.Name)
		trigger := pq.QuoteIdentifier("maillage_notify_" + t.Name)
		stmts = append(stmts, `CREATE OR REPLACE TRIGGER `+trigger+` AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON `+name+
			` FOR EACH STATEMENT EXECUTE FUNCTION maillage_notify_change()`)
	}
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("change notifications: %s: %w", strings.SplitN(s, "(", 2)[0], err)
		}
	}
	return nil
}
