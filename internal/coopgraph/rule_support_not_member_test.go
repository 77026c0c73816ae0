package coopgraph

import "testing"

func TestRuleSupportNotMember(t *testing.T) {
	tg := newTestGraph()
	old := tg.hospital(10, "CH A", true, "42", "84")
	next := tg.hospital(20, "CH B", true, "42", "84")
	handedOver := tg.object(100, Grouping, "GHT 1", "GHT", "", "", "")
	left := tg.object(200, Grouping, "GHT 2", "GHT", "", "", "")
	tg.link(1, old, handedOver, "SUPPORT", "2016-07-01", "2019-01-01")
	tg.link(2, next, handedOver, "SUPPORT", "2019-01-01", "") // a successor: fine
	tg.link(3, old, left, "SUPPORT", "2016-07-01", "2019-01-01")
	tg.link(4, next, left, "MEMBER", "2016-07-01", "")
	g := tg.done()
	got := findings(t, g, "support-not-member", "2020-01-01")
	if len(got) != 1 || got[0].Records[0] != 200 || got[0].Records[1] != 10 {
		t.Errorf("2020: %v, want GHT 2 and its former support", got)
	}
	if got := findings(t, g, "support-not-member", "2018-01-01"); len(got) != 0 {
		t.Errorf("2018: %v, want none", got)
	}
}
