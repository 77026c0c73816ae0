package coopgraph

import "strings"

// ghtMemberOutsideTerritory: a GHT member none of whose sites lies in the
// GHT's territory.
var ghtMemberOutsideTerritory = rule{
	name:     "ght-member-outside-territory",
	severity: SeverityWarning,
	check: func(g *Graph, q *query, report reporter) {
		for i := range g.nodes {
			n := int32(i)
			if !g.isGHT(q, n) || g.nodes[n].place == "" {
				continue
			}
			kind, code, _ := strings.Cut(g.nodes[n].place, ":")
			edges, members := g.participations(q, n)
			for k, m := range members {
				inside := false
				for _, s := range g.sites[m] {
					sn := &g.nodes[s]
					if kind == "REGION" && sn.region == code || kind == "DEPARTMENT" && sn.department == code || kind == "COMMUNE" && sn.commune == code {
						inside = true
						break
					}
				}
				if !inside && len(g.sites[m]) > 0 {
					// Its role (an associate, a partner) or its end is to correct.
					report("Le membre "+g.name(m)+" du GHT "+g.name(n)+" n'a aucun site dans le territoire du GHT.", n, m).
						offer(Fix{Action: FixUpdate, Record: idOf(edges[k].id)}).
						offer(Fix{Action: FixClose, Record: idOf(edges[k].id)})
				}
			}
		}
	},
}
