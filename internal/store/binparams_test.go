package store

import "testing"

func TestWithBinaryParameters(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://h/db", "postgres://h/db?binary_parameters=yes"},
		{"postgres://h/db?sslmode=disable", "postgres://h/db?sslmode=disable&binary_parameters=yes"},
		{"postgres://h1,h2/db?port=1,2&target_session_attrs=read-write", "postgres://h1,h2/db?port=1,2&target_session_attrs=read-write&binary_parameters=yes"},
		{"postgres://h/db?binary_parameters=no", "postgres://h/db?binary_parameters=no"}, // the URL decides
	}
	for _, tt := range tests {
		if got := withBinaryParameters(tt.in); got != tt.want {
			t.Errorf("withBinaryParameters(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
