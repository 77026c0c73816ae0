package coopgraph

import (
	"strings"
	"testing"
	"time"
)

// testGraph builds small graphs for the rules' tests.
type testGraph struct{ g *Graph }

func newTestGraph() *testGraph {
	return &testGraph{g: &Graph{byID: map[int]int32{}, sites: map[int32][]int32{}}}
}

func date(s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func (t *testGraph) add(n node) int32 {
	i := int32(len(t.g.nodes))
	t.g.nodes = append(t.g.nodes, n)
	t.g.byID[n.id] = i
	return i
}

// hospital adds a public or private legal entity with one centre hospitalier
// site in a département.
func (t *testGraph) hospital(id int, label string, public bool, dep, region string) int32 {
	e := t.add(node{id: id, kind: LegalEntity, label: label, finess: "E" + label, public: public, entity: -1})
	t.site(id+1, e, label+" site", "355", "1102", dep, region, "", "")
	return e
}

func (t *testGraph) site(id int, e int32, label, cat, group, dep, region, from, to string) int32 {
	s := t.add(node{id: id, kind: Site, label: label, finess: "S" + label, catCode: cat, catGroup: group, department: dep, region: region, entity: e, from: date(from), to: date(to)})
	t.g.sites[e] = append(t.g.sites[e], s)
	return s
}

func (t *testGraph) object(id int, kind Kind, label, category, place, from, to string) int32 {
	return t.add(node{id: id, kind: kind, label: label, code: label, category: category, place: place, entity: -1, from: date(from), to: date(to)})
}

func (t *testGraph) link(id int, a, b int32, role, from, to string, sites ...int32) {
	t.g.edges = append(t.g.edges, edge{id: id, a: a, b: b, role: role, from: date(from), to: date(to), sites: sites})
}

func (t *testGraph) done() *Graph {
	t.g.adj = make([][]int32, len(t.g.nodes))
	for i, e := range t.g.edges {
		t.g.adj[e.a] = append(t.g.adj[e.a], int32(i))
		t.g.adj[e.b] = append(t.g.adj[e.b], int32(i))
	}
	return t.g
}

// findings runs one rule as of day and returns its findings' messages.
// isNotice reports whether a finding says a rule's data is not loaded
// (one per rule, naming no record) rather than something of a record.
func isNotice(f Finding) bool {
	return f.Severity == SeverityInfo && strings.HasPrefix(f.Message, "Aucune ")
}

func findings(t *testing.T, g *Graph, rule, day string) []Finding {
	t.Helper()
	r, err := g.Checks(Filter{AsOf: date(day)}, []string{rule})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Findings {
		if f.Rule != rule || f.Message == "" || (len(f.Records) == 0) != isNotice(f) {
			t.Errorf("malformed finding %+v", f)
		}
	}
	return r.Findings
}
