package coopgraph

// conventionPastEnd: a convention past its end date whose parties are
// still recorded as bound, as if it were current.
var conventionPastEnd = rule{
	name:     "convention-past-end-still-current",
	severity: SeverityWarning,
	check: func(g *Graph, q *query, report reporter) {
		for i := range g.nodes {
			n := int32(i)
			nd := &g.nodes[n]
			if nd.kind != Convention || nd.to == nil || nd.to.After(q.day) {
				continue
			}
			var current []int32
			var parts []*edge
			for _, ei := range g.adj[n] {
				e := &g.edges[ei]
				if e.b == n && g.nodes[e.a].kind == LegalEntity && q.holds(e.from, e.to) {
					current = append(current, e.a)
					parts = append(parts, e)
				}
			}
			if len(current) > 0 {
				f := report("La convention "+g.name(n)+", échue le "+frenchDay(*nd.to)+", lie encore ses parties au "+frenchDay(q.day)+".", append([]int32{n}, current...)...)
				for _, e := range parts {
					f.offer(Fix{Action: FixClose, Record: idOf(e.id)}) // each party's part ends with it
				}
			}
		}
	},
}
