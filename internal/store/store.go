// Package store opens the database a URL names (embedded SQLite or
// PostgreSQL) as an ent client, and migrates its schema.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/lib/pq"    // PostgreSQL driver
	_ "modernc.org/sqlite" // SQLite driver, pure Go

	"github.com/maillage/maillage/ent"
	_ "github.com/maillage/maillage/ent/runtime" // registers schema hooks and validators
	"github.com/maillage/maillage/internal/memberknown"
)

// DefaultURL is the embedded database used when none is configured.
const DefaultURL = "sqlite://maillage.db"

// DB is an open database.
type DB struct {
	Client  *ent.Client
	SQL     *sql.DB
	Dialect string
	URL     string // with any password removed, for logs
	// Primary reads and writes the primary database; Client is the same
	// client unless UseReplica sends its reads to a read replica.
	Primary       *ent.Client
	ReplicaURL    string // with any password removed; empty without a replica
	primaryDriver dialect.Driver
	replica       *replicaDriver // nil without a replica
	changes       *changes
	counter       *commitCounter // counts this process's commits, from ent's hooks
	// statementCache: PostgreSQL connections keep their prepared
	// statements (cachingConnector), unless a URL says otherwise.
	statementCache bool
}

// Open opens the database named by rawURL: sqlite://PATH (the file is
// created on first use) or postgres://… (lib/pq connection URL). A
// PostgreSQL URL may name several hosts (postgres://h1,h2/db?port=p1,p2
// &target_session_attrs=read-write): each new connection, the change
// listener's included, goes to whichever of them is the primary then,
// so a promoted standby takes over without a restart.
func Open(ctx context.Context, rawURL string, opts ...ent.Option) (*DB, error) {
	return OpenWith(ctx, rawURL, Options{}, opts...)
}

// OpenWrapped is Open with the client's driver wrapped by wrap (tests
// count statements).
func OpenWrapped(ctx context.Context, rawURL string, wrap func(dialect.Driver) dialect.Driver, opts ...ent.Option) (*DB, error) {
	return OpenWith(ctx, rawURL, Options{Wrap: wrap}, opts...)
}

// Options are Open's less common settings.
type Options struct {
	// Wrap, when not nil, wraps the client's driver (tests count
	// statements).
	Wrap func(dialect.Driver) dialect.Driver
	// ListenURL is a direct connection to the PostgreSQL primary for the
	// change listener, when rawURL goes through a pooler in transaction
	// mode (PgBouncer): LISTEN needs a session of its own, which such a
	// pooler does not keep. Empty: the listener uses rawURL.
	ListenURL string
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, rawURL string, o Options, opts ...ent.Option) (*DB, error) {
	wrap := o.Wrap
	listenURL := o.ListenURL
	if listenURL == "" {
		listenURL = rawURL
	}
	// A server behind a pooler in transaction mode is given a listen
	// URL (it refuses to start without one): such a pooler does not keep
	// a session's prepared statements, so its connections keep none.
	cache := o.ListenURL == ""
	drv, db, err := openDriver(ctx, rawURL, cache)
	if err != nil {
		return nil, err
	}
	if listenURL, _, err = statementCacheOption(listenURL, false); err != nil {
		_ = drv.Close()
		return nil, err
	}
	types := newLayersByType()
	d := &DB{SQL: db, Dialect: drv.Dialect(), URL: Redact(rawURL), changes: &changes{tables: tableLayers(types)}, statementCache: cache}
	d.counter = &commitCounter{types: types, commits: &d.changes.local, pending: map[any]Layer{}}
	var driver dialect.Driver = drv
	if wrap != nil {
		driver = wrap(driver)
	}
	d.Client = ent.NewClient(append([]ent.Option{ent.Driver(driver)}, opts...)...)
	d.Client.Use(d.counter.hook)
	interceptReads(d.Client)
	d.Primary, d.primaryDriver = d.Client, driver
	if err := d.changes.watch(ctx, d.Dialect, listenURL, db); err != nil {
		_ = d.Client.Close()
		return nil, err
	}
	return d, nil
}

// openDriver opens the ent SQL driver for rawURL and checks the database
// answers. A PostgreSQL connection keeps its prepared statements when
// cache says so and the URL does not say statement_cache=off (or when it
// says statement_cache=on).
func openDriver(ctx context.Context, rawURL string, cache bool) (dialect.Driver, *sql.DB, error) {
	var (
		db      *sql.DB
		dialect string
		err     error
	)
	switch {
	case strings.HasPrefix(rawURL, "sqlite://"):
		db, err = openSQLite(strings.TrimPrefix(rawURL, "sqlite://"))
		dialect = dialectSQLite
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		db, err = openPostgres(withBinaryParameters(rawURL), cache)
		dialect = dialectPostgres
	default:
		return nil, nil, fmt.Errorf("database URL %q: want sqlite://PATH or postgres://…", Redact(rawURL))
	}
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", Redact(rawURL), err)
	}
	// database/sql keeps two idle connections by default: concurrent
	// requests would open and close connections all the time, a
	// PostgreSQL process each.
	db.SetMaxOpenConns(poolSize())
	db.SetMaxIdleConns(poolSize())
	db.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		_ = db.Close()
		return nil, nil, fmt.Errorf("connect to %s: %w", Redact(rawURL), err)
	}
	drv := entsql.OpenDB(dialect, db)
	if dialect == dialectPostgres {
		return countedDriver{textArgs{drv}}, db, nil
	}
	return countedDriver{drv}, db, nil
}

// openPostgres opens lib/pq on rawURL, with prepared statements kept
// per connection (cachingConnector) when cache says so, or the URL's
// statement_cache option.
func openPostgres(rawURL string, cache bool) (*sql.DB, error) {
	dsn, cache, err := statementCacheOption(rawURL, cache)
	if err != nil {
		return nil, err
	}
	c, err := pq.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	c.Dialer(databaseDialer)
	if !cache {
		return sql.OpenDB(c), nil
	}
	return sql.OpenDB(cachingConnector{c}), nil
}

// statementCacheOption takes the statement_cache option (on or off)
// out of a PostgreSQL URL, which lib/pq would otherwise send to the
// server as a setting, and returns it, or byDefault without one.
func statementCacheOption(rawURL string, byDefault bool) (string, bool, error) {
	if !strings.Contains(rawURL, "statement_cache=") {
		return rawURL, byDefault, nil
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", false, fmt.Errorf("database URL: %w", err)
	}
	q := u.Query()
	v := q.Get("statement_cache")
	q.Del("statement_cache")
	u.RawQuery = q.Encode()
	switch v {
	case "on":
		return u.String(), true, nil
	case "off":
		return u.String(), false, nil
	}
	return "", false, fmt.Errorf("database URL: statement_cache=%q: want on or off", v)
}

// withBinaryParameters turns on lib/pq's binary_parameters unless the URL
// says otherwise: a statement with arguments then goes in one round trip
// (parse, bind and execute sent together) instead of two (parse and
// describe, wait, then bind and execute). []byte arguments, which the
// option sends in binary, go as text (textArgs).
func withBinaryParameters(rawURL string) string {
	if strings.Contains(rawURL, "binary_parameters=") {
		return rawURL
	}
	if strings.Contains(rawURL, "?") {
		return rawURL + "&binary_parameters=yes"
	}
	return rawURL + "?binary_parameters=yes"
}

// poolSize is the number of connections a process keeps: enough for the
// requests its cores can serve at once while others wait on the network.
func poolSize() int { return max(8, 4*runtime.GOMAXPROCS(0)) }

const (
	dialectSQLite   = dialect.SQLite
	dialectPostgres = dialect.Postgres
)

// openSQLite opens a SQLite file in WAL mode, so readers keep reading
// while an import writes, with foreign keys enforced.
func openSQLite(path string) (*sql.DB, error) {
	if path == "" {
		return nil, fmt.Errorf("sqlite URL has no path: want sqlite://PATH")
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_time_format", "sqlite")
	return sql.Open("sqlite", "file:"+path+"?"+q.Encode())
}

// Migrate creates or upgrades the schema; running it again changes
// nothing.
func (d *DB) Migrate(ctx context.Context) error {
	if err := d.Client.Schema.Create(ctx); err != nil {
		return fmt.Errorf("migrate %s: %w", d.URL, err)
	}
	if err := d.moveConventionPartySites(ctx); err != nil {
		return fmt.Errorf("migrate %s: %w", d.URL, err)
	}
	// A territory's feed reads the links of audit events by territory:
	// ent indexes a join table by its key (event, territory) only.
	if _, err := d.SQL.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS `+FeedIndex+
		` ON audit_event_territories (territory_id, audit_event_id)`); err != nil {
		return fmt.Errorf("migrate %s: audit events by territory: %w", d.URL, err)
	}
	for _, name := range supersededIndexes {
		if _, err := d.SQL.ExecContext(ctx, "DROP INDEX IF EXISTS "+name); err != nil {
			return fmt.Errorf("migrate %s: dropping index %s: %w", d.URL, name, err)
		}
	}
	if d.Dialect == dialectPostgres {
		if err := installNotifyTriggers(ctx, d.SQL); err != nil {
			return fmt.Errorf("migrate %s: %w", d.URL, err)
		}
	}
	return nil
}

// FeedIndex is the index of audit events' territories by territory.
const FeedIndex = "audit_event_territories_by_territory"

// supersededIndexes are indexes of earlier schemas that a wider one
// replaced (ent's migration adds indexes, never drops them):
// establishments by département and by région, now with the ID after
// the code.
var supersededIndexes = []string{"establishment_department_code", "establishment_region_code"}

// moveConventionPartySites carries over the sites convention parties
// named when a site could be named by one party only (a column of
// establishments, which migrations leave in place) to the join table.
// Once moved, the column is emptied, so that it runs once.
func (d *DB) moveConventionPartySites(ctx context.Context) error {
	exists := `SELECT count(*) FROM pragma_table_info('establishments') WHERE name = 'convention_party_sites'`
	if d.Dialect == dialectPostgres {
		exists = `SELECT count(*) FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = 'establishments' AND column_name = 'convention_party_sites'`
	}
	var n int
	if err := d.SQL.QueryRowContext(ctx, exists).Scan(&n); err != nil || n == 0 {
		return err
	}
	tx, err := d.SQL.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	for _, stmt := range []string{
		`INSERT INTO convention_party_sites (convention_party_id, establishment_id)
			SELECT convention_party_sites, id FROM establishments WHERE convention_party_sites IS NOT NULL`,
		`UPDATE establishments SET convention_party_sites = NULL WHERE convention_party_sites IS NOT NULL`,
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("convention parties' sites: %w", err)
		}
	}
	return tx.Commit()
}

// Ping checks the database answers.
func (d *DB) Ping(ctx context.Context) error { return d.SQL.PingContext(ctx) }

// Ready checks the database answers and, on PostgreSQL, takes writes: a
// standby (before its promotion, say) is not ready.
func (d *DB) Ready(ctx context.Context) error {
	if d.Dialect != dialectPostgres {
		return d.Ping(ctx)
	}
	var standby bool
	if err := d.SQL.QueryRowContext(ctx, "SELECT pg_is_in_recovery()").Scan(&standby); err != nil {
		return err
	}
	if standby {
		return errors.New("the database is a standby: read-only")
	}
	return nil
}

// Close stops following changes and closes the client and its
// connections.
func (d *DB) Close() error {
	d.changes.close()
	return d.Client.Close() // with a replica, closes both drivers

}

// Redact removes any password from a database URL.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.User == nil {
		return rawURL
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// interceptReads gives a client the rules of every read: dated records
// keep their validity columns, edges to one record are read in their
// parent's statement, and the groupings a request loads are noted for
// Grouping.membersKnown (memberknown).
func interceptReads(c *ent.Client) {
	c.Intercept(memberknown.NoteLoaded(), ent.KeepValidity(), ent.JoinOneRecordEdges())
}
