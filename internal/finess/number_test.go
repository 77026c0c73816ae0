package finess

import (
	"errors"
	"testing"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		n    string
		want error
	}{
		{"420782559", nil}, // CHU de Saint-Étienne, Hôpital de Bellevue
		{"420784878", nil}, // CHU de Saint-Étienne, legal entity
		{"010000024", nil},
		{"2A0001350", nil}, // Corsica: A counts as 1
		{"2B0004634", nil}, // Corsica: B counts as 2
		{"970100228", nil},
		{"420782558", ErrCheckKey},
		{"2A0001351", ErrCheckKey},
		{"42078255", ErrFormat},
		{"4207825590", ErrFormat},
		{"42O782559", ErrFormat},
		{"3A0001350", ErrFormat},
		{"2C0001350", ErrFormat},
		{"", ErrFormat},
	}
	for _, tt := range tests {
		err := Validate(tt.n)
		if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
			t.Errorf("Validate(%q) = %v, want %v", tt.n, err, tt.want)
		}
	}
}

func TestDepartment(t *testing.T) {
	tests := map[string]string{
		"420782559": "42",
		"2A0001350": "2A",
		"970100228": "971",
		"970462271": "974",
		"980600019": "",
		"bad":       "",
	}
	for n, want := range tests {
		if got := Department(n); got != want {
			t.Errorf("Department(%q) = %q, want %q", n, got, want)
		}
	}
}
