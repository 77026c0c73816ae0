// Package memberknown answers whether any source lists a member of a
// grouping (Grouping.membersKnown) for every grouping a request has
// loaded at once, in one statement, rather than one per grouping.
package memberknown

import (
	"context"
	"iter"
	"slices"
	"sync"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/membership"
)

// maxIDsPerStatement bounds an IN list (SQLite accepts 32,766 parameters,
// PostgreSQL 65,535): past it, a batch takes one more statement.
const maxIDsPerStatement = 1000

// Batch is one request's groupings: those loaded and not yet asked
// about, those being read, and the answers found.
type Batch struct {
	mu       sync.Mutex
	pending  map[int]struct{}
	inFlight map[int]chan struct{} // closed when the statement reading the grouping is done
	known    map[int]bool
}

type batchKey struct{}

// WithBatch returns ctx with a new, empty Batch: each GraphQL operation
// gets its own, so answers never outlive the request that read them.
func WithBatch(ctx context.Context) context.Context {
	return context.WithValue(ctx, batchKey{}, &Batch{})
}

func batchOf(ctx context.Context) *Batch {
	b, _ := ctx.Value(batchKey{}).(*Batch)
	return b
}

// note adds the groupings ids yields to those to ask about, once.
func (b *Batch) note(ids iter.Seq[int]) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for id := range ids {
		_, known := b.known[id]
		_, reading := b.inFlight[id]
		if !known && !reading {
			if b.pending == nil {
				b.pending = map[int]struct{}{}
			}
			b.pending[id] = struct{}{}
		}
	}
}

// NoteLoaded returns the interceptor that notes, in the request's Batch,
// the groupings its queries load: those a grouping query returns, and
// those memberships carry, with those of their legal entities' own
// memberships (read in the memberships' own statement by
// ent.JoinOneRecordEdges, which no grouping query then sees). Without a
// Batch in the context it does nothing.
func NoteLoaded() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			v, err := next.Query(ctx, q)
			b := batchOf(ctx)
			if err != nil || b == nil {
				return v, err
			}
			switch records := v.(type) {
			case []*ent.Grouping:
				b.note(func(yield func(int) bool) {
					for _, g := range records {
						if !yield(g.ID) {
							return
						}
					}
				})
			case []*ent.Membership:
				b.note(func(yield func(int) bool) {
					for _, m := range records {
						if g := m.Edges.Grouping; g != nil && !yield(g.ID) {
							return
						}
						if e := m.Edges.LegalEntity; e != nil {
							for own := range e.LoadedMemberships() {
								if g := own.Edges.Grouping; g != nil && !yield(g.ID) {
									return
								}
							}
						}
					}
				})
			}
			return v, err
		})
	})
}

// Known reports whether any membership, even one whose organisation
// could not be matched, names grouping id. With a Batch, the first
// question answers every grouping the request has loaded so far, in one
// statement; later ones are answered from it. Without, id alone is read.
func Known(ctx context.Context, client *ent.Client, id int) (bool, error) {
	b := batchOf(ctx)
	if b == nil {
		return client.Membership.Query().Where(membership.GroupingID(id)).Exist(ctx)
	}
	b.mu.Lock()
	for {
		if known, ok := b.known[id]; ok {
			b.mu.Unlock()
			return known, nil
		}
		done, reading := b.inFlight[id]
		if !reading {
			break
		}
		// Another field of the request is reading it: wait for its answer.
		b.mu.Unlock()
		select {
		case <-done:
		case <-ctx.Done():
			return false, ctx.Err()
		}
		b.mu.Lock()
	}
	ids := []int{id}
	for p := range b.pending {
		if p != id {
			ids = append(ids, p)
		}
	}
	done := make(chan struct{})
	if b.inFlight == nil {
		b.inFlight, b.known = map[int]chan struct{}{}, map[int]bool{}
	}
	for _, g := range ids {
		delete(b.pending, g)
		b.inFlight[g] = done
	}
	b.mu.Unlock()

	found, err := listed(ctx, client, ids)

	b.mu.Lock()
	defer b.mu.Unlock()
	defer close(done)
	for _, g := range ids {
		delete(b.inFlight, g)
		if err == nil {
			b.known[g] = found[g]
		} else if g != id {
			b.pending[g] = struct{}{} // asked again by its own field (pending held it)
		}
	}
	if err != nil {
		return false, err
	}
	return b.known[id], nil
}

// listed returns which of the groupings ids a membership names.
func listed(ctx context.Context, client *ent.Client, ids []int) (map[int]bool, error) {
	slices.Sort(ids)
	found := make(map[int]bool, len(ids))
	for chunk := range slices.Chunk(ids, maxIDsPerStatement) {
		named, err := client.Membership.Query().Where(membership.GroupingIDIn(chunk...)).
			Unique(true).Select(membership.FieldGroupingID).Ints(ctx)
		if err != nil {
			return nil, err
		}
		for _, g := range named {
			found[g] = true
		}
	}
	return found, nil
}
