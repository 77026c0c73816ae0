package generated

import (
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// objectWriter writes what gqlgen's graphql.FieldSet writes.
func TestObjectWriterWritesAsFieldSet(t *testing.T) {
	field := func(alias string) graphql.CollectedField {
		return graphql.CollectedField{Field: &ast.Field{Alias: alias, Name: alias}}
	}
	tests := []struct {
		name   string
		fields []graphql.CollectedField
		values []graphql.Marshaler
		want   string
	}{
		{"no field", nil, nil, `{}`},
		{"fields in order", []graphql.CollectedField{field("finess"), field("name"), field("legalEntity")},
			[]graphql.Marshaler{graphql.MarshalString("420782559"), graphql.MarshalString("CH \"Bellevue\""), graphql.Null},
			`{"finess":"420782559","name":"CH \"Bellevue\"","legalEntity":null}`},
		{"the first of two with one alias", []graphql.CollectedField{field("id"), field("name"), field("id")},
			[]graphql.Marshaler{graphql.MarshalInt(1), graphql.MarshalString("a"), graphql.MarshalInt(2)},
			`{"id":1,"name":"a"}`},
		{"the second field repeats the first", []graphql.CollectedField{field("id"), field("id")},
			[]graphql.Marshaler{graphql.MarshalInt(1), graphql.MarshalInt(2)},
			`{"id":1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := graphql.NewFieldSet(tt.fields)
			copy(set.Values, tt.values)
			if got := str(set); got != tt.want {
				t.Fatalf("the test's want is not gqlgen's: %s", got)
			}
			if got := str(objectWriter{tt.fields, set}); got != tt.want {
				t.Errorf("objectWriter wrote %s, want %s", got, tt.want)
			}
		})
	}
}
