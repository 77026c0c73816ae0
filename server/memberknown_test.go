package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestMembersKnownIsOneStatementPerRequest: Grouping.membersKnown is
// answered for all the groupings a request loaded at once, whatever
// the page size and wherever the groupings come from (a page of
// groupings, or a legal entity's memberships, whose groupings are read
// in the memberships' statement), and each answer is the database's.
func TestMembersKnownIsOneStatementPerRequest(t *testing.T) {
	const count = 30
	var yaml strings.Builder
	yaml.WriteString("sources:\n  - {key: test-members-known, kind: EDIT, title: Test}\ngroupings:\n")
	for i := range count {
		members := ""
		if i%2 == 1 { // every other one lists a member
			members = `, members: [{finess: "420784878", role: MEMBER}]`
		}
		fmt.Fprintf(&yaml, "  - {code: TESTMK%02d, kind: GCS, name: Test %d, source: test-members-known%s}\n", i, i, members)
	}
	shapes := []struct {
		name, query string
		sizes       []int
	}{
		{name: "a page of groupings", query: `query($n: Int!) { groupings(first: $n, orderBy: {field: CODE}, where: {codeHasPrefix: "TESTMK"}) {
			edges { node { code membersKnown } } } }`, sizes: []int{4, 12, count}},
		{name: "a legal entity's memberships and their groupings", query: `query($n: Int!) { legalEntity(finess: "420784878") {
			memberships(first: $n) { grouping { code membersKnown } } } }`, sizes: []int{2, 6, count / 2}},
		{name: "a grouping's member and its memberships' groupings", query: `query($n: Int!) { grouping(code: "TESTMK01") {
			memberships(first: 1) { legalEntity { memberships(first: $n) { grouping { code membersKnown } } } } } }`, sizes: []int{2, 6, count / 2}},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			importGroupings(t, b, yaml.String())
			for _, shape := range shapes {
				t.Run(shape.name, func(t *testing.T) {
					statements := map[int]int64{}
					for _, n := range shape.sizes {
						before := b.counter.statements.Load()
						raw := b.data(t, shape.query, map[string]any{"n": n})
						statements[n] = b.counter.statements.Load() - before
						var answer struct {
							Groupings struct {
								Edges []struct{ Node knownGrouping }
							}
							LegalEntity struct {
								Memberships []struct{ Grouping knownGrouping }
							}
							Grouping struct {
								Memberships []struct {
									LegalEntity struct {
										Memberships []struct{ Grouping knownGrouping }
									}
								}
							}
						}
						if err := json.Unmarshal(raw, &answer); err != nil {
							t.Fatal(err)
						}
						var got []knownGrouping
						for _, e := range answer.Groupings.Edges {
							got = append(got, e.Node)
						}
						memberships := answer.LegalEntity.Memberships
						for _, m := range answer.Grouping.Memberships {
							memberships = append(memberships, m.LegalEntity.Memberships...)
						}
						for _, m := range memberships {
							if strings.HasPrefix(m.Grouping.Code, "TESTMK") {
								got = append(got, m.Grouping)
							}
						}
						if len(got) == 0 {
							t.Fatalf("first: %d: no test grouping in %s", n, raw)
						}
						for _, g := range got {
							var listed bool
							if err := b.db.SQL.QueryRowContext(context.Background(), `SELECT EXISTS (SELECT 1 FROM memberships m JOIN groupings g ON g.id = m.grouping_id WHERE g.code = $1)`, g.Code).Scan(&listed); err != nil {
								t.Fatal(err)
							}
							if g.MembersKnown != listed {
								t.Errorf("first: %d: %s membersKnown %v, the database says %v", n, g.Code, g.MembersKnown, listed)
							}
						}
					}
					t.Logf("statements by page size: %v", statements)
					if s := shape.sizes; statements[s[0]] != statements[s[1]] || statements[s[1]] != statements[s[2]] {
						t.Errorf("statements per request grow with the page size: %v", statements)
					}
				})
			}
		})
	}
}

type knownGrouping struct {
	Code         string `json:"code"`
	MembersKnown bool   `json:"membersKnown"`
}
