package coopgraph

// ehpadWithoutHospitalConvention: an EHPAD whose entity has no
// convention with a hospital (the law asks each EHPAD for one, for
// admissions and expertise).
var ehpadWithoutHospitalConvention = rule{
	name:     "ehpad-without-hospital-convention",
	severity: SeverityInfo,
	check: func(g *Graph, q *query, report reporter) {
		for i := range g.nodes {
			s := int32(i)
			sn := &g.nodes[s]
			if sn.kind != Site || sn.catCode != "500" || sn.entity < 0 || !q.holds(sn.from, sn.to) || !g.located(q, s) {
				continue
			}
			if !g.conventionWithHospital(q, sn.entity) {
				report("L'EHPAD "+g.name(s)+" n'a de convention avec aucun établissement de santé au "+frenchDay(q.day)+".", s).
					offer(Fix{Action: FixCreateConvention, Organisation: idOf(g.nodes[sn.entity].id)})
			}
		}
	},
	missing: func(g *Graph, q *query) string {
		if g.anyEHPADConvention(q) {
			return ""
		}
		return "Aucune convention d'EHPAD en vigueur au " + frenchDay(q.day) + " n'est chargée : les conventions des EHPAD avec un établissement de santé ne sont pas vérifiées."
	},
}

// anyEHPADConvention reports whether the graph holds, on the day, a
// convention in force to which the entity of an EHPAD is party — an
// entity that is not itself a hospital (a hospital running an EHPAD is
// party to many conventions that say nothing of EHPADs): the sign that
// EHPAD conventions were loaded at all.
func (g *Graph) anyEHPADConvention(q *query) bool {
	for i := range g.nodes {
		c := int32(i)
		if g.nodes[c].kind != Convention || !q.holds(g.nodes[c].from, g.nodes[c].to) {
			continue
		}
		_, parties := g.participations(q, c)
		for _, p := range parties {
			if g.hospital(p) {
				continue
			}
			for _, s := range g.sites[p] {
				if g.nodes[s].catCode == "500" {
					return true
				}
			}
		}
	}
	return false
}

// conventionWithHospital reports whether entity e is party, on the day,
// to a convention in force to which a hospital is party too.
func (g *Graph) conventionWithHospital(q *query, e int32) bool {
	if g.hospital(e) {
		return true
	}
	for _, ei := range g.adj[e] {
		ed := &g.edges[ei]
		c := ed.b
		if g.nodes[c].kind != Convention || !q.holds(ed.from, ed.to) || !q.holds(g.nodes[c].from, g.nodes[c].to) {
			continue
		}
		_, parties := g.participations(q, c)
		for _, p := range parties {
			if p != e && g.hospital(p) {
				return true
			}
		}
	}
	return false
}
