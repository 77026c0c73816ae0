package coopgraph

import "testing"

func TestRuleGHTSupportCount(t *testing.T) {
	tg := newTestGraph()
	a := tg.hospital(10, "CH A", true, "42", "84")
	b := tg.hospital(20, "CH B", true, "42", "84")
	one := tg.object(100, Grouping, "GHT 1", "GHT", "", "", "")
	none := tg.object(200, Grouping, "GHT 2", "GHT", "", "", "")
	two := tg.object(300, Grouping, "GHT 3", "GHT", "", "", "")
	gcs := tg.object(400, Grouping, "GCS", "GCS", "", "", "") // not a GHT: no support required
	tg.link(1, a, one, "SUPPORT", "", "")
	tg.link(2, b, one, "MEMBER", "", "")
	tg.link(3, a, none, "MEMBER", "", "")
	tg.link(4, a, two, "SUPPORT", "", "")
	tg.link(5, b, two, "SUPPORT", "2018-01-01", "")
	tg.link(6, a, gcs, "MEMBER", "", "")
	g := tg.done()
	tests := []struct {
		day  string
		want []int // the GHTs flagged
	}{
		{"2020-01-01", []int{200, 300}},
		{"2017-01-01", []int{200}}, // the second support came in 2018
	}
	for _, tt := range tests {
		got := findings(t, g, "ght-support-count", tt.day)
		var flagged []int
		for _, f := range got {
			flagged = append(flagged, f.Records[0])
		}
		if len(flagged) != len(tt.want) || (len(flagged) > 0 && !containsAll(flagged, tt.want)) {
			t.Errorf("%s: flagged %v, want %v", tt.day, flagged, tt.want)
		}
	}
}

func containsAll(got, want []int) bool {
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			return false
		}
	}
	return true
}
