package coopgraph

import "testing"

// TestDatePrecisionTravels: an edge whose start the source gives to the
// year says so, and says that on a day of that year whether it held is
// uncertain; a start to the day is never uncertain.
func TestDatePrecisionTravels(t *testing.T) {
	tg := newTestGraph()
	ch := tg.hospital(10, "CH A", true, "42", "84")
	other := tg.hospital(20, "CH B", true, "42", "84")
	charter := tg.object(100, Convention, "Charte", "CHARTER", "", "2016-01-01", "")
	tg.link(1, ch, charter, "SIGNATORY", "2016-01-01", "")
	tg.g.edges[len(tg.g.edges)-1].precision = "YEAR"
	tg.link(2, other, charter, "SIGNATORY", "2016-03-01", "")
	tg.g.edges[len(tg.g.edges)-1].precision = "MONTH"
	g := tg.done()
	tests := []struct {
		day                  string
		yearEdge, monthEdge  bool // uncertain
		wantYear, wantMonthP string
	}{
		{"2016-06-01", true, false, "YEAR", "MONTH"},
		{"2016-03-15", true, true, "YEAR", "MONTH"},
		{"2017-01-01", false, false, "YEAR", "MONTH"},
	}
	for _, tt := range tests {
		r, err := g.Neighborhood(100, 1, Filter{AsOf: date(tt.day)})
		if err != nil {
			t.Fatal(err)
		}
		got := map[int]EdgeView{}
		for _, e := range r.Edges {
			got[e.Record] = e
		}
		y, m := got[1], got[2]
		if y.ValidFromPrecision == nil || *y.ValidFromPrecision != tt.wantYear || y.Uncertain != tt.yearEdge {
			t.Errorf("%s: the edge known to the year: precision %v, uncertain %v; want %s, %v", tt.day, y.ValidFromPrecision, y.Uncertain, tt.wantYear, tt.yearEdge)
		}
		if m.ValidFromPrecision == nil || *m.ValidFromPrecision != tt.wantMonthP || m.Uncertain != tt.monthEdge {
			t.Errorf("%s: the edge known to the month: precision %v, uncertain %v; want %s, %v", tt.day, m.ValidFromPrecision, m.Uncertain, tt.wantMonthP, tt.monthEdge)
		}
	}
}
