package coopgraph

import (
	"testing"
	"time"
	"unsafe"
)

// TestInternerSharesRepeatedValues: equal strings come back as one copy,
// dates as one pointer per day (truncated to it), open bounds as nil,
// and a node's own values (its label, FINESS number) are left alone.
func TestInternerSharesRepeatedValues(t *testing.T) {
	in := newInterner()
	morning := time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)
	evening := time.Date(2024, 3, 1, 21, 0, 0, 0, time.UTC)
	next := time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC)
	// Strings built at run time, as the database's are: distinct copies.
	dept := func() string { return string([]byte("42")) }
	a := in.node(node{label: string([]byte("CH A")), category: string([]byte("Centre hospitalier")), department: dept(), from: &morning})
	b := in.node(node{label: string([]byte("CH A")), category: string([]byte("Centre hospitalier")), department: dept(), from: &evening, to: &next})

	same := func(x, y string) bool { return unsafe.StringData(x) == unsafe.StringData(y) }
	cases := []struct {
		name string
		got  bool
	}{
		{"a category is one copy", same(a.category, b.category)},
		{"a département is one copy", same(a.department, b.department)},
		{"labels are not interned", !same(a.label, b.label)},
		{"one pointer per day", a.from == b.from},
		{"truncated to the day", *a.from == time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
		{"another day, another pointer", b.to != a.from && *b.to == next},
		{"an open bound stays open", a.to == nil},
		{"the date given is not written", morning.Hour() == 9},
		{"empty stays empty", in.str("") == "" && len(in.strs) == 2},
	}
	for _, c := range cases {
		if !c.got {
			t.Errorf("%s: no", c.name)
		}
	}
}
