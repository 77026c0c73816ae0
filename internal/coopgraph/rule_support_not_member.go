package coopgraph

// supportNotMember: a grouping in force whose designated support is not
// (or no longer, or not yet) a member on the day, and which has no other
// support then: the support named by the records is outside the group.
var supportNotMember = rule{
	name:     "support-not-member",
	severity: SeverityError,
	check: func(g *Graph, q *query, report func(string, ...int32)) {
		for i := range g.nodes {
			o := int32(i)
			if !g.isGHT(q, o) {
				continue
			}
			current := false
			var outside []int32
			for _, ei := range g.adj[o] {
				e := &g.edges[ei]
				if e.b != o || e.role != "SUPPORT" {
					continue
				}
				if q.holds(e.from, e.to) {
					current = true
				} else {
					outside = append(outside, e.a)
				}
			}
			if current {
				continue
			}
			for _, s := range outside {
				report("L'établissement support "+g.name(s)+" du GHT "+g.name(o)+" n'en est pas membre au "+frenchDay(q.day)+".", o, s)
			}
		}
	},
}
