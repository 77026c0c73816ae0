package graph

import (
	"context"
	"strings"
	"testing"
)

// TestEveryConnectionIsPricedByItsPage fails when a connection is added
// to the schema without a complexity function: a request could then ask
// for a whole register at the cost of one field.
func TestEveryConnectionIsPricedByItsPage(t *testing.T) {
	exec := NewSchema(nil, nil)
	connections := 0
	for _, def := range exec.Schema().Types {
		if strings.HasPrefix(def.Name, "__") {
			continue
		}
		for _, f := range def.Fields {
			if !strings.HasSuffix(f.Type.Name(), "Connection") {
				continue
			}
			connections++
			tests := []struct {
				args map[string]any
				min  int
			}{
				{map[string]any{"first": 1000}, 1000},
				{map[string]any{"last": 2000}, 2000},
				{map[string]any{}, DefaultPageSize},
			}
			for _, tt := range tests {
				cost, ok := exec.Complexity(context.Background(), def.Name, f.Name, 1, tt.args)
				if !ok || cost < tt.min {
					t.Errorf("%s.%s%v costs %d (priced: %v), want at least %d", def.Name, f.Name, tt.args, cost, ok, tt.min)
				}
			}
		}
	}
	if connections < 10 {
		t.Errorf("found %d connections, want the 9 of Query and the nested one at least", connections)
	}
}

// TestEveryListIsPriced fails when a plain list field (an edge filtered
// by asOf) costs what one element costs: chained, such fields would let a
// small request fan out over the registers.
func TestEveryListIsPriced(t *testing.T) {
	exec := NewSchema(nil, nil)
	lists := 0
	for _, def := range exec.Schema().Types {
		if strings.HasPrefix(def.Name, "__") {
			continue
		}
		for _, f := range def.Fields {
			if f.Type.Elem == nil || f.Arguments.ForName("asOf") == nil {
				continue
			}
			lists++
			cost, ok := exec.Complexity(context.Background(), def.Name, f.Name, 4, map[string]any{})
			if !ok || cost < ListEstimate*5 {
				t.Errorf("%s.%s costs %d (priced: %v), want at least %d", def.Name, f.Name, cost, ok, ListEstimate*5)
			}
		}
	}
	if lists < 19 {
		t.Errorf("found %d list fields with asOf, want the 19 of the schema at least", lists)
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

func TestGraphQueriesArePricedByTheirLimit(t *testing.T) {
	exec := NewSchema(nil, nil)
	tests := []struct {
		field string
		args  map[string]any
		min   int
	}{
		{"cooperationGraph", map[string]any{"filter": map[string]any{"limit": 20000}}, 20000},
		{"cooperationGraph", map[string]any{"filter": map[string]any{}}, 2000},
		{"neighborhood", map[string]any{"id": "1", "filter": map[string]any{"limit": 5000}}, 5000},
	}
	for _, tt := range tests {
		cost, ok := exec.Complexity(context.Background(), "Query", tt.field, 1, tt.args)
		if !ok || cost < tt.min {
			t.Errorf("%s%v costs %d (priced: %v), want at least %d", tt.field, tt.args, cost, ok, tt.min)
		}
	}
}
