package coopgraph

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/source"
)

// Store keeps the current graph of a database. Every read checks, with
// one cheap query, whether an import (in this process or another) has
// recorded a source since the graph was built, and rebuilds it then: a
// reader never sees a graph older than the database it reads.
type Store struct {
	client *ent.Client
	mu     sync.Mutex
	graph  *Graph
	stamp  string
}

// NewStore returns a store over client; the graph is built on first use.
func NewStore(client *ent.Client) *Store { return &Store{client: client} }

// Graph returns the graph as of the database's current state.
func (s *Store) Graph(ctx context.Context) (*Graph, error) {
	stamp, err := s.version(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.graph != nil && s.stamp == stamp {
		return s.graph, nil
	}
	g, err := Build(ctx, s.client)
	if err != nil {
		return nil, err
	}
	s.graph, s.stamp = g, stamp
	// A build reads the whole register: hand the garbage back to the OS
	// rather than keep it as the server's resident size.
	debug.FreeOSMemory()
	return g, nil
}

// Invalidate makes the next read rebuild the graph (after an edit made
// without a new source).
func (s *Store) Invalidate() {
	s.mu.Lock()
	s.stamp = ""
	s.mu.Unlock()
}

// version names the database's state: every import and edit records or
// reuses a source, and an import that changes records writes its report.
func (s *Store) version(ctx context.Context) (string, error) {
	var rows []struct {
		Count int   `json:"count"`
		Max   int64 `json:"max"`
		Len   int64 `json:"len"`
	}
	err := s.client.Source.Query().Modify(func(q *sql.Selector) {
		q.Select(
			sql.As(sql.Count("*"), "count"),
			sql.As("COALESCE(MAX("+q.C(source.FieldID)+"), 0)", "max"),
			sql.As("COALESCE(SUM(LENGTH(COALESCE("+q.C(source.FieldReport)+", ''))), 0)", "len"),
		)
	}).Scan(ctx, &rows)
	if err != nil || len(rows) != 1 {
		return "", fmt.Errorf("graph: database version: %v", err)
	}
	r := rows[0]
	return fmt.Sprintf("%d|%d|%d", r.Count, r.Max, r.Len), nil
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
// record with load, in one call (ent's Client.Noders).
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
	ids := make([]int, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	nodes, err := load(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*Hit, len(hits))
	for i := range hits {
		hits[i].Node = nodes[i]
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
