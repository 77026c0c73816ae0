package coopgraph

import "testing"

func TestRulePublicHospitalWithoutGHT(t *testing.T) {
	tg := newTestGraph()
	inGHT := tg.hospital(10, "CH A", true, "42", "84")
	tg.hospital(20, "CH B", true, "42", "84")        // in no GHT
	tg.hospital(30, "Clinique C", false, "42", "84") // private: not concerned
	ght := tg.object(100, Grouping, "GHT Loire", "GHT", "", "2016-07-01", "")
	tg.link(1000, inGHT, ght, "SUPPORT", "2016-07-01", "")
	g := tg.done()
	tests := []struct {
		day  string
		want int
	}{
		{"2020-01-01", 1}, // CH B
		{"2015-01-01", 1}, // no GHT in force yet: one notice, no hospital flagged
	}
	for _, tt := range tests {
		got := findings(t, g, "public-hospital-without-ght", tt.day)
		if len(got) != tt.want {
			t.Errorf("%s: %d findings, want %d: %v", tt.day, len(got), tt.want, got)
		}
	}
	if got := findings(t, g, "public-hospital-without-ght", "2015-01-01"); len(got) != 1 || !isNotice(got[0]) {
		t.Errorf("before any GHT: %v, want one notice that no GHT list is loaded", got)
	}
	if got := findings(t, g, "public-hospital-without-ght", "2020-01-01"); len(got) == 1 && got[0].Records[0] != 20 {
		t.Errorf("flagged %v, want CH B (20)", got[0].Records)
	}
}
