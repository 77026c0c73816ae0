package ent

// Hand-written: ent eager-loads every edge with a statement of its own;
// an edge to one record, through a foreign key of the querying table,
// can be read in the querying statement itself.

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"

	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqlgraph"

	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/membership"
)

// JoinOneRecordEdges returns the interceptor that makes a query loading
// records, and eager-loading an edge to one record through a foreign key
// of its own (a site's legal entity, a membership's grouping or legal
// entity), read that edge in the same statement by a LEFT JOIN instead
// of a second statement: a page of 100 sites with their legal entities
// is one statement, not two. The edge's query goes through its privacy
// policy and interceptors as before (they may choose its columns), and
// its own edges are loaded after the statement as ent loads them
// (loadEdges, generated from ent/template); it is joined only when it has
// no conditions, order or bounds of its own, and is otherwise loaded as
// ent loads it.
//
// A grouping looked up alone (Only) with its memberships is read the
// other way round, in its memberships' statement, joined to each of them
// (groupingFromMemberships): one statement where ent sends two in turn.
//
// It runs the statement itself, with the joined columns scanned into
// their types, so it must be the innermost interceptor: registered last,
// it joins; anywhere else, it leaves the query to ent.
func JoinOneRecordEdges() ent.Interceptor { return joinOneRecordEdges{} }

type joinOneRecordEdges struct{}

func (joinOneRecordEdges) Intercept(next ent.Querier) ent.Querier {
	return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
		if ctx.Value(dryRunKey{}) != nil {
			return next.Query(ctx, q)
		}
		switch q := q.(type) {
		case *GroupingQuery:
			if !innermost(q.inters) {
				break
			}
			groupings, ok, err := groupingFromMemberships(ctx, q)
			if err != nil || ok {
				return groupings, err
			}
		case *EstablishmentQuery:
			if !innermost(q.inters) || !joinableParent(ctx, q.ctx, q.modifiers, q.sql, q.path) {
				break
			}
			var entities joinedRecords[LegalEntity]
			joins, err := prepareJoins(
				joinEdge(ctx, legalEntityTable, &q.withLegalEntity, establishment.FieldLegalEntityID, &entities))
			if err != nil {
				return nil, err
			}
			if len(joins) == 0 {
				break
			}
			nodes, err := readJoined(ctx, joins, q.sqlAll)
			if err != nil {
				return nil, err
			}
			for i, n := range nodes {
				entities.set(i, &n.Edges.LegalEntity, n.Edges.loadedTypes[:], siteLegalEntity())
			}
			return nodes, nil
		case *MembershipQuery:
			if !innermost(q.inters) || !joinableParent(ctx, q.ctx, q.modifiers, q.sql, q.path) {
				break
			}
			var (
				entities  joinedRecords[LegalEntity]
				groupings joinedRecords[Grouping]
				le        = q.withLegalEntity
			)
			joins, err := prepareJoins(
				joinEdge(ctx, legalEntityTable, &q.withLegalEntity, membership.FieldLegalEntityID, &entities),
				joinEdge(ctx, groupingTable, &q.withGrouping, membership.FieldGroupingID, &groupings),
				joinMembersMemberships(ctx, q.ctx, le, &entities))
			if err != nil {
				return nil, err
			}
			if len(joins) == 0 {
				break
			}
			nodes, err := readJoined(ctx, joins, q.sqlAll)
			if err != nil {
				return nil, err
			}
			for i, n := range nodes {
				entities.set(i, &n.Edges.LegalEntity, n.Edges.loadedTypes[:], membershipLegalEntity())
				groupings.set(i, &n.Edges.Grouping, n.Edges.loadedTypes[:], membershipGrouping())
			}
			return nodes, nil
		}
		return next.Query(ctx, q)
	})
}

// readJoined runs a query's statement with its joins, then loads the
// joined records' own edges; the query is left as it came, should it
// run again.
func readJoined[T any](ctx context.Context, joins []*pendingJoin, sqlAll func(context.Context, ...queryHook) ([]*T, error)) ([]*T, error) {
	defer undo(joins)
	nodes, err := sqlAll(ctx, joinHook(joins))
	if err != nil {
		return nil, err
	}
	if err := loadJoinedEdges(ctx, joins); err != nil {
		return nil, err
	}
	return nodes, nil
}

// joinedRecords are the records a join read, one per row (nil where the
// row's foreign key was null); none when the edge was not joined.
type joinedRecords[C any] struct {
	joined bool
	rows   []*C
}

// set gives the i-th record its edge. When the join found none (a null
// foreign key), the edge is marked loaded, as ent's eager loading marks
// it: its resolver then answers that there is none without asking the
// database again.
func (r *joinedRecords[C]) set(i int, edge **C, loaded []bool, place int) {
	switch {
	case !r.joined:
	case i < len(r.rows) && r.rows[i] != nil:
		*edge = r.rows[i]
	case place >= 0:
		loaded[place] = true
	}
}

// innermost reports whether the join interceptor is the last of a
// query's interceptors: the one whose next step runs the statement.
func innermost(inters []Interceptor) bool {
	if len(inters) == 0 {
		return false
	}
	_, ok := inters[len(inters)-1].(joinOneRecordEdges)
	return ok
}

// The place of each joined edge in its record's loadedTypes, which ent
// orders as the schema's edges: found by asking ent's own accessor which
// place makes the edge read as loaded.
var (
	siteLegalEntity = sync.OnceValue(func() int {
		return loadedPlace(len(EstablishmentEdges{}.loadedTypes), func(i int) error {
			var e EstablishmentEdges
			e.loadedTypes[i] = true
			_, err := e.LegalEntityOrErr()
			return err
		})
	})
	membershipLegalEntity = sync.OnceValue(func() int {
		return loadedPlace(len(MembershipEdges{}.loadedTypes), func(i int) error {
			var e MembershipEdges
			e.loadedTypes[i] = true
			_, err := e.LegalEntityOrErr()
			return err
		})
	})
	membershipGrouping = sync.OnceValue(func() int {
		return loadedPlace(len(MembershipEdges{}.loadedTypes), func(i int) error {
			var e MembershipEdges
			e.loadedTypes[i] = true
			_, err := e.GroupingOrErr()
			return err
		})
	})
)

// loadedPlace is the place, among n, whose flag alone makes an empty
// edge read as loaded (not found rather than not loaded); -1 if none.
func loadedPlace(n int, read func(place int) error) int {
	for i := range n {
		if IsNotFound(read(i)) {
			return i
		}
	}
	return -1
}

// joinableParent reports whether a query may take joins: it loads records
// (as entgql's queries and eager loads do), and no modifier or
// traversal path shapes its statement (a nested page's window, say).
func joinableParent(ctx context.Context, qc *QueryContext, modifiers []func(*sql.Selector), selector *sql.Selector, path func(context.Context) (*sql.Selector, error)) bool {
	if len(modifiers) > 0 || selector != nil || path != nil {
		return false
	}
	op := qc.Op
	if c := ent.QueryFromContext(ctx); c != nil {
		op = c.Op // an eager load runs inside its parent's All
	}
	switch op {
	case ent.OpQueryAll, ent.OpQueryFirst, ent.OpQueryOnly:
		return true
	}
	return false
}

// pendingJoin is an edge to be read in its parent's statement.
type pendingJoin struct {
	// columns are the joined table's columns, read after the parent's own
	// under their own names (the statement's own are first: positions,
	// not names, tell them apart).
	columns []string
	// modify adds the join and the edge's columns to the statement.
	modify func(*sql.Selector)
	// scan returns where a row's joined columns are scanned.
	scan func() ([]any, error)
	// row builds the edge's record from a row's scanned columns.
	row func([]any) error
	// fansOut: the join reads several rows for a record of the statement
	// (a list), so that the statement reads a record again on the rows
	// after its first: only fanning-out joins read those rows.
	fansOut bool
	// loadEdges loads the edges of the records built, once each.
	loadEdges func(context.Context) error
	// undo gives the query back its eager load, should it run again.
	undo func()
}

// joinCandidate decides whether an edge can be joined, and prepares it.
type joinCandidate func() (*pendingJoin, error)

// prepareJoins keeps the edges that can be joined, prepared; on an
// error, the edges prepared before it are given back their eager loads.
func prepareJoins(candidates ...joinCandidate) ([]*pendingJoin, error) {
	var joins []*pendingJoin
	for _, c := range candidates {
		j, err := c()
		if err != nil {
			undo(joins)
			return nil, err
		}
		if j != nil {
			joins = append(joins, j)
		}
	}
	return joins, nil
}

// loadJoinedEdges loads the joined records' own edges, once the
// statement has read them all.
func loadJoinedEdges(ctx context.Context, joins []*pendingJoin) error {
	for _, j := range joins {
		if err := j.loadEdges(ctx); err != nil {
			return err
		}
	}
	return nil
}

func undo(joins []*pendingJoin) {
	for _, j := range joins {
		j.undo()
	}
}

// joinHook makes the parent's statement read the joined columns after its
// own, and hands them to each join as rows are scanned.
func joinHook(joins []*pendingJoin) queryHook {
	extra := 0
	for _, j := range joins {
		extra += len(j.columns)
	}
	return func(_ context.Context, spec *sqlgraph.QuerySpec) {
		for _, j := range joins {
			spec.Modifiers = append(spec.Modifiers, j.modify)
		}
		scan, assign := spec.ScanValues, spec.Assign
		var holders reusedHolders
		spec.ScanValues = func(columns []string) ([]any, error) {
			if values := holders.again(); values != nil {
				return values, nil
			}
			own := len(columns) - extra
			if own < 0 {
				return nil, fmt.Errorf("ent: %d columns read, fewer than the %d joined", len(columns), extra)
			}
			values, err := scan(columns[:own])
			if err != nil {
				return nil, err
			}
			at := own
			for _, j := range joins {
				if !slices.Equal(columns[at:at+len(j.columns)], j.columns) {
					return nil, fmt.Errorf("ent: joined columns %v read as %v", j.columns, columns[at:at+len(j.columns)])
				}
				v, err := j.scan()
				if err != nil {
					return nil, err
				}
				values = append(values, v...)
				at += len(j.columns)
			}
			holders.keep(values)
			return values, nil
		}
		var seen map[int64]bool // the records read, when a join fans out
		if slices.ContainsFunc(joins, func(j *pendingJoin) bool { return j.fansOut }) {
			seen = map[int64]bool{}
		}
		spec.Assign = func(columns []string, values []any) error {
			own := len(columns) - extra
			again := false
			if seen != nil {
				key, err := recordKey(columns[:own], values)
				if err != nil {
					return err
				}
				again = seen[key]
				seen[key] = true
			}
			if !again {
				if err := assign(columns[:own], values[:own]); err != nil {
					return err
				}
			}
			at := own
			for _, j := range joins {
				if !again || j.fansOut {
					if err := j.row(values[at : at+len(j.columns)]); err != nil {
						return err
					}
				}
				at += len(j.columns)
			}
			return nil
		}
	}
}

// recordKey is the key of a row's record, read before the record is
// built: a statement whose rows fan out reads each record once.
func recordKey(columns []string, values []any) (int64, error) {
	at := slices.Index(columns, "id")
	if at < 0 {
		return 0, fmt.Errorf("ent: a join fanning out needs the records' key, not read among %v", columns)
	}
	key, ok := values[at].(*sql.NullInt64)
	if !ok || !key.Valid {
		return 0, fmt.Errorf("ent: key scanned as %T, not an integer", values[at])
	}
	return key.Int64, nil
}

// reusedHolders hands a statement's rows the holders its first row was
// scanned into, rather than new ones for each row (a page of 100 sites
// and their legal entities allocated some 2,500): a record's assignValues
// copies each value out of its holder before the next row is scanned. A
// holder of a type not known to be copied out (sql.UnknownType, which
// sqlgraph replaces and assignValues keeps) is new for each row.
type reusedHolders struct {
	values []any
	fresh  []freshHolder // the places whose holder is new for each row
}

type freshHolder struct {
	at   int
	kind reflect.Type // the holder's type, a pointer
}

func (h *reusedHolders) keep(values []any) {
	h.values = values
	for i, v := range values {
		switch v.(type) {
		case *sql.NullString, *sql.NullInt64, *sql.NullFloat64, *sql.NullTime, *sql.NullBool:
		default:
			h.fresh = append(h.fresh, freshHolder{at: i, kind: reflect.TypeOf(v)})
		}
	}
}

// again returns the first row's holders for the next row; nil before the
// first row.
func (h *reusedHolders) again() []any {
	if h.values == nil {
		return nil
	}
	for _, f := range h.fresh {
		h.values[f.at] = reflect.New(f.kind.Elem()).Interface()
	}
	return h.values
}

// joinedType is what a join needs to know of the record type it reads,
// C, and of its query type, Q.
type joinedType[C, Q any] struct {
	table, id  string   // the table and its key
	allColumns []string // read when the query names none
	// plain reports whether the query reads its records plainly
	// (plainQuery), conditions reports whether it has any.
	plain      func(*Q) bool
	conditions func(*Q) bool
	dryRun     func(context.Context, *Q) ([]string, error)
	scan       func(columns []string) ([]any, error)
	build      func(q *Q, columns []string, values []any) (*C, int, error)
	loadEdges  func(context.Context, *Q, []*C) error
}

var legalEntityTable = joinedType[LegalEntity, LegalEntityQuery]{
	table: legalentity.Table, id: legalentity.FieldID, allColumns: legalentity.Columns,
	plain: func(q *LegalEntityQuery) bool {
		return plainQuery(q.ctx, len(q.predicates) > 0 || len(q.order) > 0 || len(q.modifiers) > 0 || q.sql != nil || q.path != nil)
	},
	conditions: func(q *LegalEntityQuery) bool { return len(q.predicates) > 0 },
	dryRun: func(ctx context.Context, q *LegalEntityQuery) ([]string, error) {
		return dryRun[[]*LegalEntity](ctx, q, q.ctx, q.inters, q.prepareQuery)
	},
	scan: func(c []string) ([]any, error) { return (*LegalEntity)(nil).scanValues(c) },
	build: func(q *LegalEntityQuery, c []string, v []any) (*LegalEntity, int, error) {
		n := &LegalEntity{config: q.config}
		err := n.assignValues(c, v)
		return n, n.ID, err
	},
	loadEdges: func(ctx context.Context, q *LegalEntityQuery, records []*LegalEntity) error {
		_, err := q.loadEdges(ctx, records)
		return err
	},
}

var groupingTable = joinedType[Grouping, GroupingQuery]{
	table: grouping.Table, id: grouping.FieldID, allColumns: grouping.Columns,
	plain: func(q *GroupingQuery) bool {
		return plainQuery(q.ctx, len(q.predicates) > 0 || len(q.order) > 0 || len(q.modifiers) > 0 || q.sql != nil || q.path != nil)
	},
	conditions: func(q *GroupingQuery) bool { return len(q.predicates) > 0 },
	dryRun: func(ctx context.Context, q *GroupingQuery) ([]string, error) {
		return dryRun[[]*Grouping](ctx, q, q.ctx, q.inters, q.prepareQuery)
	},
	scan: func(c []string) ([]any, error) { return (*Grouping)(nil).scanValues(c) },
	build: func(q *GroupingQuery, c []string, v []any) (*Grouping, int, error) {
		n := &Grouping{config: q.config}
		err := n.assignValues(c, v)
		return n, n.ID, err
	},
	loadEdges: func(ctx context.Context, q *GroupingQuery, records []*Grouping) error {
		_, err := q.loadEdges(ctx, records)
		return err
	},
}

// joinEdge prepares the join of an edge, through the foreign key fk, to
// records of type t that the query *with asks for (nil: none asked).
func joinEdge[C, Q any](ctx context.Context, t joinedType[C, Q], with **Q, fk string, records *joinedRecords[C]) joinCandidate {
	return func() (*pendingJoin, error) {
		child := *with
		if child == nil || !t.plain(child) {
			return nil, nil
		}
		columns, err := t.dryRun(ctx, child)
		if err != nil || columns == nil || t.conditions(child) {
			return nil, err // an interceptor may have added conditions
		}
		if len(columns) == 0 {
			columns = t.allColumns
		}
		return newJoin(with, child, joinSpec[C]{
			table: t.table, id: t.id, fk: fk, columns: columns, records: records,
			scan: t.scan,
			build: func(c []string, v []any) (*C, int, error) {
				return t.build(child, c, v)
			},
			loadEdges: func(ctx context.Context, r []*C) error {
				return t.loadEdges(ctx, child, r)
			},
		})
	}
}

// joinSpec is what joining one edge needs to know of it.
type joinSpec[C any] struct {
	table   string
	id      string // the joined table's key
	fk      string // the querying table's foreign key to it
	columns []string
	scan    func(columns []string) ([]any, error)
	build   func(columns []string, values []any) (*C, int, error)
	// records receives a row's record, or nil, for each row read.
	records *joinedRecords[C]
	// loadEdges loads the edges the edge's query asks for onto its
	// records, each once.
	loadEdges func(context.Context, []*C) error
}

func newJoin[C, Q any](with **Q, child *Q, spec joinSpec[C]) (*pendingJoin, error) {
	idAt := slices.Index(spec.columns, spec.id)
	if idAt < 0 {
		return nil, nil // a missing record could not be told from a found one
	}
	// The table's alias is the foreign key's: two edges to one table join
	// it twice under two names.
	alias := "j_" + spec.fk
	built := map[int]*C{}
	var distinct []*C // the records built, in the order first read
	spec.records.joined = true
	*with = nil
	return &pendingJoin{
		columns: spec.columns,
		modify: func(s *sql.Selector) {
			t := sql.Table(spec.table).As(alias)
			s.LeftJoin(t).On(s.C(spec.fk), t.C(spec.id))
			for _, c := range spec.columns {
				s.AppendSelect(qualified(s.Dialect(), alias, c))
			}
		},
		scan: func() ([]any, error) { return spec.scan(spec.columns) },
		row: func(values []any) error {
			key, ok := values[idAt].(*sql.NullInt64)
			if !ok {
				return fmt.Errorf("ent: %s.%s scanned as %T, not an integer key", spec.table, spec.id, values[idAt])
			}
			if !key.Valid {
				spec.records.rows = append(spec.records.rows, nil) // no record: a null foreign key
				return nil
			}
			c, id, err := spec.build(spec.columns, values)
			if err != nil {
				return err
			}
			// One record for every row naming it, as ent's eager loading gives.
			if prev, ok := built[id]; ok {
				c = prev
			} else {
				built[id] = c
				distinct = append(distinct, c)
			}
			spec.records.rows = append(spec.records.rows, c)
			return nil
		},
		loadEdges: func(ctx context.Context) error {
			if len(distinct) == 0 {
				return nil
			}
			return spec.loadEdges(ctx, distinct)
		},
		undo: func() { *with = child },
	}, nil
}

// qualified is a joined column's name, qualified by its table's alias
// and quoted for the dialect, written once for all statements (ent's
// builder writes and quotes each column's name anew in each statement).
func qualified(dialect, alias, column string) string {
	key := qualifiedColumn{dialect, alias, column}
	qualifiedColumns.RLock()
	name, ok := qualifiedColumns.names[key]
	qualifiedColumns.RUnlock()
	if ok {
		return name
	}
	name = sql.Dialect(dialect).Table(alias).C(column)
	qualifiedColumns.Lock()
	qualifiedColumns.names[key] = name
	qualifiedColumns.Unlock()
	return name
}

type qualifiedColumn struct{ dialect, alias, column string }

// qualifiedColumns holds a name per joined column of the schema and
// dialect: a few dozen.
var qualifiedColumns = struct {
	sync.RWMutex
	names map[qualifiedColumn]string
}{names: map[qualifiedColumn]string{}}

// dryRun runs an edge's query as its All would, up to the statement: its
// traversers and privacy policy (prepare), then its interceptors, which
// may choose its columns; it returns the columns chosen (empty: all), or
// nil when an interceptor did not let the query reach the database.
func dryRun[V Value, Q Query](ctx context.Context, q Q, qc *QueryContext, inters []Interceptor, prepare func(context.Context) error) ([]string, error) {
	ctx = context.WithValue(setContextOp(ctx, qc, ent.OpQueryAll), dryRunKey{}, true)
	if err := prepare(ctx); err != nil {
		return nil, err
	}
	reached := false
	if _, err := withInterceptors[V](ctx, q, QuerierFunc(func(context.Context, Query) (Value, error) {
		reached = true
		var none V
		return none, nil
	}), inters); err != nil {
		return nil, err
	}
	if !reached {
		return nil, nil
	}
	return append([]string{}, qc.Fields...), nil
}

// dryRunKey marks the context of a dry run: the join interceptor, which
// runs the statements it joins, lets the query through to the end of the
// chain, which runs none.
type dryRunKey struct{}

// plainQuery reports whether an edge's query reads its records plainly,
// so that a join can read them: nothing shapes its statement (shaped:
// conditions, order, modifiers, a traversal), no bounds or distinct. Its
// eager loads and totals are loaded after the statement.
func plainQuery(qc *QueryContext, shaped bool) bool {
	return !shaped && qc.Limit == nil && qc.Offset == nil && (qc.Unique == nil || !*qc.Unique)
}
