package coopgraph

import (
	"fmt"
	"slices"
	"testing"
)

// TestFindingsOfferTheirFixes: each rule's finding offers the edit that
// settles it, naming the record to change (a participation's own ID,
// not its organisation's) or the grouping to add to.
func TestFindingsOfferTheirFixes(t *testing.T) {
	tg := newTestGraph()
	loire := tg.hospital(10, "CH Loire", true, "42", "84")
	tg.hospital(20, "CH sans GHT", true, "42", "84")
	lyon := tg.hospital(30, "CH Lyon", true, "69", "84")
	closed := tg.add(node{id: 40, kind: LegalEntity, label: "CH fermé", finess: "E40", entity: -1, to: date("2019-01-01")})
	ehpadEntity := tg.add(node{id: 50, kind: LegalEntity, label: "EHPAD association", finess: "E50", entity: -1})
	tg.site(51, ehpadEntity, "EHPAD Les Tilleuls", "500", "4401", "42", "84", "", "")
	ghtLoire := tg.object(100, Grouping, "GHT Loire", "GHT", "DEPARTMENT:42", "2016-07-01", "")
	ghtNoSupport := tg.object(200, Grouping, "GHT Rhône", "GHT", "DEPARTMENT:69", "2016-07-01", "")
	gcs := tg.object(300, Grouping, "GCS", "GCS", "", "", "")
	conv := tg.object(400, Convention, "Convention échue", "CONVENTION", "", "2015-01-01", "2018-01-01")
	tg.link(1001, loire, ghtLoire, "SUPPORT", "2016-07-01", "")
	tg.link(1002, lyon, ghtLoire, "MEMBER", "2016-07-01", "")     // outside the GHT's département
	tg.link(1003, lyon, ghtNoSupport, "MEMBER", "2016-07-01", "") // the GHT has no support
	tg.link(1004, closed, gcs, "MEMBER", "", "")                  // closed, still a member
	tg.link(1005, loire, conv, "SIGNATORY", "2015-01-01", "")     // the convention ended, its party did not
	tg.link(1006, ehpadEntity, gcs, "MEMBER", "", "")
	// Another EHPAD's convention with a hospital: EHPAD conventions are loaded.
	other := tg.add(node{id: 60, kind: LegalEntity, label: "EHPAD public", finess: "E60", entity: -1})
	tg.site(61, other, "EHPAD du Parc", "500", "4401", "42", "84", "", "")
	withHospital := tg.object(500, Convention, "Convention EHPAD", "CONVENTION", "", "2015-01-01", "")
	tg.link(1007, other, withHospital, "SIGNATORY", "", "")
	tg.link(1008, loire, withHospital, "SIGNATORY", "", "")
	g := tg.done()

	show := func(fs []Fix) []string {
		var out []string
		for _, f := range fs {
			s := f.Action
			if f.Record != nil {
				s += fmt.Sprintf(" record=%d", *f.Record)
			}
			if f.Organisation != nil {
				s += fmt.Sprintf(" organisation=%d", *f.Organisation)
			}
			if f.Role != nil {
				s += " role=" + *f.Role
			}
			out = append(out, s)
		}
		return out
	}
	tests := []struct {
		rule  string
		first int // the finding's main record
		want  []string
	}{
		{"public-hospital-without-ght", 20, []string{"ADD_MEMBER record=100 organisation=20 role=MEMBER"}}, // the one GHT of the Loire
		{"ght-support-count", 200, []string{"ADD_MEMBER record=200 role=SUPPORT"}},
		{"participation-of-closed-organisation", 40, []string{"CLOSE record=1004"}},
		{"convention-past-end-still-current", 400, []string{"CLOSE record=1005"}},
		{"ght-member-outside-territory", 100, []string{"UPDATE record=1002", "CLOSE record=1002"}},
		{"ehpad-without-hospital-convention", 51, []string{"CREATE_CONVENTION organisation=50"}},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range findings(t, g, tt.rule, "2020-01-01") {
			if len(f.Records) > 0 && f.Records[0] == tt.first {
				got = show(f.Fixes)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: fixes %q, want %q", tt.rule, got, tt.want)
		}
	}
}

// TestChecksCutKeepsTheMostSerious: under a limit, errors come before
// warnings and notices whatever the order of the rules.
func TestChecksCutKeepsTheMostSerious(t *testing.T) {
	tg := newTestGraph()
	for i := range 5 {
		tg.hospital(10+i, fmt.Sprintf("CH %d", i), true, "42", "84") // in no GHT: warnings
	}
	lyon := tg.hospital(30, "CH Lyon", true, "69", "84")
	ght := tg.object(200, Grouping, "GHT sans support", "GHT", "DEPARTMENT:69", "2016-07-01", "")
	tg.link(1003, lyon, ght, "MEMBER", "2016-07-01", "") // an error: no support
	g := tg.done()
	r, err := g.Checks(Filter{AsOf: date("2020-01-01"), Limit: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Truncated || r.Total < 6 || len(r.Findings) != 2 || r.Findings[0].Severity != SeverityError || r.Findings[0].Rule != "ght-support-count" {
		t.Errorf("cut at 2 of %d (truncated %v): %+v, want the error first", r.Total, r.Truncated, r.Findings)
	}
}

// TestJoinGHTOfItsDepartment: a public hospital in no GHT is offered the
// one GHT of its département, whether the GHT's territory or only its
// département code says where it is; with two GHTs there, the editor
// chooses.
func TestJoinGHTOfItsDepartment(t *testing.T) {
	for _, tc := range []struct {
		name string
		ghts []node
		want string
	}{
		{"territory", []node{{id: 100, kind: Grouping, label: "GHT A", category: "GHT", place: "DEPARTMENT:42", entity: -1}}, "ADD_MEMBER record=100 organisation=20 role=MEMBER"},
		{"département code", []node{{id: 100, kind: Grouping, label: "GHT A", category: "GHT", department: "42", entity: -1}}, "ADD_MEMBER record=100 organisation=20 role=MEMBER"},
		{"two GHTs", []node{
			{id: 100, kind: Grouping, label: "GHT A", category: "GHT", department: "42", entity: -1},
			{id: 200, kind: Grouping, label: "GHT B", category: "GHT", place: "DEPARTMENT:42", entity: -1},
		}, "ADD_MEMBER organisation=20 role=MEMBER"},
	} {
		tg := newTestGraph()
		tg.hospital(20, "CH sans GHT", true, "42", "84")
		for _, n := range tc.ghts {
			tg.add(n)
		}
		g := tg.done()
		var got []string
		for _, f := range findings(t, g, "public-hospital-without-ght", "2020-01-01") {
			for _, fix := range f.Fixes {
				s := fix.Action
				if fix.Record != nil {
					s += fmt.Sprintf(" record=%d", *fix.Record)
				}
				s += fmt.Sprintf(" organisation=%d role=%s", *fix.Organisation, *fix.Role)
				got = append(got, s)
			}
		}
		if !slices.Equal(got, []string{tc.want}) {
			t.Errorf("%s: fixes %q, want %q", tc.name, got, tc.want)
		}
	}
}
