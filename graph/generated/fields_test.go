package generated

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// collectedFields answers what graphql.CollectFields answers, for every
// selection set and type of an operation, whether it remembers them or,
// past its bound, not, and from goroutines at once (go test -race).
func TestCollectedFieldsAreCollectFields(t *testing.T) {
	op := &graphql.OperationContext{Variables: map[string]any{"hide": true}}
	field := func(name string, directives ...*ast.Directive) *ast.Field {
		return &ast.Field{Name: name, Alias: name, Directives: directives}
	}
	skipped := &ast.Directive{Name: "skip", Arguments: ast.ArgumentList{{Name: "if", Value: &ast.Value{Kind: ast.Variable, Raw: "hide"}}}}
	site := []string{"Establishment", "Node"}
	entity := []string{"LegalEntity", "Node"}
	sets := []ast.SelectionSet{
		{field("finess"), field("name")},
		{field("finess"), field("name", skipped), field("legalEntity")},
		{field("name"), &ast.InlineFragment{TypeCondition: "LegalEntity", SelectionSet: ast.SelectionSet{field("legalStatus")}}},
	}
	// More selection sets than collectedFields remembers.
	for i := range maxCollectedSets + 8 {
		sets = append(sets, ast.SelectionSet{field(fmt.Sprintf("f%d", i))})
	}
	var c collectedFields
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 3 {
				for i, sel := range sets {
					for _, satisfies := range [][]string{site, entity} {
						got := c.collect(op, sel, satisfies)
						want := graphql.CollectFields(op, sel, satisfies)
						if !reflect.DeepEqual(names(got), names(want)) {
							t.Errorf("goroutine %d, round %d, set %d on %s: %v, want %v", g, round, i, satisfies[0], names(got), names(want))
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	if n := int(c.n.Load()); n != maxCollectedSets {
		t.Errorf("%d selection sets remembered, want the bound, %d", n, maxCollectedSets)
	}
	if got := names(c.collect(op, sets[2], entity)); !reflect.DeepEqual(got, []string{"name", "legalStatus"}) {
		t.Errorf("a fragment on the type: %v", got)
	}
	if got := names(c.collect(op, sets[2], site)); !reflect.DeepEqual(got, []string{"name"}) {
		t.Errorf("a fragment on another type: %v", got)
	}
}

func names(fields []graphql.CollectedField) []string {
	out := []string{}
	for _, f := range fields {
		out = append(out, f.Name)
	}
	return out
}
