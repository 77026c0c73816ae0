package coopgraph

import "testing"

func TestRuleParticipationOfClosedOrganisation(t *testing.T) {
	tg := newTestGraph()
	a := tg.hospital(10, "CH A", true, "42", "84")
	closed := tg.add(node{id: 20, kind: LegalEntity, label: "CH fermé", finess: "E20", entity: -1, to: date("2019-01-01")})
	gone := tg.site(30, a, "Site fermé", "355", "1102", "42", "84", "", "2019-06-01")
	gcs := tg.object(100, Grouping, "GCS", "GCS", "", "", "")
	tg.link(1, a, gcs, "MEMBER", "", "", gone)
	tg.link(2, closed, gcs, "MEMBER", "", "")
	tg.link(3, closed, gcs, "PARTNER", "", "2018-12-31") // ended in time: fine
	g := tg.done()
	tests := []struct {
		day  string
		want int
	}{
		{"2020-01-01", 2}, // the closed entity, the closed site named
		{"2019-03-01", 1}, // only the entity had closed
		{"2018-01-01", 0},
	}
	for _, tt := range tests {
		if got := findings(t, g, "participation-of-closed-organisation", tt.day); len(got) != tt.want {
			t.Errorf("%s: %v, want %d findings", tt.day, got, tt.want)
		}
	}
}
