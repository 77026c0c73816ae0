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
	budget  int // bytes kept at most, as Cost counts them
	used    int
	version string

	hits, misses, drops uint64
}

// New returns a cache holding at most budget bytes (Cost); nil when
// budget is 0 or less (every method of a nil Cache does nothing).
func New(budget int) *Cache {
	if budget <= 0 {
		return nil
	}
	c := &Cache{budget: budget}
	// The LRU is bounded by bytes below, not by count.
	c.lru, _ = simplelru.NewLRU[string, Answer](1<<30, func(key string, a Answer) { c.used -= Cost(key, a) })
	return c
}

// entryOverhead bounds what an entry takes besides the bytes of its key,
// body and media type: the LRU's list element and map slot, the key's
// and the answer's headers (about 200 bytes measured on amd64;
// TestBudgetBoundsMemory checks the bound).
const entryOverhead = 256

// Cost is what an answer kept under key takes of the budget: an upper
// bound of the memory it holds, so that a budget of small answers is not
// exceeded several times over by what each entry costs besides its body.
// A body's spare capacity counts (the cache keeps the whole array), and
// so does the allocator's rounding of it: to a size class, which wastes
// at most an eighth, or beyond 32 kB to whole 8 kB pages.
func Cost(key string, a Answer) int {
	body := cap(a.Body)
	if body > 32<<10 {
		body = (body + 8<<10 - 1) &^ (8<<10 - 1)
	} else {
		body += body / 8
	}
	return len(key) + body + len(a.ContentType) + entryOverhead
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
// answer would take more than an eighth of the budget (Cost).
func (c *Cache) Put(version, key string, a Answer) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	cost := Cost(key, a)
	if version != c.version || cost > c.budget/8 {
		c.drops++
		return
	}
	if old, ok := c.lru.Peek(key); ok {
		c.used -= Cost(key, old) // Add replaces without calling back
	}
	c.lru.Add(key, a)
	c.used += cost
	for c.used > c.budget {
		c.lru.RemoveOldest()
	}
}

// Stats are a cache's counters.
type Stats struct {
	Hits, Misses, Drops uint64
	Entries             int
	Bytes               int // as Cost counts them
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
