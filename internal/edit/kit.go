package edit

import (
	"context"
	"fmt"
	"reflect"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/auditevent"
	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/internal/rights"
)

// editable is how to edit one type of record T, created from input C and
// updated from input U; records.go declares one per type.
type editable[T, C, U any] struct {
	typ string // entity type as audited, e.g. "Membership"
	db  store[T, C, U]
	// check validates a created or updated record (before is nil for a
	// creation) inside the transaction: rules that span records.
	check checkFunc[T]
	// parts are closed with the record when still open then.
	parts []part
}

type checkFunc[T any] func(ctx context.Context, c *ent.Client, before, after T) error

// part is a type of record belonging to another through column fk.
type part struct {
	of interface {
		closeOpen(ctx context.Context, c *ent.Client, j *journal, fk string, parent int, at time.Time, sourceID int) error
	}
	fk string
}

// Create records a new T.
func (e *editable[T, C, U]) Create(ctx context.Context, c *ent.Client, in C) (T, error) {
	return transact(ctx, c, func(c *ent.Client, j *journal) (T, error) {
		return e.change(ctx, c, j, auditevent.OperationCREATE, 0, 0,
			func(r *refs) *refs { return r.input(in) },
			func() (T, error) { return e.db.create(ctx, c, in) }, e.check)
	})
}

// Update changes the T with this ID, read at version expected.
func (e *editable[T, C, U]) Update(ctx context.Context, c *ent.Client, id, expected int, in U) (T, error) {
	if err := requireSource("sourceID", reflect.ValueOf(in).FieldByName("SourceID").Interface().(*int)); err != nil {
		var zero T
		return zero, err
	}
	return transact(ctx, c, func(c *ent.Client, j *journal) (T, error) {
		return e.change(ctx, c, j, auditevent.OperationUPDATE, id, expected,
			func(r *refs) *refs { return r.input(in) },
			func() (T, error) { return e.db.update(ctx, c, id, expected, in) }, e.check)
	})
}

// Close ends the T with this ID, read at version expected, on day at
// (exclusive), and its parts still open then.
func (e *editable[T, C, U]) Close(ctx context.Context, c *ent.Client, id, expected int, at time.Time, sourceID int) (T, error) {
	return transact(ctx, c, func(c *ent.Client, j *journal) (T, error) {
		return e.close(ctx, c, j, id, expected, at, sourceID)
	})
}

func (e *editable[T, C, U]) close(ctx context.Context, c *ent.Client, j *journal, id, expected int, at time.Time, sourceID int) (T, error) {
	after, err := e.change(ctx, c, j, auditevent.OperationCLOSE, id, expected,
		func(r *refs) *refs { return r.one("sourceID", sources, &sourceID) },
		func() (T, error) { return e.db.close(ctx, c, id, expected, at, sourceID) },
		func(_ context.Context, _ *ent.Client, before, _ T) error {
			if _, _, end := meta(before); end != nil {
				return apperr.BadInput("validTo", fmt.Errorf("%s %d was already closed on %s; update it to change its end", e.typ, id, end.Format(time.DateOnly))).
					Because(apperr.ReasonAlreadyClosed, map[string]any{"validTo": end.Format(time.DateOnly)})
			}
			return nil
		})
	for _, p := range e.parts {
		if err == nil {
			err = p.of.closeOpen(ctx, c, j, p.fk, id, at, sourceID)
		}
	}
	return after, err
}

// closeOpen closes on day at the records whose column fk is parent and
// that are still open then with no end date.
func (e *editable[T, C, U]) closeOpen(ctx context.Context, c *ent.Client, j *journal, fk string, parent int, at time.Time, sourceID int) error {
	open, err := e.db.open(ctx, c, fk, parent, at)
	if err != nil {
		return err
	}
	for _, r := range open {
		id, version, end := meta(r)
		if end != nil {
			continue // ends later: left for an editor to decide
		}
		if _, err := e.close(ctx, c, j, id, version, at, sourceID); err != nil {
			return err
		}
	}
	return nil
}

// change makes one audited change, in the transaction c, to the record
// with this ID read at version expected (none for a creation): the IDs
// the input names are checked, write makes the change and check
// validates it.
func (e *editable[T, C, U]) change(ctx context.Context, c *ent.Client, j *journal, op auditevent.Operation, id, expected int,
	refs func(*refs) *refs, write func() (T, error), check checkFunc[T]) (T, error) {
	var zero, before T
	load := op != auditevent.OperationCREATE
	if load {
		var err error
		before, err = e.db.get(ctx, c, id)
		if ent.IsNotFound(err) {
			return zero, apperr.NotFound(e.typ, fmt.Sprintf("ID %d", id))
		}
		if err != nil {
			return zero, err
		}
		if _, v, _ := meta(before); v != expected {
			return zero, stale(e.typ, id, fmt.Sprintf("is at version %d, not %d", v, expected))
		}
	}
	if err := refs(newRefs(ctx, c)).err; err != nil {
		return zero, err
	}
	var earlier []rights.Place // where the record lay before: its event's territories too
	if load {
		var err error
		if earlier, err = rights.RecordPlaces(ctx, c, e.typ, id); err != nil {
			return zero, fmt.Errorf("locating %s %d for its audit event: %w", e.typ, id, err)
		}
	}
	after, err := write()
	if ent.IsNotFound(err) && load {
		// Changed by someone else between our read and our write.
		return zero, stale(e.typ, id, fmt.Sprintf("is no longer at version %d", expected))
	}
	if err != nil {
		return zero, err
	}
	if check != nil {
		if err := check(ctx, c, before, after); err != nil {
			return zero, err
		}
	}
	id, _, _ = meta(after)
	if err := j.record(ctx, c, op, e.typ, id, before, after, earlier); err != nil {
		return zero, err
	}
	return after, nil
}

// Columns every editable type has, from the mixins of ent/schema.
const (
	colID        = "id"
	colVersion   = "version"
	colValidFrom = "valid_from"
	colValidTo   = "valid_to"
)

// store is ent's generated client of T, as editable uses it.
type store[T, C, U any] interface {
	get(ctx context.Context, c *ent.Client, id int) (T, error)
	create(ctx context.Context, c *ent.Client, in C) (T, error)
	// update and close write only at this version.
	update(ctx context.Context, c *ent.Client, id, version int, in U) (T, error)
	close(ctx context.Context, c *ent.Client, id, version int, at time.Time, sourceID int) (T, error)
	// open lists the records whose column fk is parent and whose
	// period meets day at.
	open(ctx context.Context, c *ent.Client, fk string, parent int, at time.Time) ([]T, error)
}

// The methods every generated client (X) and its builders (CB, UB, QB)
// have, over record T, inputs C and U and predicate P.
type (
	client[T, CB, UB, QB any] interface {
		Get(context.Context, int) (T, error)
		Create() CB
		UpdateOneID(int) UB
		Query() QB
	}
	creator[T, C, CB any] interface {
		SetInput(C) CB
		Save(context.Context) (T, error)
	}
	updater[T, U, P, UB any] interface {
		Where(...P) UB
		SetInput(U) UB
		SetValidTo(time.Time) UB
		SetSourceID(int) UB
		Save(context.Context) (T, error)
	}
	querier[T, P, QB any] interface {
		Where(...P) QB
		All(context.Context) ([]T, error)
	}
)

// meta gives a record's ID, version and end: fields every editable type
// has (the mixins of ent/schema), as declare makes sure.
func meta(r any) (id, version int, validTo *time.Time) {
	v := reflect.ValueOf(r).Elem()
	return int(v.FieldByName("ID").Int()), int(v.FieldByName("Version").Int()), v.FieldByName("ValidTo").Interface().(*time.Time)
}

// table is a store over the generated client that of gives.
type table[T, C, U any, P ~func(*sql.Selector), X client[T, CB, UB, QB], CB creator[T, C, CB], UB updater[T, U, P, UB], QB querier[T, P, QB]] struct {
	of func(*ent.Client) X
}

// declare is the editable type whose generated client of gives (all
// its types inferred from that client's), checked by check and closing
// parts with it. It panics at start-up on a type editable cannot serve:
// a record without ID, version or end, an update citing no source, an
// input naming records of a type no reference checks.
func declare[T, C, U any, P ~func(*sql.Selector), X client[T, CB, UB, QB], CB creator[T, C, CB], UB updater[T, U, P, UB], QB querier[T, P, QB]](
	of func(*ent.Client) X, check checkFunc[T], parts ...part) *editable[T, C, U] {
	t, u := reflect.TypeFor[T](), reflect.TypeFor[U]()
	need := func(in reflect.Type, field string, as reflect.Type) {
		if f, ok := in.FieldByName(field); !ok || f.Type != as {
			panic(fmt.Sprintf("edit: %s has no field %s %s", in.Name(), field, as))
		}
	}
	need(t.Elem(), "ID", reflect.TypeFor[int]())
	need(t.Elem(), "Version", reflect.TypeFor[int]())
	need(t.Elem(), "ValidTo", reflect.TypeFor[*time.Time]())
	need(u, "SourceID", reflect.TypeFor[*int]())
	mustReference(reflect.TypeFor[C]())
	mustReference(u)
	return &editable[T, C, U]{typ: t.Elem().Name(), db: table[T, C, U, P, X, CB, UB, QB]{of}, check: check, parts: parts}
}

func (t table[T, C, U, P, X, CB, UB, QB]) get(ctx context.Context, c *ent.Client, id int) (T, error) {
	return t.of(c).Get(ctx, id)
}

func (t table[T, C, U, P, X, CB, UB, QB]) create(ctx context.Context, c *ent.Client, in C) (T, error) {
	return t.of(c).Create().SetInput(in).Save(ctx)
}

func (t table[T, C, U, P, X, CB, UB, QB]) update(ctx context.Context, c *ent.Client, id, version int, in U) (T, error) {
	return t.of(c).UpdateOneID(id).Where(P(sql.FieldEQ(colVersion, version))).SetInput(in).Save(ctx)
}

func (t table[T, C, U, P, X, CB, UB, QB]) close(ctx context.Context, c *ent.Client, id, version int, at time.Time, sourceID int) (T, error) {
	return t.of(c).UpdateOneID(id).Where(P(sql.FieldEQ(colVersion, version))).SetValidTo(at).SetSourceID(sourceID).Save(ctx)
}

func (t table[T, C, U, P, X, CB, UB, QB]) open(ctx context.Context, c *ent.Client, fk string, parent int, at time.Time) ([]T, error) {
	return t.of(c).Query().Where(P(sql.FieldEQ(fk, parent)),
		P(sql.OrPredicates(sql.FieldIsNull(colValidTo), sql.FieldGT(colValidTo, at))),
		P(sql.OrPredicates(sql.FieldIsNull(colValidFrom), sql.FieldLT(colValidFrom, at)))).All(ctx)
}
