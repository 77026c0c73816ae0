package coopgraph

import (
	"slices"
	"testing"
)

func TestSitesListsPositionedSitesInForce(t *testing.T) {
	tg := newTestGraph()
	e := tg.hospital(10, "CHU", true, "42", "84") // site 11, not positioned
	closed := tg.site(20, e, "closed", "355", "1102", "42", "84", "2000-01-01", "2020-01-01")
	future := tg.site(30, e, "future", "355", "1102", "42", "84", "2030-01-01", "")
	lat, lon := 45.4, 4.39
	for _, s := range []int32{closed, future} {
		tg.g.nodes[s].lat, tg.g.nodes[s].lon, tg.g.nodes[s].located = lat, lon, true
	}
	g := tg.done()
	tests := []struct {
		day  string
		want []int
	}{
		{"1999-12-31", nil},
		{"2000-01-01", []int{20}},
		{"2019-12-31", []int{20}},
		{"2020-01-01", nil}, // half-open: closed on its end day
		{"2030-06-01", []int{30}},
	}
	for _, tt := range tests {
		var got []int
		for _, p := range g.Sites(*date(tt.day)) {
			got = append(got, p.ID)
			if p.LegalEntity != 10 || p.Latitude != lat || p.Department != "42" || p.CategoryGroup != "1102" {
				t.Errorf("%s: site %+v", tt.day, p)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Sites(%s) = %v, want %v", tt.day, got, tt.want)
		}
	}
}
