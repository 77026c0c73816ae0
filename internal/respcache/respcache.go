// Package respcache keeps whole API answers for one version of the data,
// within a byte budget: a read asked again before anything changed is
// answered without running it again.
package respcache

import (
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// Answer is a response as it was written.
type Answer struct {
	Body        []byte
	ContentType string
}

// Cache holds answers computed on one version of the data; the first
// lookup that names another version empties it. It is safe for
// concurrent use.
type Cache struct {
	mu      sync.Mutex
	lru     *simplelru.LRU[string, Answer]
	budget  int // bytes of bodies kept at most
	used    int
	version string

	hits, misses, drops uint64
}

// New returns a cache keeping at most budget bytes of answers; nil when
// budget is 0 or less (every method of a nil Cache does nothing).
func New(budget int) *Cache {
	if budget <= 0 {
		return nil
	}
	c := &Cache{budget: budget}
	// The LRU is bounded by bytes below, not by count.
	c.lru, _ = simplelru.NewLRU[string, Answer](1<<30, func(_ string, a Answer) { c.used -= len(a.Body) })
	return c
}

// Get returns the answer to key on data at version.
func (c *Cache) Get(version, key string) (Answer, bool) {
	if c == nil {
		return Answer{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		c.lru.Purge()
		c.version = version
	}
	a, ok := c.lru.Get(key)
	if ok {
		c.hits++
	} else {
		c.misses++
	}
	return a, ok
}

// Put keeps the answer to key computed on data at version, unless the
// data has changed since (a later Get named a newer version) or the
// answer would take more than an eighth of the budget.
func (c *Cache) Put(version, key string, a Answer) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version || len(a.Body) > c.budget/8 {
		c.drops++
		return
	}
	if old, ok := c.lru.Peek(key); ok {
		c.used -= len(old.Body) // Add replaces without calling back
	}
	c.lru.Add(key, a)
	c.used += len(a.Body)
	for c.used > c.budget {
		c.lru.RemoveOldest()
	}
}

// Stats are a cache's counters.
type Stats struct {
	Hits, Misses, Drops uint64
	Entries, Bytes      int
}

// Stats returns the counters so far.
func (c *Cache) Stats() Stats {
	if c == nil {
		return Stats{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return Stats{Hits: c.hits, Misses: c.misses, Drops: c.drops, Entries: c.lru.Len(), Bytes: c.used}
}
