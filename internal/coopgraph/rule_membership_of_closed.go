package coopgraph

// membershipOfClosed: a participation in force of an entity, or naming a
// site, that the register says has closed.
var membershipOfClosed = rule{
	name:     "participation-of-closed-organisation",
	severity: SeverityWarning,
	check: func(g *Graph, q *query, report reporter) {
		for _, e := range g.edges {
			if !g.nodes[e.a].kind.IsOrganisation() || !q.holds(e.from, e.to) || !q.holds(g.nodes[e.b].from, g.nodes[e.b].to) {
				continue
			}
			if a := &g.nodes[e.a]; !q.holds(a.from, a.to) {
				report(g.name(e.a)+", fermé au "+frenchDay(q.day)+", participe encore à "+g.name(e.b)+".", e.a, e.b).
					offer(Fix{Action: FixClose, Record: idOf(e.id)})
				continue
			}
			for _, s := range e.sites {
				if sn := &g.nodes[s]; !q.holds(sn.from, sn.to) {
					report("Le site "+g.name(s)+", fermé au "+frenchDay(q.day)+", est nommé dans la participation de "+g.name(e.a)+" à "+g.name(e.b)+".", s, e.a, e.b).
						offer(Fix{Action: FixUpdate, Record: idOf(e.id)}) // its named sites
				}
			}
		}
	},
}
