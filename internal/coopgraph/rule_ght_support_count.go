package coopgraph

import "fmt"

// ghtSupportCount: a GHT has exactly one établissement support.
var ghtSupportCount = rule{
	name:     "ght-support-count",
	severity: SeverityError,
	check: func(g *Graph, q *query, report reporter) {
		for i := range g.nodes {
			n := int32(i)
			if !g.isGHT(q, n) {
				continue
			}
			edges, members := g.participations(q, n)
			var supports []int32
			var supportEdges []*edge
			for k, e := range edges {
				if e.role == "SUPPORT" {
					supports = append(supports, members[k])
					supportEdges = append(supportEdges, e)
				}
			}
			switch {
			case len(supports) == 0:
				// Add the missing support (a member already there is then changed instead).
				report(fmt.Sprintf("Le GHT %s n'a pas d'établissement support au %s.", g.name(n), frenchDay(q.day)), n).
					offer(Fix{Action: FixAddMember, Record: idOf(g.nodes[n].id), Role: role("SUPPORT")})
			case len(supports) > 1:
				f := report(fmt.Sprintf("Le GHT %s a %d établissements support au %s.", g.name(n), len(supports), frenchDay(q.day)), append([]int32{n}, supports...)...)
				for _, e := range supportEdges {
					f.offer(Fix{Action: FixUpdate, Record: idOf(e.id)}) // one of them is a member, or held the role at other dates
				}
			}
		}
	},
}
