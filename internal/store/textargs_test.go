package store

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestAsText(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want any
	}{
		{"no bytes: the same list", []any{1, "a"}, []any{1, "a"}},
		{"bytes as text", []any{[]byte(`x`), 2}, []any{"x", 2}},
		{"ent's JSON as text", []any{json.RawMessage(`["A"]`)}, []any{`["A"]`}},
		{"nil bytes stay NULL", []any{[]byte(nil)}, []any{[]byte(nil)}},
		{"not a list", 3, 3},
	}
	for _, tt := range tests {
		if got := asText(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %#v, want %#v", tt.name, got, tt.want)
		}
	}
}
