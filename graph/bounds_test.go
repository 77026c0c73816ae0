package graph

import (
	"context"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestEveryListIsBounded walks the whole schema and fails on any list
// field, present or added later, whose length nothing bounds: it must be
// a connection's edges (priced by the connection's page), a graph
// answer's list (priced by the query's limit), or carry a price of its
// own that grows with its bound.
func TestEveryListIsBounded(t *testing.T) {
	exec := NewSchema(nil, nil)
	lists := 0
	for _, def := range exec.Schema().Types {
		if def.Kind != ast.Object || strings.HasPrefix(def.Name, "__") {
			continue
		}
		for _, f := range def.Fields {
			name := def.Name + "." + f.Name
			switch {
			case strings.HasSuffix(f.Type.Name(), "Connection") && f.Type.Elem == nil:
				lists++
				for _, args := range []map[string]any{{"first": 1000}, {"last": 700}, {}} {
					want := DefaultPageSize
					if n, ok := args["first"].(int); ok {
						want = n
					} else if n, ok := args["last"].(int); ok {
						want = n
					}
					if cost, ok := exec.Complexity(context.Background(), def.Name, f.Name, 1, args); !ok || cost < 2*want {
						t.Errorf("%s%v costs %d (priced: %v), want at least %d: a connection is priced by its page", name, args, cost, ok, 2*want)
					}
				}
			case f.Type.Elem == nil:
			case strings.HasSuffix(def.Name, "Connection") && f.Name == "edges", boundedByParent[name]:
				lists++
			default:
				lists++
				args := map[string]any{}
				want := 2 // a list of one element costs it and itself
				if f.Arguments.ForName("first") != nil {
					args["first"] = 7
					want = 7 * 2
				}
				cost, ok := exec.Complexity(context.Background(), def.Name, f.Name, 1, args)
				if !ok || cost < want {
					t.Errorf("%s%v costs %d (priced: %v): a list needs a bound and a price from it (graph/bounds.go)", name, args, cost, ok)
				}
			}
		}
	}
	if lists < 45 {
		t.Errorf("found %d lists, want the 45 of the schema at least", lists)
	}
}

func TestRecordListsArePricedByTheirBound(t *testing.T) {
	exec := NewSchema(nil, nil)
	tests := []struct {
		args map[string]any
		want int
	}{
		{map[string]any{}, MaxListItems * 5},
		{map[string]any{"first": 3}, 3 * 5},
		{map[string]any{"first": 5000}, MaxListItems * 5},
		{map[string]any{"first": -2}, 5},
	}
	for _, tt := range tests {
		cost, ok := exec.Complexity(context.Background(), "LegalEntity", "establishments", 4, tt.args)
		if !ok || cost != tt.want {
			t.Errorf("LegalEntity.establishments%v costs %d (priced: %v), want %d", tt.args, cost, ok, tt.want)
		}
	}
}

func TestGraphQueriesArePricedByTheirLimit(t *testing.T) {
	exec := NewSchema(nil, nil)
	tests := []struct {
		field string
		args  map[string]any
		want  int
	}{
		{"cooperationGraph", map[string]any{"filter": map[string]any{"limit": 20000}}, 20000 * 11},
		{"cooperationGraph", map[string]any{"filter": map[string]any{}}, 2000 * 11},
		{"cooperationGraph", map[string]any{"filter": map[string]any{"limit": 0}}, 2000 * 11},
		{"neighborhood", map[string]any{"id": "1", "filter": map[string]any{"limit": 5000}}, 5000 * 11},
		{"cooperationPath", map[string]any{"from": "1", "to": "2"}, 2000 * 11},
		{"cooperationChecks", map[string]any{}, 2000 * 11},
		{"cooperationDiff", map[string]any{"filter": map[string]any{"limit": 10}}, 10 * 11},
	}
	for _, tt := range tests {
		cost, ok := exec.Complexity(context.Background(), "Query", tt.field, 10, tt.args)
		if !ok || cost != tt.want {
			t.Errorf("%s%v costs %d (priced: %v), want %d", tt.field, tt.args, cost, ok, tt.want)
		}
	}
}

func TestTimesSaturates(t *testing.T) {
	tests := []struct{ n, child, want int }{
		{0, 0, 1},
		{3, 4, 15},
		{1 << 30, 1 << 30, 1<<31 - 1},
		{-5, -5, 1},
	}
	for _, tt := range tests {
		if got := times(tt.n, tt.child); got != tt.want {
			t.Errorf("times(%d, %d) = %d, want %d", tt.n, tt.child, got, tt.want)
		}
	}
}

func TestPageSize(t *testing.T) {
	ten := 10
	tests := []struct {
		name        string
		first, last *int
		want        *int
	}{
		{"neither: the default page", nil, nil, ptr(DefaultPageSize)},
		{"first kept", &ten, nil, &ten},
		{"last alone: no first", nil, &ten, nil},
	}
	for _, tt := range tests {
		got := pageSize(tt.first, tt.last)
		if (got == nil) != (tt.want == nil) || (got != nil && *got != *tt.want) {
			t.Errorf("%s: pageSize = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func ptr(n int) *int { return &n }

// TestCostOfAnInterfaceIsItsDearestType: a node asked with a fragment per
// type costs what its most expensive type costs, not their sum; lists
// inside still multiply.
func TestCostOfAnInterfaceIsItsDearestType(t *testing.T) {
	exec := NewSchema(nil, nil)
	tests := []struct {
		query string
		want  int
	}{
		{`{ node(id: "1") { id } }`, 2},
		{`{ node(id: "1") { id ... on Establishment { name finess } ... on LegalEntity { name } } }`, 4},
		{`{ node(id: "1") { ...E ...L } } fragment E on Establishment { name finess } fragment L on LegalEntity { establishments(first: 10) { name } }`, 10*2 + 1},
		{`{ legalEntity(finess: "420784878") { establishments { legalEntity { establishments { finess } } } } }`, 1 + 1000*(1+1000*2+1)},
		{`{ search(text: "x", first: 5) { label node { ... on Establishment { name } ... on Grouping { memberships(first: 3) { role } } } } }`, 5 * (1 + 1 + 3*2 + 1)},
	}
	for _, tt := range tests {
		doc, errs := gqlparser.LoadQuery(exec.Schema(), tt.query)
		if errs != nil {
			t.Fatalf("%s: %v", tt.query, errs)
		}
		if got := Cost(context.Background(), exec, doc.Operations[0], nil); got != tt.want {
			t.Errorf("%s costs %d, want %d", tt.query, got, tt.want)
		}
	}
}
