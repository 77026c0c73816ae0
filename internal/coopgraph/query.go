package coopgraph

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/internal/period"
)

// Limits on what one answer holds: at most limit nodes and limit edges
// (DefaultLimit when the filter gives none, at most MaxLimit), and in the
// organisations projection at most MaxShared shared objects listed per
// link (its weight counts them all).
const (
	DefaultLimit = 2000
	MaxLimit     = 20000
	MaxDepth     = 3
	MaxShared    = 100
)

// Filter narrows a traversal.
type Filter struct {
	AsOf        *time.Time // nil: today
	Level       Kind       // LegalEntity (the default) or Site
	Territories []string   // région, département or commune codes: organisations located there
	Kinds       []Kind     // cooperation object kinds kept; empty: all
	// Only groupings, conventions and filières of these kinds and
	// specialties (other objects are kept); empty: all.
	GroupingKinds, ConventionKinds, Specialties []string
	// Only organisations with a site of these FINESS categories; empty: all.
	Categories []string
	Projection Projection // Bipartite (the default) or Organisations
	Limit      int        // most nodes, and most edges, in the answer; 0: DefaultLimit
	// WithMemberless draws the groupings no source gives a member (the
	// structures FINESS registers), as nodes without edges.
	WithMemberless bool
}

// Projection is how a cooperation graph is drawn.
type Projection string

// Projections: organisations and objects as nodes, or organisations only,
// linked when they share objects.
const (
	Bipartite     Projection = "BIPARTITE"
	Organisations Projection = "ORGANISATIONS"
)

// NodeView is a node as an answer gives it.
type NodeView struct {
	ID             int
	Kind           string
	Label          string
	Finess         *string
	Code           *string
	Category       *string
	Latitude       *float64
	Longitude      *float64
	TerritoryCode  *string // commune of a site; of a legal entity's first positioned site
	DepartmentCode *string
	RegionCode     *string
}

// EdgeView is an edge as an answer gives it: from an organisation (or a
// filière or team) to the object it takes part in.
type EdgeView struct {
	ID        string // the record's ID; "record:site" when a participation is drawn per site
	Record    int    // the membership, party, role, team site or object behind the edge
	Source    int
	Target    int
	Role      *string
	ValidFrom *time.Time
	ValidTo   *time.Time
	// ValidFromPrecision is MONTH or YEAR when the source gives the start
	// only to the month or the year (ValidFrom is then its first day).
	ValidFromPrecision *string
	// Uncertain is true when the answer's day falls within that month or
	// year: whether the record held on the day, the source does not say.
	Uncertain bool
	Weight    *int
	Shared    []int // in the organisations projection: the objects both take part in, at most MaxShared
}

// Result is a subgraph.
type Result struct {
	Nodes      []NodeView
	Edges      []EdgeView
	Truncated  bool
	TotalNodes int
	TotalEdges int
	// MemberlessGroupings counts the groupings located in the filter's
	// territories, in force on its day, with no member to draw (none
	// known, or none matched to a loaded organisation).
	MemberlessGroupings int
}

// query is a filter made ready for traversal.
type query struct {
	day         time.Time
	siteLevel   bool
	kinds       map[Kind]bool
	territories map[string]bool // as given; nil: everywhere
	// The territories by kind: a bare code may name a région and a
	// département ("84"), KIND:CODE says which.
	communes, departments, regions map[string]bool
	subkinds                       map[Kind]map[string]bool
	categories                     map[string]bool
	projection                     Projection
	limit                          int
	// traversal: a neighbourhood or a path, which at site level may step
	// from a site to its legal entity (and, for a path, down to target).
	traversal bool
	target    int32
	// withMemberless: see Filter.WithMemberless.
	withMemberless bool
}

// siteOf is the hop between a site and its legal entity, which no record
// stands for: the register says the site belongs to the entity.
const siteOf int32 = -1

func add(m map[string]bool, v string) map[string]bool {
	if m == nil {
		m = map[string]bool{}
	}
	m[v] = true
	return m
}

// holds reports whether [from, to) contains the query's day; the graph's
// dates are whole days (interner.day).
func (q *query) holds(from, to *time.Time) bool { return period.HoldsDay(from, to, q.day) }

func set(values []string) map[string]bool {
	if len(values) == 0 {
		return nil
	}
	m := make(map[string]bool, len(values))
	for _, v := range values {
		m[v] = true
	}
	return m
}

func (g *Graph) prepare(f Filter) (*query, error) {
	q := &query{day: period.Day(time.Now()), limit: DefaultLimit}
	if f.AsOf != nil {
		q.day = period.Day(*f.AsOf)
	}
	switch f.Level {
	case "", LegalEntity:
	case Site:
		q.siteLevel = true
	default:
		return nil, apperr.BadInput("level", fmt.Errorf("level %q: want LEGAL_ENTITY or SITE", f.Level))
	}
	if f.Limit < 0 || f.Limit > MaxLimit {
		return nil, apperr.BadInput("limit", fmt.Errorf("limit %d: want 1 to %d", f.Limit, MaxLimit))
	}
	if f.Limit > 0 {
		q.limit = f.Limit
	}
	if len(f.Kinds) > 0 {
		q.kinds = map[Kind]bool{}
		for _, k := range f.Kinds {
			if k.IsOrganisation() {
				return nil, apperr.BadInput("kinds", fmt.Errorf("kind %s is an organisation: kinds names cooperation objects", k))
			}
			q.kinds[k] = true
		}
	}
	q.territories = set(f.Territories)
	for _, t := range f.Territories {
		kind, code, qualified := strings.Cut(t, ":")
		switch {
		case !qualified:
			q.communes, q.departments, q.regions = add(q.communes, t), add(q.departments, t), add(q.regions, t)
		case kind == "COMMUNE":
			q.communes = add(q.communes, code)
		case kind == "DEPARTMENT":
			q.departments = add(q.departments, code)
		case kind == "REGION":
			q.regions = add(q.regions, code)
		}
	}
	q.categories = set(f.Categories)
	q.withMemberless = f.WithMemberless
	q.subkinds = map[Kind]map[string]bool{Grouping: set(f.GroupingKinds), Convention: set(f.ConventionKinds), Filiere: set(f.Specialties)}
	switch f.Projection {
	case "", Bipartite:
		q.projection = Bipartite
	case Organisations:
		q.projection = Organisations
	default:
		return nil, apperr.BadInput("projection", fmt.Errorf("projection %q: want BIPARTITE or ORGANISATIONS", f.Projection))
	}
	return q, nil
}

// live reports whether node n is in force and kept by the filter.
func (g *Graph) live(q *query, n int32) bool {
	nd := &g.nodes[n]
	if !q.holds(nd.from, nd.to) {
		return false
	}
	if nd.kind.IsOrganisation() {
		return q.categories == nil || g.hasCategory(q, n)
	}
	if q.kinds != nil && !q.kinds[nd.kind] {
		return false
	}
	if sub := q.subkinds[nd.kind]; sub != nil && !sub[nd.category] {
		return false
	}
	return true
}

// hasCategory reports whether a site, or one of an entity's sites, is of
// one of the filter's categories.
func (g *Graph) hasCategory(q *query, n int32) bool {
	if g.nodes[n].kind == Site {
		return q.categories[g.nodes[n].catCode]
	}
	for _, s := range g.sites[n] {
		if q.categories[g.nodes[s].catCode] {
			return true
		}
	}
	return false
}

// located reports whether a node lies in the filter's territories.
func (g *Graph) located(q *query, n int32) bool {
	if q.territories == nil {
		return true
	}
	nd := &g.nodes[n]
	if nd.kind == LegalEntity {
		for _, s := range g.sites[n] {
			if g.located(q, s) {
				return true
			}
		}
		return false
	}
	return q.communes[nd.commune] || q.departments[nd.department] || q.regions[nd.region]
}

// memberless reports whether no organisation of the graph takes part in
// grouping n.
func (g *Graph) memberless(n int32) bool {
	for _, ei := range g.adj[n] {
		e := &g.edges[ei]
		if g.nodes[e.a].kind.IsOrganisation() || g.nodes[e.b].kind.IsOrganisation() {
			return false
		}
	}
	return true
}

// groupingLocated reports whether a grouping lies in the filter's
// territories: where its own legal entity is, or the territory its
// source gives it.
func (g *Graph) groupingLocated(q *query, n int32) bool {
	if q.territories == nil {
		return true
	}
	nd := &g.nodes[n]
	if owner, ok := g.index(nd.owner); ok && g.located(q, owner) {
		return true
	}
	kind, code, ok := strings.Cut(nd.place, ":")
	return ok && (kind == "COMMUNE" && q.communes[code] || kind == "DEPARTMENT" && q.departments[code] || kind == "REGION" && q.regions[code])
}

// hop is one traversal step: along edge e to node to (a site at site level).
type hop struct{ e, to int32 }

// neighbors lists the hops from n in force on the query's day.
func (g *Graph) neighbors(q *query, n int32) []hop {
	var out []hop
	from := n
	if g.nodes[n].kind == Site {
		from = g.nodes[n].entity
		if from < 0 {
			return nil
		}
	}
	for _, ei := range g.adj[from] {
		e := &g.edges[ei]
		if !q.holds(e.from, e.to) {
			continue
		}
		other := e.a
		if other == from {
			other = e.b
		}
		if g.nodes[n].kind == Site && !slices.Contains(e.sites, n) {
			continue // the participation names other sites of the entity, or none
		}
		if g.nodes[n].kind == LegalEntity && q.siteLevel && len(e.sites) > 0 {
			continue // drawn at the sites it names
		}
		if !g.live(q, other) {
			continue
		}
		if g.nodes[other].kind == LegalEntity && q.siteLevel && len(e.sites) > 0 {
			for _, s := range e.sites {
				if g.live(q, s) {
					out = append(out, hop{ei, s})
				}
			}
			continue
		}
		out = append(out, hop{ei, other})
	}
	if q.siteLevel && q.traversal {
		nd := &g.nodes[n]
		switch {
		case nd.kind == Site && nd.entity >= 0:
			out = append(out, hop{siteOf, nd.entity}) // to the participations that name no site
		case nd.kind == LegalEntity && q.target >= 0 && g.nodes[q.target].entity == n:
			out = append(out, hop{siteOf, q.target})
		}
	}
	return out
}

// start resolves a node ID for a traversal at the query's level.
func (g *Graph) start(q *query, id int) (int32, error) {
	n, ok := g.index(id)
	if !ok {
		return 0, apperr.NotFound("node of the cooperation graph", fmt.Sprintf("ID %d", id))
	}
	if g.nodes[n].kind == Site && !q.siteLevel {
		if e := g.nodes[n].entity; e >= 0 {
			return e, nil
		}
	}
	return n, nil
}

// builder gathers an answer, bounded by the query's limit.
type builder struct {
	g         *Graph
	q         *query
	nodes     []bool // by node index: in the answer
	order     []int32
	edges     []EdgeView
	seenEdges map[edgeKey]bool
	truncated bool
}

// edgeKey names an answer's edge: a record, drawn once per site at site
// level (site -1 otherwise).
type edgeKey struct{ edge, site int32 }

func newBuilder(g *Graph, q *query) *builder {
	return &builder{g: g, q: q, nodes: make([]bool, len(g.nodes)), seenEdges: map[edgeKey]bool{}}
}

// node adds n; false when the limit is reached.
func (b *builder) node(n int32) bool {
	if b.nodes[n] {
		return true
	}
	if len(b.order) >= b.q.limit {
		b.truncated = true
		return false
	}
	b.nodes[n] = true
	b.order = append(b.order, n)
	return true
}

// view is e as an answer on day gives it, from source to target.
func (e *edge) view(id string, source, target int, day time.Time) EdgeView {
	v := EdgeView{ID: id, Record: e.id, Source: source, Target: target, Role: &e.role, ValidFrom: e.from, ValidTo: e.to}
	if e.precision != "" {
		p := e.precision
		v.ValidFromPrecision = &p
		v.Uncertain = uncertainStart(e.from, e.precision, day)
	}
	return v
}

// uncertainStart reports whether a start known only to its month or year
// leaves open whether the record held on day: day falls in that month or
// year.
func uncertainStart(from *time.Time, precision string, day time.Time) bool {
	if from == nil {
		return false
	}
	switch precision {
	case "YEAR":
		return day.Year() == from.Year()
	case "MONTH":
		return day.Year() == from.Year() && day.Month() == from.Month()
	}
	return false
}

// edge adds the hop from n (both ends must be in the answer).
func (b *builder) edge(n int32, h hop) {
	if h.e == siteOf {
		b.siteOfEdge(n, h.to)
		return
	}
	e := &b.g.edges[h.e]
	// Edges run from the organisation (or the filière or team) to the object.
	src, dst := n, h.to
	if b.g.nodes[dst].kind.IsOrganisation() || (!b.g.nodes[src].kind.IsOrganisation() && src == e.b) {
		src, dst = dst, src
	}
	key := edgeKey{h.e, -1}
	if b.g.nodes[src].kind == Site {
		key.site = src
	}
	if b.seenEdges[key] {
		return
	}
	if len(b.edges) >= b.q.limit {
		b.truncated = true
		return
	}
	b.seenEdges[key] = true
	id := strconv.Itoa(e.id)
	if key.site >= 0 {
		id += ":" + strconv.Itoa(b.g.nodes[src].id)
	}
	// The graph is immutable: answers may point into it.
	b.edges = append(b.edges, e.view(id, b.g.nodes[src].id, b.g.nodes[dst].id, b.q.day))
}

// siteOfEdge adds the link between a site and its legal entity, from
// the site; its record is the site.
func (b *builder) siteOfEdge(a, c int32) {
	site, entity := a, c
	if b.g.nodes[site].kind != Site {
		site, entity = c, a
	}
	key := edgeKey{siteOf, site}
	if b.seenEdges[key] {
		return
	}
	if len(b.edges) >= b.q.limit {
		b.truncated = true
		return
	}
	b.seenEdges[key] = true
	id := b.g.nodes[site].id
	role := "SITE_OF"
	b.edges = append(b.edges, EdgeView{ID: "site:" + strconv.Itoa(id), Record: id, Source: id, Target: b.g.nodes[entity].id, Role: &role})
}

func (b *builder) result() *Result {
	r := &Result{Truncated: b.truncated, TotalNodes: len(b.order), TotalEdges: len(b.edges), Edges: b.edges}
	for _, n := range b.order {
		r.Nodes = append(r.Nodes, b.g.view(n))
	}
	return r
}

func (g *Graph) view(n int32) NodeView {
	nd := &g.nodes[n]
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	v := NodeView{ID: nd.id, Kind: string(nd.kind), Label: nd.label, Category: opt(nd.category),
		TerritoryCode: opt(nd.commune), DepartmentCode: opt(nd.department), RegionCode: opt(nd.region)}
	if nd.kind.IsOrganisation() || nd.kind == Grouping {
		v.Finess = opt(nd.finess)
	}
	v.Code = opt(nd.code)
	if nd.located {
		lat, lon := nd.lat, nd.lon
		v.Latitude, v.Longitude = &lat, &lon
	}
	return v
}

// Neighborhood returns everything within depth hops (1 to MaxDepth) of
// the node id, as of the filter's day.
func (g *Graph) Neighborhood(id, depth int, f Filter) (*Result, error) {
	if depth < 1 || depth > MaxDepth {
		return nil, apperr.BadInput("depth", fmt.Errorf("depth %d: want 1 to %d", depth, MaxDepth))
	}
	q, err := g.prepare(f)
	if err != nil {
		return nil, err
	}
	s, err := g.start(q, id)
	if err != nil {
		return nil, err
	}
	q.traversal, q.target = true, -1
	b := newBuilder(g, q)
	b.node(s)
	frontier := []int32{s}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		var next []int32
		for _, n := range frontier {
			for _, h := range g.neighbors(q, n) {
				known := b.nodes[h.to]
				if !known && !b.node(h.to) {
					continue
				}
				b.edge(n, h)
				if !known {
					next = append(next, h.to)
				}
			}
		}
		frontier = next
	}
	return b.result(), nil
}

// Path returns the shortest chain of cooperations from one organisation
// to another, nodes and edges in path order, or nil when none links them
// as of the filter's day.
func (g *Graph) Path(from, to int, f Filter) (*Result, error) {
	q, err := g.prepare(f)
	if err != nil {
		return nil, err
	}
	s, err := g.start(q, from)
	if err != nil {
		return nil, err
	}
	t, err := g.start(q, to)
	if err != nil {
		return nil, err
	}
	q.traversal, q.target = true, t
	parent := map[int32]hop{s: {-1, -1}}
	frontier := []int32{s}
	for len(frontier) > 0 && !has(parent, t) {
		var next []int32
		for _, n := range frontier {
			for _, h := range g.neighbors(q, n) {
				if has(parent, h.to) {
					continue
				}
				parent[h.to] = hop{h.e, n}
				next = append(next, h.to)
			}
		}
		frontier = next
	}
	if !has(parent, t) {
		return nil, nil
	}
	var chain []int32
	for n := t; n != -1; n = parent[n].to {
		chain = append(chain, n)
	}
	slices.Reverse(chain)
	b := newBuilder(g, q) // a chain longer than the limit is cut, and says so
	for i, n := range chain {
		if !b.node(n) {
			break
		}
		if i > 0 {
			b.edge(chain[i-1], hop{parent[n].e, n})
		}
	}
	return b.result(), nil
}

func has(m map[int32]hop, n int32) bool { _, ok := m[n]; return ok }

// Cooperation returns the cooperations of the organisations located in
// the filter's territories, as of its day: each object they take part in,
// its participants there, and the participations.
func (g *Graph) Cooperation(f Filter) (*Result, error) {
	q, err := g.prepare(f)
	if err != nil {
		return nil, err
	}
	b := newBuilder(g, q)
	inTotal := make([]bool, len(g.nodes))
	totalNodes, totalEdges, memberless := 0, 0, 0
	count := func(n int32) {
		if !inTotal[n] {
			inTotal[n] = true
			totalNodes++
		}
	}
	for n := range g.nodes {
		n := int32(n)
		// At site level, sites take part where their sources name them,
		// their entities where the sources name no site.
		if kind := g.nodes[n].kind; !(kind == LegalEntity || kind == Site && q.siteLevel) || !g.located(q, n) || !g.live(q, n) {
			continue
		}
		for _, h := range g.neighbors(q, n) {
			totalEdges++
			count(n)
			count(h.to)
			if b.node(n) && b.node(h.to) {
				b.edge(n, h)
			}
		}
	}
	for n := range g.nodes {
		n := int32(n)
		if g.nodes[n].kind != Grouping || !g.live(q, n) || !g.memberless(n) || !g.groupingLocated(q, n) {
			continue
		}
		memberless++
		if q.withMemberless {
			count(n)
			b.node(n)
		}
	}
	r := b.result()
	r.TotalNodes, r.TotalEdges, r.MemberlessGroupings = totalNodes, totalEdges, memberless
	r.Truncated = r.TotalNodes > len(r.Nodes) || r.TotalEdges > len(r.Edges)
	if q.projection == Organisations {
		g.project(r, q.limit)
	}
	return r, nil
}

// projectionWork bounds the work of a projection: the (link, shared
// object) pairs it may count, per node of the limit.
const projectionWork = 10

// project turns a bipartite answer into its organisations projection:
// two organisations are linked, with a weight, when they take part in
// the same objects, which the link lists. An object with k participants
// makes k(k-1)/2 links, so the work is bounded by construction: objects
// are taken whole, in ID order, while the links stay within limit and
// the pairs counted within projectionWork × limit; an object that would
// pass either is left out and the answer says it is truncated. Weights
// count the shared objects of the answer, as a bipartite answer shows.
// A list of designations links no one: its source does not say that
// the centres it designates cooperate.
func (g *Graph) project(r *Result, limit int) {
	objects := map[int]bool{}
	var orgs []NodeView
	for _, n := range r.Nodes {
		if Kind(n.Kind).IsOrganisation() {
			orgs = append(orgs, n)
		} else {
			objects[n.ID] = true
		}
	}
	members := map[int][]int{} // object → organisations
	for _, e := range r.Edges {
		if i, ok := g.index(e.Target); ok && g.nodes[i].designations {
			continue
		}
		if objects[e.Target] && !objects[e.Source] && !slices.Contains(members[e.Target], e.Source) {
			members[e.Target] = append(members[e.Target], e.Source)
		}
	}
	type pair struct{ a, b int }
	weight := map[pair]int{}
	shared := map[pair][]int{}
	var order []pair
	objectIDs := make([]int, 0, len(members))
	for o := range members {
		objectIDs = append(objectIDs, o)
	}
	slices.Sort(objectIDs)
	work := projectionWork * max(limit, 1)
	for _, o := range objectIDs {
		ms := members[o]
		pairs := len(ms) * (len(ms) - 1) / 2
		if pairs > work {
			r.Truncated = true
			continue
		}
		work -= pairs
		slices.Sort(ms)
		added := 0
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				if _, ok := weight[pair{ms[i], ms[j]}]; !ok {
					added++
				}
			}
		}
		if len(order)+added > limit {
			r.Truncated = true
			continue
		}
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				p := pair{ms[i], ms[j]}
				if _, ok := weight[p]; !ok {
					order = append(order, p)
				}
				weight[p]++
				if len(shared[p]) < MaxShared {
					shared[p] = append(shared[p], o)
				}
			}
		}
	}
	edges := make([]EdgeView, 0, len(order))
	for _, p := range order {
		w := weight[p]
		edges = append(edges, EdgeView{ID: fmt.Sprintf("%d-%d", p.a, p.b), Source: p.a, Target: p.b, Weight: &w, Shared: shared[p]})
	}
	r.Nodes, r.Edges = orgs, edges
	r.TotalNodes, r.TotalEdges = len(orgs), len(edges)
}
