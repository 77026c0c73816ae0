package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
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
	local  layerCounters // commits of this process
	tables map[string]Layer

	// PostgreSQL: notifications received; listening says the listener is
	// connected, so that no notification can be missed.
	remote    layerCounters
	listening atomic.Bool
	listener  *pq.Listener
	done      chan struct{}
	probes    chan string // probe notifications heard

	// SQLite: one connection reserved for PRAGMA data_version, which
	// changes when another connection commits.
	mu   sync.Mutex
	conn *sql.Conn
}

// Version names the database's state, its registers and its
// cooperation records apart: each changes after any commit to its
// tables, by this process or another.
type Version struct{ Registers, Cooperation string }

// Version returns the database's current Version.
func (d *DB) Version(ctx context.Context) (Version, error) {
	c := d.changes
	registers, cooperation := c.local.registers.Load(), c.local.cooperation.Load()
	var remote string
	switch {
	case c.listener != nil && c.listening.Load():
		return Version{
			Registers:   fmt.Sprintf("%d|%d", registers, c.remote.registers.Load()),
			Cooperation: fmt.Sprintf("%d|%d", cooperation, c.remote.cooperation.Load()),
		}, nil
	case c.conn != nil:
		// SQLite tells that another connection committed, not what.
		c.mu.Lock()
		defer c.mu.Unlock()
		var v int64
		if err := c.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
			return Version{}, fmt.Errorf("database version: %w", err)
		}
		remote = fmt.Sprint(v)
	default:
		// Not listening (the connection dropped): the server's snapshot
		// changes whenever a writing transaction starts or ends, so no
		// commit goes unseen, at the price of rebuilding more often.
		if err := d.SQL.QueryRowContext(ctx, "SELECT pg_current_snapshot()::text").Scan(&remote); err != nil {
			return Version{}, fmt.Errorf("database version: %w", err)
		}
	}
	return Version{
		Registers:   fmt.Sprintf("%d|%s", registers, remote),
		Cooperation: fmt.Sprintf("%d|%s", cooperation, remote),
	}, nil
}

// Listening reports whether the PostgreSQL change listener is connected
// (false on SQLite, which has none).
func (d *DB) Listening() bool {
	return d.changes.listener != nil && d.changes.listening.Load()
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
		c.probes = make(chan string, 16) // other processes probe too
		// Reconnections are retried every second at most: after a
		// failover, the listener finds the new primary soon.
		c.listener = pq.NewListener(rawURL, 100*time.Millisecond, time.Second, func(ev pq.ListenerEventType, _ error) {
			switch ev {
			case pq.ListenerEventConnected, pq.ListenerEventReconnected:
				// Whatever was sent while disconnected is lost: count a
				// change, then trust notifications again.
				c.remote.add(Registers | Cooperation)
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
				case n, ok := <-c.listener.Notify:
					if !ok {
						return
					}
					// A nil notification follows a reconnection: both
					// layers count as changed, and so does a table the
					// schema does not know (a newer server's).
					l := Registers | Cooperation
					if n != nil && strings.HasPrefix(n.Extra, probePrefix) {
						select {
						case c.probes <- n.Extra:
						default:
						}
						continue
					}
					if n != nil {
						if known, ok := c.tables[n.Extra]; ok {
							l = known
						}
					}
					c.remote.add(l)
				}
			}
		}()
		if err := c.probe(ctx, db); err != nil {
			c.close()
			return err
		}
	}
	return nil
}

// probePrefix starts the payload of the notification probe sends.
const probePrefix = "maillage_probe:"

// probeTimeout bounds the wait for the probe's notification.
const probeTimeout = 5 * time.Second

// probe checks that the listener hears a notification sent through the
// connection pool: it does not when the listener's URL goes through a
// pooler in transaction mode, whose server sessions (the one that ran
// LISTEN among them) serve whoever comes next.
func (c *changes) probe(ctx context.Context, db *sql.DB) error {
	var rnd [8]byte
	_, _ = rand.Read(rnd[:])
	token := probePrefix + hex.EncodeToString(rnd[:])
	// A literal, not a parameter: one simple query, whatever the pooler.
	if _, err := db.ExecContext(ctx, "SELECT pg_notify("+pq.QuoteLiteral(changeChannel)+", "+pq.QuoteLiteral(token)+")"); err != nil {
		return fmt.Errorf("listen for changes: notify: %w", err)
	}
	timeout := time.NewTimer(probeTimeout)
	defer timeout.Stop()
	for {
		select {
		case heard := <-c.probes:
			if heard == token {
				return nil
			}
		case <-timeout.C:
			return fmt.Errorf("listen for changes: a notification sent through the database URL did not reach the listener within %v: "+
				"behind a pooler in transaction mode (PgBouncer), give the listener a direct connection to the primary (serve --db-listen)", probeTimeout)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
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
// by any client, notify changeChannel with the table's name, which the
// listener reads as its layer (tableLayers): PostgreSQL delivers
// notifications at commit, once per table and transaction (identical
// ones are folded).
func installNotifyTriggers(ctx context.Context, db *sql.DB) error {
	stmts := []string{
		`CREATE OR REPLACE FUNCTION maillage_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('` + changeChannel + `', TG_TABLE_NAME);
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
