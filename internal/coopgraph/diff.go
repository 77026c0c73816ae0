package coopgraph

import (
	"fmt"
	"sort"
	"time"

	"github.com/maillage/maillage/internal/apperr"
)

// Change is a participation that started or ended between two days.
type Change struct {
	Kind   string // STARTED or ENDED
	Date   time.Time
	Edge   EdgeView
	Source NodeView // the organisation
	Target NodeView // the cooperation object
}

// Diff is what changed in a territory between two days.
type Diff struct {
	Changes   []Change
	Total     int
	Truncated bool
}

// Diff lists the memberships, convention parties, filière roles and team
// sites of organisations located in the filter's territories that
// started (from < start ≤ to) or ended (from < end ≤ to).
func (g *Graph) Diff(f Filter, from, to time.Time) (*Diff, error) {
	if !from.Before(to) {
		return nil, apperr.BadInput("to", fmt.Errorf("to (%s) must be after from (%s)", to.Format(time.DateOnly), from.Format(time.DateOnly)))
	}
	f.AsOf = &to
	q, err := g.prepare(f)
	if err != nil {
		return nil, err
	}
	within := func(t *time.Time) bool { return t != nil && t.After(from) && !t.After(to) }
	var changes []Change
	for i := range g.edges {
		e := &g.edges[i]
		org := e.a
		if !g.nodes[org].kind.IsOrganisation() || !g.located(q, org) {
			continue
		}
		if q.kinds != nil && !q.kinds[g.nodes[e.b].kind] {
			continue
		}
		view := e.view(fmt.Sprint(e.id), g.nodes[org].id, g.nodes[e.b].id, to)
		if within(e.from) {
			changes = append(changes, Change{Kind: "STARTED", Date: *e.from, Edge: view, Source: g.view(org), Target: g.view(e.b)})
		}
		if within(e.to) {
			changes = append(changes, Change{Kind: "ENDED", Date: *e.to, Edge: view, Source: g.view(org), Target: g.view(e.b)})
		}
	}
	sort.SliceStable(changes, func(i, j int) bool {
		if !changes[i].Date.Equal(changes[j].Date) {
			return changes[i].Date.Before(changes[j].Date)
		}
		return changes[i].Edge.ID < changes[j].Edge.ID
	})
	d := &Diff{Total: len(changes)}
	if len(changes) > q.limit {
		changes, d.Truncated = changes[:q.limit], true
	}
	d.Changes = changes
	return d, nil
}
