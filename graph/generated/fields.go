package generated

// Written by hand: gqlgen writes generated.go only. graph/postgen, run by
// `go generate` after gqlgen, gives the execution context a
// collectedFields and points generated.go's objects at its collect.

import (
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// collectedFields remembers, for one operation, the fields collected for
// each of its selection sets on each type. gqlgen caches them too, but
// builds its cache key for every object it writes (a reflect value and
// an FNV hash of the type's names, allocated) and takes a lock: a page
// of 100 sites with their legal entities built 300 keys. An operation
// has few selection sets, told apart here by the address of their
// elements, as gqlgen's key does, and the type's implementors list;
// they are looked up without a lock, in a table allocated once.
type collectedFields struct {
	sets [maxCollectedSets]collectedSet // the first n are set, then never changed
	n    atomic.Int32
	mu   sync.Mutex // orders the writers
}

type collectedSet struct {
	selection *ast.Selection // the selection set's first element
	length    int
	satisfies *string // the type's implementors
	fields    []graphql.CollectedField
}

// maxCollectedSets bounds what one operation remembers (and the lookup's
// length); past it, gqlgen's own cache answers.
const maxCollectedSets = 16

// collect is graphql.CollectFields for the operation c belongs to.
func (c *collectedFields) collect(op *graphql.OperationContext, sel ast.SelectionSet, satisfies []string) []graphql.CollectedField {
	if c == nil {
		return graphql.CollectFields(op, sel, satisfies)
	}
	key := collectedSet{selection: unsafe.SliceData(sel), length: len(sel), satisfies: unsafe.SliceData(satisfies)}
	if fields, ok := c.find(key, int(c.n.Load())); ok {
		return fields
	}
	key.fields = graphql.CollectFields(op, sel, satisfies)
	c.mu.Lock()
	defer c.mu.Unlock()
	n := int(c.n.Load())
	if fields, ok := c.find(key, n); ok {
		return fields // collected meanwhile by another field
	}
	if n < maxCollectedSets {
		c.sets[n] = key
		c.n.Store(int32(n + 1))
	}
	return key.fields
}

// find looks key up among the first n sets.
func (c *collectedFields) find(key collectedSet, n int) ([]graphql.CollectedField, bool) {
	for i := range n {
		if s := &c.sets[i]; s.selection == key.selection && s.length == key.length && s.satisfies == key.satisfies {
			return s.fields, true
		}
	}
	return nil, false
}
