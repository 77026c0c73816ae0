// Package edit applies a caller's change to the cooperation records:
// checked, in one transaction, with its audit event. Who may make which
// change is not decided here but by the privacy policy every schema
// carries (internal/rights), which refuses the write itself.
//
// Updates and closes name the version they read; a stale one is refused
// with a CONFLICT error and nothing is written. Closing sets an end date:
// nothing is ever deleted.
package edit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/auditevent"
	"github.com/maillage/maillage/ent/predicate"
	"github.com/maillage/maillage/ent/territory"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/internal/rights"
)

// now is the clock audit events and sources are stamped with.
var now = func() time.Time { return time.Now().UTC() }

// transact runs fn in a transaction, with a journal for its audit
// events.
func transact[T any](ctx context.Context, c *ent.Client, fn func(c *ent.Client, j *journal) (T, error)) (T, error) {
	var zero T
	tx, err := c.Tx(ctx)
	if err != nil {
		return zero, err
	}
	after, err := fn(tx.Client(), newJournal(ctx))
	if err != nil {
		err = coded(err)
		if rerr := tx.Rollback(); rerr != nil {
			err = fmt.Errorf("%w (rollback: %v)", err, rerr)
		}
		return zero, err
	}
	if err := tx.Commit(); err != nil {
		return zero, err
	}
	if u, ok := any(after).(interface{ Unwrap() T }); ok {
		after = u.Unwrap() // read its edges after the transaction
	}
	return after, nil
}

// stale refuses a change to a record someone changed since the caller
// read it; state says how its version differs.
func stale(typ string, id int, state string) error {
	return apperr.Conflict("expectedVersion", fmt.Sprintf("%s %d %s: someone changed it since you read it; read it again", typ, id, state)).
		Because(apperr.ReasonStaleVersion, map[string]any{"type": typ, "id": strconv.Itoa(id)})
}

// journal writes audit events in the change's transaction.
type journal struct {
	who access.Principal
	at  time.Time
}

func newJournal(ctx context.Context) *journal {
	return &journal{who: access.FromContext(ctx), at: now()}
}

// record writes the event of a change to the record typ id, linked to
// the territories where the record lies now and where it lay before the
// change (earlier, as place read before it; nil for a creation).
func (j *journal) record(ctx context.Context, c *ent.Client, kind auditevent.Operation, typ string, id int, before, after any, earlier []rights.Place) error {
	places, err := rights.RecordPlaces(ctx, c, typ, id)
	if err != nil {
		return fmt.Errorf("locating %s %d for its audit event: %w", typ, id, err)
	}
	terrs, err := territoriesOf(ctx, c, append(places, earlier...))
	if err != nil {
		return err
	}
	b := c.AuditEvent.Create().
		AddTerritoryIDs(terrs...).
		SetActor(j.who.Name).
		SetAt(j.at).
		SetOperation(kind).
		SetEntityType(typ).
		SetEntityID(id)
	if j.who.TokenID != 0 {
		b.SetTokenID(j.who.TokenID)
	}
	if m, err := asMap(before); err != nil {
		return err
	} else if m != nil {
		b.SetBefore(m)
	}
	if m, err := asMap(after); err != nil {
		return err
	} else if m != nil {
		b.SetAfter(m)
	}
	return b.Exec(ctx)
}

// territoriesOf gives the IDs of the régions and départements of
// places: both of each place, as far as the register holds them.
func territoriesOf(ctx context.Context, c *ent.Client, places []rights.Place) ([]int, error) {
	var regions, depts []string
	for _, p := range places {
		if p.Region != "" {
			regions = append(regions, p.Region)
		}
		if p.Department != "" {
			depts = append(depts, p.Department)
		}
	}
	var of []predicate.Territory
	for kind, codes := range map[territory.Kind][]string{territory.KindREGION: regions, territory.KindDEPARTMENT: depts} {
		if len(codes) > 0 {
			slices.Sort(codes)
			of = append(of, territory.And(territory.KindEQ(kind), territory.CodeIn(slices.Compact(codes)...)))
		}
	}
	if len(of) == 0 {
		return nil, nil
	}
	return c.Territory.Query().Where(territory.Or(of...)).Order(ent.Asc(territory.FieldID)).IDs(ctx)
}

// asMap is a record's fields as JSON values, nil for no record.
func asMap(v any) (map[string]any, error) {
	if v == nil {
		return nil, nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	if string(data) == "null" {
		return nil, nil
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	delete(m, "edges")
	return m, nil
}

// coded gives an error the API code the one classification finds
// (ent.Classify), so that a refused edit names its input.
func coded(err error) error {
	if _, ok := apperr.As(err); ok {
		return err
	}
	if code, field, ok := ent.Classify(err); ok {
		e := &apperr.Error{Code: code, Field: field, Msg: err.Error(), Err: err}
		var x apperr.Explainer
		if errors.As(err, &x) {
			e.Reason, e.Details = x.Reason()
		}
		return e
	}
	return err
}

// requireSource refuses an edit that cites no source.
func requireSource(field string, id *int) error {
	if id == nil {
		return apperr.BadInput(field, errors.New("an edit cites its source: record one with createSource and give its ID")).
			Because(apperr.ReasonSourceRequired, nil)
	}
	return nil
}
