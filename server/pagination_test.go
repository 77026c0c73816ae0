package server_test

import (
	"encoding/json"
	"testing"
)

// TestPageInfoIsReadFromThePage: a page's pageInfo comes from the page
// itself (one record more than asked is read), so asking it costs no
// statement counting every record of the filter; totalCount, and a
// pageInfo without a page to read, still count. Each answer is checked
// against the département's sites counted apart.
func TestPageInfoIsReadFromThePage(t *testing.T) {
	type answer struct {
		Establishments struct {
			TotalCount int
			Edges      []struct{ Cursor string }
			PageInfo   struct {
				HasNextPage, HasPreviousPage bool
				EndCursor                    *string
			}
		}
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			var sites int
			if err := b.db.SQL.QueryRow(`SELECT count(*) FROM establishments WHERE department_code = '42'`).Scan(&sites); err != nil {
				t.Fatal(err)
			}
			if sites < 30 {
				t.Fatalf("%d sites in 42, too few to page", sites)
			}
			cases := []struct {
				name, query string
				statements  int64
				check       func(t *testing.T, a answer)
			}{
				{name: "a first page with its page info", statements: 1,
					query: `{ establishments(first: 10, where: {departmentCode: "42"}) { edges { cursor } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
					check: func(t *testing.T, a answer) {
						p := a.Establishments.PageInfo
						if len(a.Establishments.Edges) != 10 || !p.HasNextPage || p.HasPreviousPage || p.EndCursor == nil || *p.EndCursor != a.Establishments.Edges[9].Cursor {
							t.Errorf("page: %+v", a.Establishments)
						}
					}},
				{name: "the last records, from the end", statements: 1,
					query: `{ establishments(last: 5, where: {departmentCode: "42"}) { edges { cursor } pageInfo { hasNextPage hasPreviousPage } } }`,
					check: func(t *testing.T, a answer) {
						p := a.Establishments.PageInfo
						if len(a.Establishments.Edges) != 5 || p.HasNextPage || !p.HasPreviousPage {
							t.Errorf("page: %+v", a.Establishments)
						}
					}},
				{name: "totalCount still counts", statements: 2,
					query: `{ establishments(first: 10, where: {departmentCode: "42"}) { totalCount edges { cursor } pageInfo { hasNextPage } } }`,
					check: func(t *testing.T, a answer) {
						if a.Establishments.TotalCount != sites || !a.Establishments.PageInfo.HasNextPage {
							t.Errorf("totalCount %d, want %d; hasNextPage %v", a.Establishments.TotalCount, sites, a.Establishments.PageInfo.HasNextPage)
						}
					}},
				{name: "page info without edges counts", statements: 1,
					query: `{ establishments(first: 10, where: {departmentCode: "42"}) { pageInfo { hasNextPage } } }`,
					check: func(t *testing.T, a answer) {
						if !a.Establishments.PageInfo.HasNextPage {
							t.Errorf("hasNextPage false with %d sites", sites)
						}
					}},
			}
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					before := b.counter.statements.Load()
					raw := b.data(t, tc.query, nil)
					if n := b.counter.statements.Load() - before; n != tc.statements {
						t.Errorf("%d statements, want %d", n, tc.statements)
					}
					var a answer
					if err := json.Unmarshal(raw, &a); err != nil {
						t.Fatal(err)
					}
					tc.check(t, a)
				})
			}
		})
	}
}
