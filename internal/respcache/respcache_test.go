package respcache_test

import (
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/respcache"
)

func answer(n int) respcache.Answer {
	return respcache.Answer{Body: []byte(strings.Repeat("x", n)), ContentType: "application/json"}
}

func TestCache(t *testing.T) {
	type step struct {
		op      string // get, put
		version string
		key     string
		size    int
		want    bool // get: found
	}
	tests := []struct {
		name   string
		budget int
		steps  []step
		bytes  int
	}{
		{"an answer is found again on the same version", 800, []step{
			{"get", "v1", "a", 0, false},
			{"put", "v1", "a", 10, false},
			{"get", "v1", "a", 0, true},
		}, 10},
		{"a new version empties the cache", 800, []step{
			{"get", "v1", "a", 0, false},
			{"put", "v1", "a", 10, false},
			{"get", "v2", "a", 0, false},
		}, 0},
		{"an answer computed before a change is not kept", 800, []step{
			{"get", "v1", "a", 0, false},
			{"get", "v2", "b", 0, false},
			{"put", "v1", "a", 10, false},
			{"get", "v2", "a", 0, false},
		}, 0},
		{"the least recently used answers go past the budget", 800, []step{
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
			{"put", "v1", "i", 100, false}, // 900 bytes: b goes
			{"get", "v1", "b", 0, false},
			{"get", "v1", "a", 0, true},
		}, 800},
		{"an answer larger than an eighth of the budget is not kept", 800, []step{
			{"get", "v1", "a", 0, false},
			{"put", "v1", "a", 101, false},
			{"get", "v1", "a", 0, false},
		}, 0},
		{"replacing an answer counts its size once", 800, []step{
			{"get", "v1", "a", 0, false},
			{"put", "v1", "a", 50, false},
			{"put", "v1", "a", 20, false},
		}, 20},
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
