package edit

import (
	"context"
	"fmt"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/auditevent"
	"github.com/maillage/maillage/internal/apperr"
)

// kit is how to create, update and close one type of record T, from
// create input C and update input U.
type kit[T comparable, C, U any] struct {
	typ      string
	get      func(ctx context.Context, c *ent.Client, id int) (T, error)
	meta     func(T) (id, version int)
	validTo  func(T) *time.Time
	sourceOf func(U) *int
	create   func(ctx context.Context, c *ent.Client, in C) (T, error)
	update   func(ctx context.Context, c *ent.Client, id, version int, in U) (T, error)
	close    func(ctx context.Context, c *ent.Client, id, version int, at time.Time, sourceID int) (T, error)
	// check validates a created or updated record (nil before a
	// creation) inside the transaction.
	check func(ctx context.Context, c *ent.Client, before, after T) error
	// cascade closes the record's parts still open at the closing date.
	cascade func(ctx context.Context, c *ent.Client, j *journal, id int, at time.Time, sourceID int) error
}

// Create records a new T.
func (k kit[T, C, U]) Create(ctx context.Context, c *ent.Client, in C) (T, error) {
	return apply(ctx, c, op[T]{
		typ: k.typ, kind: auditevent.OperationCREATE, meta: k.meta,
		write: func(c *ent.Client) (T, error) { return k.create(ctx, c, in) },
		check: k.checkIn(ctx),
	})
}

// Update changes the T with this ID, read at version expected.
func (k kit[T, C, U]) Update(ctx context.Context, c *ent.Client, id, expected int, in U) (T, error) {
	if err := requireSource("sourceID", k.sourceOf(in)); err != nil {
		var zero T
		return zero, err
	}
	return apply(ctx, c, op[T]{
		typ: k.typ, id: id, expected: expected, kind: auditevent.OperationUPDATE, meta: k.meta,
		load:  func(c *ent.Client) (T, error) { return k.get(ctx, c, id) },
		write: func(c *ent.Client) (T, error) { return k.update(ctx, c, id, expected, in) },
		check: k.checkIn(ctx),
	})
}

// Close ends the T with this ID, read at version expected, on day at
// (exclusive), and its parts still open then.
func (k kit[T, C, U]) Close(ctx context.Context, c *ent.Client, id, expected int, at time.Time, sourceID int) (T, error) {
	return apply(ctx, c, k.closeOp(ctx, id, expected, at, sourceID))
}

// closeTx closes a part of a record being closed, in its transaction.
func (k kit[T, C, U]) closeTx(ctx context.Context, c *ent.Client, j *journal, id, expected int, at time.Time, sourceID int) error {
	_, err := applyTx(ctx, c, j, k.closeOp(ctx, id, expected, at, sourceID))
	return err
}

func (k kit[T, C, U]) closeOp(ctx context.Context, id, expected int, at time.Time, sourceID int) op[T] {
	return op[T]{
		typ: k.typ, id: id, expected: expected, kind: auditevent.OperationCLOSE, meta: k.meta,
		load: func(c *ent.Client) (T, error) { return k.get(ctx, c, id) },
		write: func(c *ent.Client) (T, error) {
			if err := newRefs(ctx, c).source("sourceID", &sourceID).err; err != nil {
				var zero T
				return zero, err
			}
			return k.close(ctx, c, id, expected, at, sourceID)
		},
		check: func(_ *ent.Client, before, _ T) error {
			if end := k.validTo(before); end != nil {
				return apperr.BadInput("validTo", fmt.Errorf("%s %d was already closed on %s; update it to change its end", k.typ, id, end.Format(time.DateOnly)))
			}
			return nil
		},
		then: func(c *ent.Client, j *journal, _ T) error {
			if k.cascade == nil {
				return nil
			}
			return k.cascade(ctx, c, j, id, at, sourceID)
		},
	}
}

func (k kit[T, C, U]) checkIn(ctx context.Context) func(c *ent.Client, before, after T) error {
	if k.check == nil {
		return nil
	}
	return func(c *ent.Client, before, after T) error { return k.check(ctx, c, before, after) }
}
