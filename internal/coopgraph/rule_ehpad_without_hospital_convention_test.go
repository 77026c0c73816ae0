package coopgraph

import "testing"

func TestRuleEHPADWithoutHospitalConvention(t *testing.T) {
	tg := newTestGraph()
	ch := tg.hospital(10, "CH A", true, "42", "84")
	bound := tg.add(node{id: 20, kind: LegalEntity, label: "Association 1", finess: "E20", entity: -1})
	alone := tg.add(node{id: 30, kind: LegalEntity, label: "Association 2", finess: "E30", entity: -1})
	tg.site(21, bound, "EHPAD lié", "500", "4401", "42", "84", "", "")
	tg.site(31, alone, "EHPAD seul", "500", "4401", "42", "84", "", "")
	tg.site(32, alone, "EHPAD ailleurs", "500", "4401", "69", "84", "", "")
	conv := tg.object(100, Convention, "Convention EHPAD", "CONVENTION", "", "2018-01-01", "")
	tg.link(1, ch, conv, "SIGNATORY", "", "")
	tg.link(2, bound, conv, "SIGNATORY", "", "")
	g := tg.done()
	tests := []struct {
		day         string
		territories []string
		want        []int
	}{
		{"2020-01-01", nil, []int{31, 32}},
		{"2020-01-01", []string{"42"}, []int{31}},
		{"2017-01-01", []string{"42"}, []int{0}}, // before any EHPAD convention: one notice (0), no EHPAD flagged
	}
	for _, tt := range tests {
		r, err := g.Checks(Filter{AsOf: date(tt.day), Territories: tt.territories}, []string{"ehpad-without-hospital-convention"})
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, f := range r.Findings {
			if isNotice(f) {
				got = append(got, 0)
				continue
			}
			got = append(got, f.Records[0])
		}
		if len(got) != len(tt.want) || !containsAll(got, tt.want) {
			t.Errorf("%s %v: %v, want %v", tt.day, tt.territories, got, tt.want)
		}
	}
}
