package store

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/schema"
	"github.com/maillage/maillage/internal/rights"
)

// Layer is what a write touched, as bits: the register layer (FINESS
// sites and legal entities, territories), the cooperation layer, or
// neither (tokens, the audit log).
type Layer uint8

// Layers of the data.
const (
	Registers Layer = 1 << iota
	Cooperation
	// Access is a write the graph does not show: tokens and the audit
	// log. It goes to the primary but changes no version.
	Access
)

// layerOfClass is where each class of data (declared once, in each
// schema's Rights mixin) sits.
func layerOfClass(c rights.Class) Layer {
	switch c {
	case rights.Register:
		return Registers
	case rights.Token, rights.Audit:
		return Access
	}
	return Cooperation
}

// layersByType gives each ent type's layer; an unknown type counts as
// both graph layers, so that no change goes unseen.
type layersByType map[string]Layer

func newLayersByType() layersByType {
	out := layersByType{}
	for typ, class := range schema.Classes() {
		out[typ] = layerOfClass(class)
	}
	return out
}

func (l layersByType) of(typ string) Layer {
	if layer, ok := l[typ]; ok {
		return layer
	}
	return Registers | Cooperation
}

// tableLayers gives each table's layer: a type's table, and the join
// tables of its many-to-many links.
func tableLayers(types layersByType) map[string]Layer {
	out := map[string]Layer{}
	for table, typ := range ent.TableTypes() {
		out[table] = types.of(typ)
	}
	return out
}

// layerCounters counts commits by layer.
type layerCounters struct{ registers, cooperation atomic.Uint64 }

func (c *layerCounters) add(l Layer) {
	if l&Registers != 0 {
		c.registers.Add(1)
	}
	if l&Cooperation != 0 {
		c.cooperation.Add(1)
	}
}

// commitCounter counts this process's writes once they are durable, by
// the layer of the type ent says they wrote: a write outside a
// transaction when it returns, a transaction's writes when it commits.
type commitCounter struct {
	types   layersByType
	commits *layerCounters
	mu      sync.Mutex
	pending map[any]Layer // written in open transactions, by ent.TxKey
}

// hook is the ent hook that sees every mutation of the client.
func (c *commitCounter) hook(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return v, err
		}
		layer := c.types.of(m.Type())
		if tx, key, ok := ent.TxOf(m); ok {
			c.inTx(tx, key, layer)
			return v, nil
		}
		c.commits.add(layer)
		return v, nil
	})
}

// inTx remembers that the transaction key wrote layer, counted when it
// commits; its hooks are registered once, with its first write.
func (c *commitCounter) inTx(tx *ent.Tx, key any, layer Layer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	wrote, seen := c.pending[key]
	c.pending[key] = wrote | layer
	if seen {
		return
	}
	tx.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
			err := next.Commit(ctx, tx)
			written := c.take(tx)
			if err == nil {
				c.commits.add(written)
			}
			return err
		})
	})
	tx.OnRollback(func(next ent.Rollbacker) ent.Rollbacker {
		return ent.RollbackFunc(func(ctx context.Context, tx *ent.Tx) error {
			c.take(tx)
			return next.Rollback(ctx, tx)
		})
	})
}

func (c *commitCounter) take(tx *ent.Tx) Layer {
	key := ent.TxKey(tx)
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.pending[key]
	delete(c.pending, key)
	return l
}
