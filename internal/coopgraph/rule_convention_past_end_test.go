package coopgraph

import "testing"

func TestRuleConventionPastEnd(t *testing.T) {
	tg := newTestGraph()
	a := tg.hospital(10, "CH A", true, "42", "84")
	b := tg.hospital(20, "CH B", true, "42", "84")
	stale := tg.object(100, Convention, "Convention échue", "CONVENTION", "", "2010-01-01", "2015-01-01")
	closed := tg.object(200, Convention, "Convention close", "CONVENTION", "", "2010-01-01", "2015-01-01")
	tg.link(1, a, stale, "SIGNATORY", "2010-01-01", "") // still bound: flagged
	tg.link(2, b, closed, "SIGNATORY", "2010-01-01", "2015-01-01")
	g := tg.done()
	got := findings(t, g, "convention-past-end-still-current", "2020-01-01")
	if len(got) != 1 || got[0].Records[0] != 100 {
		t.Errorf("2020: %v, want the stale convention", got)
	}
	if got := findings(t, g, "convention-past-end-still-current", "2012-01-01"); len(got) != 0 {
		t.Errorf("2012: %v, want none", got)
	}
}
