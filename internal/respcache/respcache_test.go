package respcache_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/respcache"
)

// answer is an answer of n bytes, its capacity n too.
func answer(n int) respcache.Answer {
	body := make([]byte, n)
	copy(body, strings.Repeat("x", n))
	return respcache.Answer{Body: body, ContentType: "application/json"}
}

func TestCache(t *testing.T) {
	type step struct {
		op      string // get, put
		version string
		key     string
		size    int
		want    bool // get: found
	}
	// cost is what an answer of size bytes under key takes of a budget;
	// budget is room for eight answers of 100 bytes under one-letter keys.
	cost := func(key string, size int) int { return respcache.Cost(key, answer(size)) }
	budget := 8 * cost("a", 100)
	tests := []struct {
		name   string
		budget int
		steps  []step
		bytes  int
	}{
		{"an answer is found again on the same version", budget, []step{
			{"get", "v1", "a", 0, false},
			{"put", "v1", "a", 10, false},
			{"get", "v1", "a", 0, true},
		}, cost("a", 10)},
		{"a new version empties the cache", budget, []step{
			{"get", "v1", "a", 0, false},
			{"put", "v1", "a", 10, false},
			{"get", "v2", "a", 0, false},
		}, 0},
		{"an answer computed before a change is not kept", budget, []step{
			{"get", "v1", "a", 0, false},
			{"get", "v2", "b", 0, false},
			{"put", "v1", "a", 10, false},
			{"get", "v2", "a", 0, false},
		}, 0},
		{"the least recently used answers go past the budget", budget, []step{
			{"get", "v1", "a", 0, false},
			{"put", "v1", "a", 100, false},
			{"put", "v1", "b", 100, false},
			{"get", "v1", "a", 0, true}, // a used again: b is the oldest
			{"put", "v1", "c", 100, false},
			{"put", "v1", "d", 100, false},
			{"put", "v1", "e", 100, false},
			{"put", "v1", "f", 100, false},
			{"put", "v1", "g", 100, false},
			{"put", "v1", "h", 100, false},
			{"put", "v1", "i", 100, false}, // nine answers: b goes
			{"get", "v1", "b", 0, false},
			{"get", "v1", "a", 0, true},
		}, budget},
		{"an answer larger than an eighth of the budget is not kept", budget, []step{
			{"get", "v1", "a", 0, false},
			{"put", "v1", "a", 101, false},
			{"get", "v1", "a", 0, false},
		}, 0},
		{"replacing an answer counts its size once", budget, []step{
			{"get", "v1", "a", 0, false},
			{"put", "v1", "a", 50, false},
			{"put", "v1", "a", 20, false},
		}, cost("a", 20)},
		{"no budget, no cache", 0, []step{
			{"put", "", "a", 10, false},
			{"get", "", "a", 0, false},
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := respcache.New(tt.budget)
			for i, s := range tt.steps {
				switch s.op {
				case "put":
					c.Put(s.version, s.key, answer(s.size))
				case "get":
					if _, got := c.Get(s.version, s.key); got != s.want {
						t.Fatalf("step %d: get %s@%s found %v, want %v", i, s.key, s.version, got, s.want)
					}
				}
			}
			if got := c.Stats().Bytes; got != tt.bytes {
				t.Errorf("bytes kept %d, want %d", got, tt.bytes)
			}
		})
	}
}

// TestBudgetBoundsMemory: what the cache holds on the heap, keys and
// bookkeeping included, stays within what it counts against its budget,
// for the smallest answers (where an entry's overhead weighs most) and
// for larger ones.
func TestBudgetBoundsMemory(t *testing.T) {
	for _, size := range []int{16, 300, 4000, 40000} {
		t.Run(fmt.Sprintf("answers of %d bytes", size), func(t *testing.T) {
			entries := int64(min(20000, (64<<20)/size))
			c := respcache.New(1 << 40)
			c.Get("v1", "") // the version the answers are put on
			// Keys as the server makes them: hex SHA-256, 64 bytes.
			keys := make([]string, entries)
			for i := range keys {
				keys[i] = fmt.Sprintf("%064x", i)
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			for i, key := range keys {
				c.Put("v1", key, answer(size))
				keys[i] = "" // the cache holds the key now, the test does not
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			held := int64(after.HeapAlloc) - int64(before.HeapAlloc) + entries*64 // the keys' bytes were allocated before
			counted := int64(c.Stats().Bytes)
			if int64(c.Stats().Entries) != entries {
				t.Fatalf("%d entries kept, want %d", c.Stats().Entries, entries)
			}
			if held > counted {
				t.Errorf("the cache holds %d bytes on the heap (%d per entry), counts %d (%d per entry)", held, held/entries, counted, counted/entries)
			}
			t.Logf("held %d bytes per entry, counted %d", held/entries, counted/entries)
			runtime.KeepAlive(c)
		})
	}
}
