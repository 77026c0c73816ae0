// Package coopgraph holds the dated cooperation graph in memory and
// answers traversals on it: organisations (legal entities, sites) and
// cooperation objects (groupings, conventions, filières, teams) as
// nodes, participations with a role and a period as edges.
package coopgraph

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/internal/finess"
)

// Kind is a node's kind.
type Kind string

// Node kinds.
const (
	LegalEntity Kind = "LEGAL_ENTITY"
	Site        Kind = "SITE"
	Grouping    Kind = "GROUPING"
	Convention  Kind = "CONVENTION"
	Filiere     Kind = "FILIERE"
	Team        Kind = "TEAM"
)

// IsOrganisation reports whether nodes of this kind are organisations.
func (k Kind) IsOrganisation() bool { return k == LegalEntity || k == Site }

// node is one organisation or cooperation object.
type node struct {
	id                  int // ent global ID
	kind                Kind
	label, finess, code string
	category            string  // FINESS category, grouping or convention kind, filière specialty
	catCode             string  // a site's FINESS category code
	catGroup            string  // a site's FINESS category aggregate
	public              bool    // a legal entity of the public hospital service
	place               string  // a grouping's territory, "KIND:CODE"
	lat, lon            float64 // when located
	located             bool    // a site with a position, or an entity drawn at one of its sites
	commune, department string
	region              string
	from, to            *time.Time
	entity              int32 // a site's legal entity; -1 for other nodes
	// designations: a filière whose source designates its participants
	// one by one, without saying they cooperate with one another.
	designations bool
	owner        int // a grouping's own legal entity (its legal person), by ent ID; 0: none
}

// edge is a participation (organisation → object) or an inclusion
// (filière or team → its convention or grouping).
type edge struct {
	id       int // the record's ent global ID
	a, b     int32
	role     string
	from, to *time.Time
	// precision of from when the source gives only a month or a year
	// ("MONTH", "YEAR"); "" for a day.
	precision string
	sites     []int32 // the sites a participation names
}

// Graph is an immutable snapshot of the cooperation graph: the
// organisations and territories of the register layer (shared with
// the graphs built on it) and the cooperation objects over them.
type Graph struct {
	nodes     []node        // the register layer's, then the objects
	byID      map[int]int32 // the objects' (the register layer has its own)
	registers *registerLayer
	edges     []edge
	adj       [][]int32 // edge indices by node
	sites     map[int32][]int32
	search    []*searchIndex // the register layer's, then the objects'
}

// registerLayer is what the registers hold: legal entities and sites, and the
// territories to search. Registers change seldom; cooperation data
// changes with every edit, so a graph is rebuilt on an unchanged register layer.
type registerLayer struct {
	// nodes are the registers' nodes while the layer is built: the first
	// graph takes them, and each later graph copies them from the graph it
	// rebuilds, so that the layer keeps no copy of its own (41 MB for the
	// national register, marked at every collection).
	nodes  []node
	size   int // how many nodes the registers have: the first size of every graph's
	byID   map[int]int32
	sites  map[int32][]int32 // an entity's sites
	search *searchIndex
}

// newIndex returns an empty search index.
func newIndex() *searchIndex {
	return &searchIndex{posting: map[string][]int32{}, postal: map[string][]int32{}}
}

// index finds a node by its ent ID.
func (g *Graph) index(id int) (int32, bool) {
	if n, ok := g.byID[id]; ok {
		return n, true
	}
	if g.registers != nil {
		n, ok := g.registers.byID[id]
		return n, ok
	}
	return 0, false
}

// Build reads the whole cooperation graph from the database.
func Build(ctx context.Context, c *ent.Client) (*Graph, error) {
	b, err := buildRegisters(ctx, c)
	if err != nil {
		return nil, err
	}
	nodes := b.nodes
	b.nodes = nil
	return b.extend(ctx, c, nodes)
}

// Rebuild reads the cooperation objects again over g's register layer: for a
// database whose registers did not change since g was built.
func (g *Graph) Rebuild(ctx context.Context, c *ent.Client) (*Graph, error) {
	n := g.registers.size
	return g.registers.extend(ctx, c, g.nodes[:n:n])
}

// buildRegisters reads the registers' organisations and the territories.
func buildRegisters(ctx context.Context, c *ent.Client) (*registerLayer, error) {
	b := &registerLayer{byID: map[int]int32{}, sites: map[int32][]int32{}, search: newIndex()}
	in := newInterner()
	cities := map[string][]string{} // cities repeat: fold each once
	cityTokens := func(city string) []string {
		t, ok := cities[city]
		if !ok {
			t = in.wordList(tokens(city))
			cities[city] = t
		}
		return t
	}
	names := map[int][][]string{}  // other names of a node, by ID
	places := map[int][][]string{} // the place of a node, by ID
	add := func(n node) int32 {
		i := int32(len(b.nodes))
		n.entity = -1
		b.nodes = append(b.nodes, in.node(n))
		b.byID[n.id] = i
		return i
	}
	entities, err := c.LegalEntity.Query().Select("id", "finess", "name", "legal_status", "public_status", "department_code", "valid_from", "valid_to").All(ctx)
	if err != nil {
		return nil, fmt.Errorf("graph: legal entities: %w", err)
	}
	for _, e := range entities {
		add(node{id: e.ID, kind: LegalEntity, label: e.Name, finess: e.Finess, category: e.LegalStatus, public: finess.PublicHospitalService(e.LegalStatus, e.PublicStatus), department: e.DepartmentCode, from: e.ValidFrom, to: e.ValidTo})
	}
	sites, err := c.Establishment.Query().Select("id", "finess", "name", "long_name", "category_label", "category_code", "category_group_code",
		"latitude", "longitude", "commune_code", "department_code", "region_code", "city", "legal_entity_id", "valid_from", "valid_to").All(ctx)
	if err != nil {
		return nil, fmt.Errorf("graph: sites: %w", err)
	}
	sort.Slice(sites, func(i, j int) bool { return sites[i].Finess < sites[j].Finess })
	for _, s := range sites {
		names[s.ID] = [][]string{in.wordList(tokens(s.LongName))}
		places[s.ID] = [][]string{cityTokens(s.City)}
		i := add(node{id: s.ID, kind: Site, label: s.Name, finess: s.Finess, category: s.CategoryLabel, catCode: s.CategoryCode, catGroup: s.CategoryGroupCode,
			commune: s.CommuneCode, department: s.DepartmentCode, region: s.RegionCode, from: s.ValidFrom, to: s.ValidTo})
		if s.Latitude != nil && s.Longitude != nil {
			b.nodes[i].lat, b.nodes[i].lon, b.nodes[i].located = *s.Latitude, *s.Longitude, true
		}
		if e, ok := b.byID[s.LegalEntityID]; ok {
			b.nodes[i].entity = e
			b.sites[e] = append(b.sites[e], i)
		}
	}
	for e, ss := range b.sites {
		b.sites[e] = in.indices(ss)
	}
	// A legal entity is drawn where its first positioned site is, and
	// belongs to that site's région.
	for e, ss := range b.sites {
		for _, s := range ss {
			if b.nodes[s].located {
				b.nodes[e].lat, b.nodes[e].lon, b.nodes[e].located = b.nodes[s].lat, b.nodes[s].lon, true
				b.nodes[e].region, b.nodes[e].commune = b.nodes[s].region, b.nodes[s].commune
				break
			}
		}
		places[b.nodes[e].id] = places[b.nodes[ss[0]].id]
	}
	for i, n := range b.nodes {
		b.search.add(entry{id: n.id, kind: string(n.kind), label: n.label, finess: n.finess, weight: b.weight(int32(i)),
			names: in.listOfLists(append([][]string{in.wordList(tokens(n.label))}, names[n.id]...)), places: in.listOfLists(places[n.id])})
	}
	territories, err := c.Territory.Query().Select("id", "kind", "code", "name", "postal_codes").All(ctx)
	if err != nil {
		return nil, fmt.Errorf("graph: territories: %w", err)
	}
	for _, t := range territories {
		b.search.add(entry{id: t.ID, kind: in.str(string(t.Kind)), label: in.text(t.Name), names: in.listOfLists([][]string{in.wordList(tokens(t.Name))}), postal: in.wordList(strings.Fields(t.PostalCodes))})
	}
	b.search.seal()
	b.size = len(b.nodes)
	return b, nil
}

// weight is how much an organisation weighs in search: an entity running
// many sites is more often the one looked for.
func (b *registerLayer) weight(n int32) float64 {
	return min(12, 2*math.Log2(1+float64(len(b.sites[n]))))
}

// extend builds a graph on the register layer, whose nodes are base: the
// cooperation objects and the participations, read from the database.
// The objects' nodes are appended to base: a base another graph uses
// must come capped, so that it is copied, never written.
func (b *registerLayer) extend(ctx context.Context, c *ent.Client, base []node) (*Graph, error) {
	g := &Graph{nodes: base, byID: map[int]int32{}, registers: b, sites: b.sites}
	names := map[int][][]string{} // other names of a node, by ID
	in := newInterner()
	add := func(n node) int32 {
		i := int32(len(g.nodes))
		n.entity = -1
		g.nodes = append(g.nodes, in.node(n))
		g.byID[n.id] = i
		return i
	}
	if err := g.loadObjects(ctx, c, add, names); err != nil {
		return nil, err
	}
	for _, lists := range names {
		for i, list := range lists {
			lists[i] = in.wordList(list)
		}
	}
	objects := newIndex()
	for _, n := range g.nodes[b.size:] {
		objects.add(entry{id: n.id, kind: string(n.kind), label: n.label, finess: n.finess,
			names: in.listOfLists(append([][]string{in.wordList(tokens(n.label)), in.wordList(tokens(n.code))}, names[n.id]...))})
	}
	// The names conventions give their parties find the entities too.
	for id, other := range names {
		if n, ok := b.byID[id]; ok {
			nd := &g.nodes[n]
			objects.add(entry{id: id, kind: string(nd.kind), label: nd.label, finess: nd.finess, weight: b.weight(n), names: in.listOfLists(other)})
		}
	}
	objects.seal()
	g.search = []*searchIndex{b.search, objects}
	for i := range g.edges {
		e := &g.edges[i]
		e.from, e.to = in.day(e.from), in.day(e.to)
		e.sites = in.indices(e.sites)
	}
	g.adj = adjacency(len(g.nodes), g.edges)
	return g, nil
}

// adjacency lists each node's edges (indices in edges), all the lists
// views of one array: one object for the collector rather than one per
// node that takes part in something.
func adjacency(nodes int, edges []edge) [][]int32 {
	degree := make([]int32, nodes)
	for _, e := range edges {
		degree[e.a]++
		degree[e.b]++
	}
	all := make([]int32, 2*len(edges))
	adj := make([][]int32, nodes)
	at := 0
	for n, d := range degree {
		if d > 0 {
			adj[n] = all[at : at : at+int(d)]
			at += int(d)
		}
	}
	for i, e := range edges {
		adj[e.a] = append(adj[e.a], int32(i))
		adj[e.b] = append(adj[e.b], int32(i))
	}
	return adj
}

func (g *Graph) loadObjects(ctx context.Context, c *ent.Client, add func(node) int32, names map[int][][]string) error {
	link := func(id, a, b int, role string, from, to *time.Time, precision string, siteIDs []int) {
		ia, okA := g.index(a)
		ib, okB := g.index(b)
		if !okA || !okB {
			return
		}
		e := edge{id: id, a: ia, b: ib, role: role, from: from, to: to, precision: precision}
		for _, s := range siteIDs {
			if is, ok := g.index(s); ok {
				e.sites = append(e.sites, is)
			}
		}
		g.edges = append(g.edges, e)
	}
	groupings, err := c.Grouping.Query().WithEstablishments(func(q *ent.EstablishmentQuery) { q.Select("id", "legal_entity_id") }).
		WithTerritory(func(q *ent.TerritoryQuery) { q.Select("id", "kind", "code") }).All(ctx)
	if err != nil {
		return fmt.Errorf("graph: groupings: %w", err)
	}
	for _, gr := range groupings {
		finess := ""
		if gr.Finess != nil {
			finess = *gr.Finess
		}
		code := ""
		if gr.Code != nil {
			code = *gr.Code
		}
		place := ""
		if t := gr.Edges.Territory; t != nil {
			place = string(t.Kind) + ":" + t.Code
		}
		owner := 0
		if gr.LegalEntityID != nil {
			owner = *gr.LegalEntityID
		}
		add(node{id: gr.ID, kind: Grouping, label: gr.Name, finess: finess, code: code, place: place, category: string(gr.Kind), department: gr.DepartmentCode, from: gr.ValidFrom, to: gr.ValidTo, owner: owner})
		// A grouping FINESS registers through its sites binds their
		// entities; its own legal entity is its identity, not a member.
		for _, s := range gr.Edges.Establishments {
			if gr.LegalEntityID != nil && s.LegalEntityID == *gr.LegalEntityID {
				continue
			}
			link(s.ID, s.LegalEntityID, gr.ID, "REGISTERED", gr.ValidFrom, gr.ValidTo, prec(gr.ValidFromPrecision), []int{s.ID})
		}
	}
	conventions, err := c.Convention.Query().All(ctx)
	if err != nil {
		return fmt.Errorf("graph: conventions: %w", err)
	}
	for _, cv := range conventions {
		code := ""
		if cv.Code != nil {
			code = *cv.Code
		}
		add(node{id: cv.ID, kind: Convention, label: cv.Name, code: code, category: string(cv.Kind), from: cv.ValidFrom, to: cv.ValidTo})
	}
	filieres, err := c.Filiere.Query().All(ctx)
	if err != nil {
		return fmt.Errorf("graph: filières: %w", err)
	}
	for _, f := range filieres {
		add(node{id: f.ID, kind: Filiere, label: f.Name, category: string(f.Specialty), from: f.ValidFrom, to: f.ValidTo, designations: f.Designations})
		if f.ConventionID != nil {
			link(f.ID, f.ID, *f.ConventionID, "PART_OF", f.ValidFrom, f.ValidTo, prec(f.ValidFromPrecision), nil)
		}
	}
	teams, err := c.MedicalTeam.Query().All(ctx)
	if err != nil {
		return fmt.Errorf("graph: teams: %w", err)
	}
	for _, t := range teams {
		add(node{id: t.ID, kind: Team, label: t.Name, category: t.Specialty, from: t.ValidFrom, to: t.ValidTo})
		for _, parent := range []*int{t.ConventionID, t.GroupingID} {
			if parent != nil {
				link(t.ID, t.ID, *parent, "PART_OF", t.ValidFrom, t.ValidTo, prec(t.ValidFromPrecision), nil)
			}
		}
	}
	for offset := 0; ; offset += pageSize {
		ms, err := c.Membership.Query().Order(ent.Asc("id")).Offset(offset).Limit(pageSize).
			WithSites(func(q *ent.EstablishmentQuery) { q.Select("id") }).All(ctx)
		if err != nil {
			return fmt.Errorf("graph: memberships: %w", err)
		}
		for _, m := range ms {
			if m.LegalEntityID != nil {
				link(m.ID, *m.LegalEntityID, m.GroupingID, string(m.Role), m.ValidFrom, m.ValidTo, prec(m.ValidFromPrecision), ids(m.Edges.Sites))
			}
		}
		if len(ms) < pageSize {
			break
		}
	}
	for offset := 0; ; offset += pageSize {
		parties, err := c.ConventionParty.Query().Order(ent.Asc("id")).Offset(offset).Limit(pageSize).
			WithSites(func(q *ent.EstablishmentQuery) { q.Select("id") }).All(ctx)
		if err != nil {
			return fmt.Errorf("graph: parties: %w", err)
		}
		for _, p := range parties {
			if p.Designation != "" { // the name a convention gives its party
				names[p.LegalEntityID] = append(names[p.LegalEntityID], tokens(p.Designation))
			}
			link(p.ID, p.LegalEntityID, p.ConventionID, string(p.Role), p.ValidFrom, p.ValidTo, prec(p.ValidFromPrecision), ids(p.Edges.Sites))
		}
		if len(parties) < pageSize {
			break
		}
	}
	roles, err := c.FiliereRole.Query().All(ctx)
	if err != nil {
		return fmt.Errorf("graph: filière roles: %w", err)
	}
	for _, r := range roles {
		var named []int
		if r.EstablishmentID != nil {
			named = []int{*r.EstablishmentID}
		}
		level := "PARTICIPANT"
		if r.Level != nil {
			level = string(*r.Level)
		}
		link(r.ID, r.LegalEntityID, r.FiliereID, level, r.ValidFrom, r.ValidTo, prec(r.ValidFromPrecision), named)
	}
	teamSites, err := c.TeamSite.Query().WithEstablishment(func(q *ent.EstablishmentQuery) { q.Select("id", "legal_entity_id") }).All(ctx)
	if err != nil {
		return fmt.Errorf("graph: team sites: %w", err)
	}
	for _, ts := range teamSites {
		if s := ts.Edges.Establishment; s != nil {
			link(ts.ID, s.LegalEntityID, ts.TeamID, "TEAM_SITE", ts.ValidFrom, ts.ValidTo, prec(ts.ValidFromPrecision), []int{s.ID})
		}
	}
	return nil
}

// prec writes a record's start precision as the graph keeps it: "" for
// a day (or none given), "MONTH" or "YEAR".
func prec[P ~string](p *P) string {
	if p == nil || *p == "DAY" {
		return ""
	}
	return string(*p)
}

// pageSize bounds the records one eager-loading query names.
const pageSize = 10000

func ids(sites []*ent.Establishment) []int {
	out := make([]int, len(sites))
	for i, s := range sites {
		out[i] = s.ID
	}
	return out
}

// Nodes is the number of nodes in the graph.
func (g *Graph) Nodes() int { return len(g.nodes) }

// Edges is the number of edges in the graph.
func (g *Graph) Edges() int { return len(g.edges) }

// Node returns the node with this ID, as answers give it.
func (g *Graph) Node(id int) (NodeView, bool) {
	n, ok := g.index(id)
	if !ok {
		return NodeView{}, false
	}
	return g.view(n), true
}
