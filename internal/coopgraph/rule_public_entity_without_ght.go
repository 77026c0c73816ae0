package coopgraph

import "strings"

// publicEntityWithoutGHT: since 2016 every public hospital belongs to a
// GHT; one in none is either missing from the data or an anomaly.
var publicEntityWithoutGHT = rule{
	name:     "public-hospital-without-ght",
	severity: SeverityWarning,
	check: func(g *Graph, q *query, report reporter) {
		ghtsIn := g.ghtsByDepartment(q)
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
				fix := Fix{Action: FixAddMember, Organisation: idOf(nd.id), Role: role("MEMBER")}
				if ght, ok := g.onlyGHTOf(ghtsIn, n); ok {
					fix.Record = idOf(g.nodes[ght].id) // the one GHT of its sites' département
				}
				report("L'établissement public de santé "+g.name(n)+" n'est membre d'aucun GHT au "+frenchDay(q.day)+".", n).offer(fix)
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

// ghtsByDepartment lists the GHTs in force on the day whose territory is
// a département (or, with no territory, whose département is known), by
// its code.
func (g *Graph) ghtsByDepartment(q *query) map[string][]int32 {
	out := map[string][]int32{}
	for i := range g.nodes {
		n := int32(i)
		if !g.isGHT(q, n) {
			continue
		}
		kind, code, _ := strings.Cut(g.nodes[n].place, ":")
		switch {
		case kind == "DEPARTMENT":
		case g.nodes[n].place == "" && g.nodes[n].department != "":
			code = g.nodes[n].department
		default:
			continue
		}
		out[code] = append(out[code], n)
	}
	return out
}

// onlyGHTOf returns the GHT an entity would join when there is no doubt:
// its sites lie in one département, which has one GHT.
func (g *Graph) onlyGHTOf(ghtsIn map[string][]int32, entity int32) (int32, bool) {
	dept := ""
	for _, s := range g.sites[entity] {
		switch d := g.nodes[s].department; {
		case d == "" || d == dept:
		case dept == "":
			dept = d
		default:
			return 0, false
		}
	}
	if ghts := ghtsIn[dept]; dept != "" && len(ghts) == 1 {
		return ghts[0], true
	}
	return 0, false
}
