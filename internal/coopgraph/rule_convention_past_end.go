package coopgraph

// conventionPastEnd: a convention past its end date whose parties are
// still recorded as bound, as if it were current.
var conventionPastEnd = rule{
	name:     "convention-past-end-still-current",
	severity: SeverityWarning,
	check: func(g *Graph, q *query, report func(string, ...int32)) {
		for i := range g.nodes {
			n := int32(i)
			nd := &g.nodes[n]
			if nd.kind != Convention || nd.to == nil || nd.to.After(q.day) {
				continue
			}
			var current []int32
			for _, ei := range g.adj[n] {
				e := &g.edges[ei]
				if e.b == n && g.nodes[e.a].kind == LegalEntity && q.holds(e.from, e.to) {
					current = append(current, e.a)
				}
			}
			if len(current) > 0 {
				report("La convention "+g.name(n)+", échue le "+frenchDay(*nd.to)+", lie encore ses parties au "+frenchDay(q.day)+".", append([]int32{n}, current...)...)
			}
		}
	},
}
