package coopgraph

import "testing"

func TestRuleGHTMemberOutsideTerritory(t *testing.T) {
	tg := newTestGraph()
	inside := tg.hospital(10, "CH Loire", true, "42", "84")
	outside := tg.hospital(20, "CH Rhône", true, "69", "84")
	far := tg.hospital(30, "CH Gironde", true, "33", "75")
	byDep := tg.object(100, Grouping, "GHT Loire", "GHT", "DEPARTMENT:42", "", "")
	byRegion := tg.object(200, Grouping, "GHT ARA", "GHT", "REGION:84", "", "")
	tg.link(1, inside, byDep, "SUPPORT", "", "")
	tg.link(2, outside, byDep, "MEMBER", "", "")
	tg.link(3, outside, byRegion, "SUPPORT", "", "")
	tg.link(4, far, byRegion, "MEMBER", "", "")
	g := tg.done()
	got := findings(t, g, "ght-member-outside-territory", "2020-01-01")
	want := map[[2]int]bool{{100, 20}: true, {200, 30}: true}
	if len(got) != 2 {
		t.Fatalf("%v, want 2 findings", got)
	}
	for _, f := range got {
		if !want[[2]int{f.Records[0], f.Records[1]}] {
			t.Errorf("unexpected finding %v", f)
		}
	}
}
