package ent

// Hand-written: a grouping looked up alone with its memberships costs two
// statements in sequence (the grouping, then its memberships); read from
// the memberships' side, with the grouping joined to each, it is one.

import (
	"context"
	"maps"
	"slices"
	"sync"

	"entgo.io/ent"

	"github.com/maillage/maillage/ent/membership"
)

// groupingFromMemberships answers a query for one grouping (Only) that
// eager-loads its memberships, under one name or none, with one statement
// on memberships: those of the groupings the query's conditions select,
// each with its grouping joined (JoinOneRecordEdges), the grouping's other
// edges loaded after it as ent loads them. The records are those ent's
// own loading gives. It declines (false) when the query is shaped
// otherwise, and when no membership is read: a grouping without any must
// still be found, by ent's own statements.
func groupingFromMemberships(ctx context.Context, q *GroupingQuery) ([]*Grouping, bool, error) {
	if ent.QueryFromContext(ctx) != q.ctx || q.ctx.Op != ent.OpQueryOnly ||
		len(q.modifiers) > 0 || q.sql != nil || q.path != nil || q.ctx.Offset != nil {
		return nil, false, nil
	}
	name, edge := onlyEdge(q.withMemberships, q.withNamedMemberships)
	if edge == nil || edge.withGrouping != nil || edge.ctx.Limit != nil || edge.ctx.Offset != nil ||
		len(edge.modifiers) > 0 || edge.sql != nil || edge.path != nil {
		return nil, false, nil
	}

	// The grouping, as the memberships' joined edge: the query's own
	// columns, eager loads and totals, without its conditions (they select
	// the memberships) or its bound (Only's, on groupings, not rows).
	joined := *q
	joined.ctx = q.ctx.Clone()
	joined.ctx.Limit, joined.ctx.Op = nil, ""
	joined.predicates = nil
	joined.withMemberships = nil
	joined.withNamedMemberships = maps.Clone(q.withNamedMemberships)
	delete(joined.withNamedMemberships, name)

	memberships := *edge
	memberships.ctx = edge.ctx.Clone()
	if len(memberships.ctx.Fields) > 0 {
		memberships.ctx.AppendFieldOnce(membership.FieldGroupingID) // as ent's eager loading asks
	}
	memberships.predicates = append(slices.Clip(edge.predicates), membership.HasGroupingWith(q.predicates...))
	memberships.withGrouping = &joined
	read, err := memberships.All(ctx)
	if err != nil || len(read) == 0 {
		return nil, false, err
	}

	// One grouping (Only's bound reads two to tell it from several), each
	// membership handed to it without it, as ent's eager loading gives them.
	var found []*Grouping
	for _, m := range read {
		g := m.Edges.Grouping
		if g != nil && !slices.Contains(found, g) && len(found) < 2 {
			found = append(found, g)
		}
		m.Edges.Grouping = nil
		if at := membershipGrouping(); at >= 0 {
			m.Edges.loadedTypes[at] = false
		}
	}
	if len(found) != 1 {
		return found, true, nil // none visible, or several: Only says so
	}
	// Only its own: the conditions may also have selected a grouping the
	// caller may not read (its memberships were read without it).
	g := found[0]
	own := slices.DeleteFunc(read, func(m *Membership) bool { return m.GroupingID != g.ID })
	if name == "" {
		g.Edges.Memberships = own
		g.Edges.loadedTypes[groupingMemberships()] = true
	} else {
		g.appendNamedMemberships(name, own...)
	}
	return found, true, nil
}

// onlyEdge is a query's one eager load of an edge, with its name (""
// for the unnamed edge), given the unnamed load and the named ones; nil
// when it asks for none or for several.
func onlyEdge[Q any](unnamed *Q, named map[string]*Q) (string, *Q) {
	switch {
	case unnamed != nil && len(named) == 0:
		return "", unnamed
	case unnamed == nil && len(named) == 1:
		for name, edge := range named {
			return name, edge
		}
	}
	return "", nil
}

// groupingMemberships is the place of a grouping's memberships in its
// loadedTypes: the one whose flag alone makes the edge read as loaded.
var groupingMemberships = sync.OnceValue(func() int {
	for i := range len(GroupingEdges{}.loadedTypes) {
		var e GroupingEdges
		e.loadedTypes[i] = true
		if _, err := e.MembershipsOrErr(); err == nil {
			return i
		}
	}
	panic("ent: no place in loadedTypes marks a grouping's memberships loaded")
})
