package server_test

import (
	"encoding/json"
	"fmt"
	"testing"
)

// BenchmarkEngine measures the engine (response cache off) on the shapes
// of make bench-peer's questions that read the database, one request at
// a time, on both databases: time, allocations and SQL statements per
// request (the allocations and statements are exact, whatever the
// machine's load: what a change to the engine's reading buys shows there
// first). The page of sites also asks each site's city and position and
// the page's pageInfo, as the app's list does (bench-peer's asks names
// only, without pageInfo).
func BenchmarkEngine(b *testing.B) {
	for _, be := range backends {
		var code string
		// The grouping with the most members.
		if err := be.db.SQL.QueryRow(`SELECT code FROM groupings WHERE id = (SELECT grouping_id FROM memberships GROUP BY grouping_id ORDER BY count(*) DESC, grouping_id LIMIT 1)`).Scan(&code); err != nil {
			b.Fatal(err)
		}
		questions := []namedQuery{
			{"a-site-with-its-legal-entity", `{ establishment(finess: "420782559") { finess name latitude longitude legalEntity { finess name } } }`},
			{"b-grouping-members-their-groupings", fmt.Sprintf(`{ grouping(code: %q) { code name memberships(first: 100) { role legalEntity { finess name memberships(first: 100) { role grouping { code kind name } } } } } }`, code)},
			{"d100-page-of-sites-with-legal-entities", `{ establishments(first: 100, where: {departmentCode: "42"}) { edges { node { finess name city latitude longitude legalEntity { finess name } } } pageInfo { endCursor hasNextPage } } }`},
		}
		for _, q := range questions {
			b.Run(be.name+"/"+q.name, func(b *testing.B) {
				body, _ := json.Marshal(map[string]any{"query": q.query})
				engineRequest(b, be, body)
				b.ReportAllocs()
				before := be.counter.statements.Load()
				for b.Loop() {
					engineRequest(b, be, body)
				}
				b.ReportMetric(float64(be.counter.statements.Load()-before)/float64(b.N), "statements/op")
			})
		}
	}
}
