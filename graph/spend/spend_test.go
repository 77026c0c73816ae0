package spend_test

import (
	"context"
	"testing"

	"github.com/maillage/maillage/graph/spend"
)

func TestCharge(t *testing.T) {
	name := "CH DE ROANNE" // 12 bytes, 14 written
	tests := []struct {
		name                string
		maxFields, maxBytes int64
		charges             []any
		within              []bool
	}{
		{"no limits", 0, 0, []any{"a", 1, nil}, []bool{true, true, true}},
		{"past the fields", 2, 0, []any{1, 2, 3, 4}, []bool{true, true, false, false}},
		{"past the bytes", 0, 30, []any{name, &name, name}, []bool{true, true, false}},
		{"a nil pointer writes null", 0, 8, []any{(*string)(nil), (*string)(nil), (*string)(nil)}, []bool{true, true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := spend.New(tt.maxFields, tt.maxBytes)
			ctx := spend.With(context.Background(), m)
			for i, v := range tt.charges {
				if got := spend.Charge(ctx, v); got != tt.within[i] {
					t.Errorf("charge %d (%v): within %v, want %v", i, v, got, tt.within[i])
				}
			}
			if want := !tt.within[len(tt.within)-1]; m.Over() != want {
				t.Errorf("over %v, want %v", m.Over(), want)
			}
		})
	}
	if !spend.Charge(context.Background(), "x") {
		t.Error("a request without a meter is never over")
	}
}
