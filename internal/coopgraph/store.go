package coopgraph

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/internal/store"
)

// Store keeps the current graph of a database. Every read asks the
// database's version (cheap: no query on PostgreSQL, which notifies
// changes, one pragma on SQLite) and rebuilds the graph when it changed:
// a reader never sees a graph older than the last commit of its process,
// and sees other processes' commits as soon as they are signalled.
type Store struct {
	client  *ent.Client
	version Versioner
	mu      sync.Mutex
	graph   *Graph
	stamp   store.Version
}

// Versioner returns the database's current version, its register layer
// and its cooperation layer apart (store.DB.Version).
type Versioner func(context.Context) (store.Version, error)

// NewStore returns a store over client, following the database's state
// with version. The graph is built on first use.
func NewStore(client *ent.Client, version Versioner) *Store {
	return &Store{client: client, version: version}
}

// Graph returns the graph as of the database's current state: the same
// graph while nothing changed, the cooperation objects read again over
// the same register layer when only they changed, a new graph otherwise.
func (s *Store) Graph(ctx context.Context) (*Graph, error) {
	stamp, err := s.version(ctx)
	if err != nil {
		// The database does not answer (a failover under way, say): the
		// last build answers rather than nothing, as /readyz says 503.
		s.mu.Lock()
		last := s.graph
		s.mu.Unlock()
		if last != nil && ctx.Err() == nil {
			return last, nil
		}
		return nil, fmt.Errorf("graph: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.graph != nil && s.stamp == stamp {
		return s.graph, nil
	}
	var g *Graph
	if s.graph != nil && s.stamp.Registers == stamp.Registers {
		g, err = s.graph.Rebuild(ctx, s.client)
	} else {
		g, err = Build(ctx, s.client)
	}
	if err != nil {
		return nil, err
	}
	s.graph, s.stamp = g, stamp
	// A build reads the whole register: hand the garbage back to the OS
	// rather than keep it as the server's resident size.
	debug.FreeOSMemory()
	return g, nil
}

// Cooperation answers Graph.Cooperation on the current graph.
func (s *Store) Cooperation(ctx context.Context, f Filter) (*Result, error) {
	g, err := s.Graph(ctx)
	if err != nil {
		return nil, err
	}
	return g.Cooperation(f)
}

// Neighborhood answers Graph.Neighborhood on the current graph.
func (s *Store) Neighborhood(ctx context.Context, id, depth int, f Filter) (*Result, error) {
	g, err := s.Graph(ctx)
	if err != nil {
		return nil, err
	}
	return g.Neighborhood(id, depth, f)
}

// Path answers Graph.Path on the current graph.
func (s *Store) Path(ctx context.Context, from, to int, f Filter) (*Result, error) {
	g, err := s.Graph(ctx)
	if err != nil {
		return nil, err
	}
	return g.Path(from, to, f)
}

// Search answers Graph.Search on the current graph and loads each hit's
// record with load, in one call (ent's Client.Noders); a nil load leaves
// the records out (the request did not ask for them).
func (s *Store) Search(ctx context.Context, text string, first *int, kinds []string, load func(context.Context, []int, ...ent.NodeOption) ([]ent.Noder, error)) ([]*Hit, error) {
	g, err := s.Graph(ctx)
	if err != nil {
		return nil, err
	}
	n := 0
	if first != nil {
		n = *first
		if n == 0 {
			return []*Hit{}, nil
		}
	}
	hits, err := g.Search(text, n, kinds)
	if err != nil {
		return nil, err
	}
	if load != nil {
		ids := make([]int, len(hits))
		for i, h := range hits {
			ids[i] = h.ID
		}
		nodes, err := load(ctx, ids)
		if err != nil {
			return nil, err
		}
		for i := range hits {
			hits[i].Node = nodes[i]
		}
	}
	out := make([]*Hit, len(hits))
	for i := range hits {
		out[i] = &hits[i]
	}
	return out, nil
}

// Checks answers Graph.Checks on the current graph.
func (s *Store) Checks(ctx context.Context, f Filter, rules []string) (*Findings, error) {
	g, err := s.Graph(ctx)
	if err != nil {
		return nil, err
	}
	return g.Checks(f, rules)
}

// Stats answers Graph.Stats on the current graph.
func (s *Store) Stats(ctx context.Context, f Filter) (*Stats, error) {
	g, err := s.Graph(ctx)
	if err != nil {
		return nil, err
	}
	return g.Stats(f)
}

// Diff answers Graph.Diff on the current graph.
func (s *Store) Diff(ctx context.Context, f Filter, from, to time.Time) (*Diff, error) {
	g, err := s.Graph(ctx)
	if err != nil {
		return nil, err
	}
	return g.Diff(f, from, to)
}
