package coopgraph

import (
	"slices"
	"testing"
)

// TestSiteLevelDrawsNamedSitesOnly: at site level a participation goes to
// the sites its source names; one that names no site is drawn at the
// legal entity, never spread to every site of it.
func TestSiteLevelDrawsNamedSitesOnly(t *testing.T) {
	tg := newTestGraph()
	ap := tg.hospital(10, "AP", true, "75", "11") // site 11
	tg.site(12, ap, "AP crèche", "437", "4401", "75", "11", "", "")
	named := tg.site(13, ap, "AP Necker", "355", "1102", "75", "11", "", "")
	ch := tg.hospital(20, "CH", true, "75", "11") // site 21
	list := tg.object(100, Filiere, "CRCM", "CYSTIC_FIBROSIS", "", "", "")
	tg.link(1, ap, list, "PARTICIPANT", "", "", named)
	tg.link(2, ch, list, "PARTICIPANT", "", "")
	g := tg.done()

	r, err := g.Cooperation(Filter{Level: Site})
	if err != nil {
		t.Fatal(err)
	}
	var sources []int
	for _, e := range r.Edges {
		sources = append(sources, e.Source)
	}
	slices.Sort(sources)
	if want := []int{13, 20}; !slices.Equal(sources, want) {
		t.Errorf("site level drew the list from %v, want the named site 13 and the entity 20", sources)
	}

	// From the entity with no site named, at site level: its own
	// participation only.
	r, err = g.Neighborhood(20, 1, Filter{Level: Site})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Edges) != 1 || r.Edges[0].Source != 20 {
		t.Errorf("neighbourhood of the entity at site level: %+v", r.Edges)
	}
	// From a site: its entity, then the participations of the entity
	// that name no site; never those that name another site.
	for _, tt := range []struct {
		site  int
		roles []string
	}{
		{12, []string{"SITE_OF"}},                               // the crèche: AP's only participation names Necker
		{21, []string{"PARTICIPANT", "SITE_OF"}},                // CH's site: through CH
		{13, []string{"PARTICIPANT", "PARTICIPANT", "SITE_OF"}}, // Necker: named, its entity, and CH through the list
	} {
		r, err = g.Neighborhood(tt.site, 2, Filter{Level: Site})
		if err != nil {
			t.Fatal(err)
		}
		var roles []string
		for _, e := range r.Edges {
			roles = append(roles, *e.Role)
		}
		slices.Sort(roles)
		if !slices.Equal(roles, tt.roles) {
			t.Errorf("neighbourhood of site %d at depth 2: %v, want %v", tt.site, roles, tt.roles)
		}
	}
}

// TestDesignationsLinkNoOne: the organisations projection does not link
// the centres a list of designations names, and still links through a
// cooperation.
func TestDesignationsLinkNoOne(t *testing.T) {
	for _, tt := range []struct {
		designations bool
		wantEdges    int
	}{{true, 0}, {false, 3}} {
		tg := newTestGraph()
		a := tg.hospital(10, "A", true, "75", "11")
		b := tg.hospital(20, "B", true, "75", "11")
		c := tg.hospital(30, "C", true, "75", "11")
		list := tg.object(100, Filiere, "CRCM", "CYSTIC_FIBROSIS", "", "", "")
		tg.g.nodes[list].designations = tt.designations
		for i, e := range []int32{a, b, c} {
			tg.link(1+i, e, list, "PARTICIPANT", "", "")
		}
		r, err := tg.done().Cooperation(Filter{Projection: Organisations})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Edges) != tt.wantEdges {
			t.Errorf("designations %v: %d links, want %d", tt.designations, len(r.Edges), tt.wantEdges)
		}
	}
}
