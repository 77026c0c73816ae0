package coopgraph

// publicEntityWithoutGHT: since 2016 every public hospital belongs to a
// GHT; one in none is either missing from the data or an anomaly.
var publicEntityWithoutGHT = rule{
	name:     "public-hospital-without-ght",
	severity: SeverityWarning,
	check: func(g *Graph, q *query, report func(string, ...int32)) {
		for i := range g.nodes {
			n := int32(i)
			nd := &g.nodes[n]
			if nd.kind != LegalEntity || !nd.public || !q.holds(nd.from, nd.to) || !g.hospital(n) {
				continue
			}
			inGHT := false
			for _, ei := range g.adj[n] {
				e := &g.edges[ei]
				if q.holds(e.from, e.to) && g.isGHT(q, e.b) {
					inGHT = true
					break
				}
			}
			if !inGHT {
				report("L'établissement public de santé "+g.name(n)+" n'est membre d'aucun GHT au "+frenchDay(q.day)+".", n)
			}
		}
	},
	missing: func(g *Graph, q *query) string {
		for i := range g.nodes {
			if g.isGHT(q, int32(i)) {
				return ""
			}
		}
		return "Aucune liste de GHT en vigueur au " + frenchDay(q.day) + " n'est chargée : l'appartenance des hôpitaux publics à un GHT n'est pas vérifiée."
	},
}
