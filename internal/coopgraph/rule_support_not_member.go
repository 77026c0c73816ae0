package coopgraph

// supportNotMember: a grouping in force whose designated support is not
// (or no longer, or not yet) a member on the day, and which has no other
// support then: the support named by the records is outside the group.
var supportNotMember = rule{
	name:     "support-not-member",
	severity: SeverityError,
	check: func(g *Graph, q *query, report reporter) {
		for i := range g.nodes {
			o := int32(i)
			if !g.isGHT(q, o) {
				continue
			}
			current := false
			var outside []*edge
			for _, ei := range g.adj[o] {
				e := &g.edges[ei]
				if e.b != o || e.role != "SUPPORT" {
					continue
				}
				if q.holds(e.from, e.to) {
					current = true
				} else {
					outside = append(outside, e)
				}
			}
			if current {
				continue
			}
			for _, e := range outside {
				// Its support membership's dates are to correct, or a new support to name.
				report("L'établissement support "+g.name(e.a)+" du GHT "+g.name(o)+" n'en est pas membre au "+frenchDay(q.day)+".", o, e.a).
					offer(Fix{Action: FixUpdate, Record: idOf(e.id)}).
					offer(Fix{Action: FixAddMember, Record: idOf(g.nodes[o].id), Role: role("SUPPORT")})
			}
		}
	},
}
