package coopgraph

import "fmt"

// ghtSupportCount: a GHT has exactly one établissement support.
var ghtSupportCount = rule{
	name:     "ght-support-count",
	severity: SeverityError,
	check: func(g *Graph, q *query, report func(string, ...int32)) {
		for i := range g.nodes {
			n := int32(i)
			if !g.isGHT(q, n) {
				continue
			}
			edges, members := g.participations(q, n)
			var supports []int32
			for k, e := range edges {
				if e.role == "SUPPORT" {
					supports = append(supports, members[k])
				}
			}
			switch {
			case len(supports) == 0:
				report(fmt.Sprintf("Le GHT %s n'a pas d'établissement support au %s.", g.name(n), frenchDay(q.day)), n)
			case len(supports) > 1:
				report(fmt.Sprintf("Le GHT %s a %d établissements support au %s.", g.name(n), len(supports), frenchDay(q.day)), append([]int32{n}, supports...)...)
			}
		}
	},
}
