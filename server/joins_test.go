package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	entsql "entgo.io/ent/dialect/sql"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/membership"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/server"
)

// TestOneRecordEdgesAreJoined: an edge to one record is read in its
// parent's statement when its query loads nothing more, and the records
// loaded are those ent's own eager loading gives (a client without the
// join, on the same database); otherwise ent loads it as before.
func TestOneRecordEdgesAreJoined(t *testing.T) {
	ctx := access.WithPrincipal(context.Background(), access.Principal{Role: access.RoleSystem})
	cases := []struct {
		name string
		// query loads records through c; the joined client must send
		// statements (ent's own eager loading sends one per edge).
		query      func(c *ent.Client) (any, error)
		statements int64
	}{
		{name: "a page of sites with their legal entities, some columns",
			query: func(c *ent.Client) (any, error) {
				return c.Establishment.Query().Where(establishment.DepartmentCode("42")).Order(ent.Asc(establishment.FieldID)).Limit(100).
					Select(establishment.FieldID, establishment.FieldFiness, establishment.FieldName, establishment.FieldLegalEntityID).
					WithLegalEntity(func(q *ent.LegalEntityQuery) {
						q.Select(legalentity.FieldID, legalentity.FieldFiness, legalentity.FieldName)
					}).
					All(ctx)
			}, statements: 1},
		{name: "one site, every column",
			query: func(c *ent.Client) (any, error) {
				return c.Establishment.Query().Where(establishment.Finess("420782559")).WithLegalEntity().Only(ctx)
			}, statements: 1},
		{name: "memberships with their groupings and legal entities",
			query: func(c *ent.Client) (any, error) {
				return c.Membership.Query().Order(ent.Asc(membership.FieldID)).Limit(300).WithGrouping().WithLegalEntity().All(ctx)
			}, statements: 1},
		{name: "groupings' memberships, joined inside an eager load",
			query: func(c *ent.Client) (any, error) {
				return c.Grouping.Query().Where(grouping.HasMemberships()).Order(ent.Asc(grouping.FieldID)).Limit(3).
					WithMemberships(func(q *ent.MembershipQuery) { q.WithLegalEntity().WithGrouping() }).All(ctx)
			}, statements: 2},
		{name: "a legal entity with its own sites, loaded after the join",
			query: func(c *ent.Client) (any, error) {
				return c.Membership.Query().Order(ent.Asc(membership.FieldID)).Limit(20).
					WithLegalEntity(func(q *ent.LegalEntityQuery) { q.WithEstablishments() }).WithGrouping().All(ctx)
			}, statements: 2},
		{name: "groupings, their members, the members' groupings (three levels)",
			query: func(c *ent.Client) (any, error) {
				return c.Grouping.Query().Where(grouping.HasMemberships()).Order(ent.Asc(grouping.FieldID)).Limit(5).
					WithMemberships(func(q *ent.MembershipQuery) {
						q.WithLegalEntity(func(q *ent.LegalEntityQuery) {
							q.WithMemberships(func(q *ent.MembershipQuery) { q.WithGrouping() })
						})
					}).All(ctx)
			}, statements: 2},
		{name: "one grouping with its members and their groupings, read from its memberships",
			query: func(c *ent.Client) (any, error) {
				return c.Grouping.Query().Where(groupingWithMembersInOthers).
					WithMemberships(func(q *ent.MembershipQuery) {
						q.WithLegalEntity(func(q *ent.LegalEntityQuery) {
							q.WithMemberships(func(q *ent.MembershipQuery) { q.WithGrouping() })
						})
					}).Only(ctx)
			}, statements: 1},
		{name: "a page of memberships keeps one row each: the members' memberships after it",
			query: func(c *ent.Client) (any, error) {
				return c.Membership.Query().Order(ent.Asc(membership.FieldID)).Limit(20).WithGrouping().
					WithLegalEntity(func(q *ent.LegalEntityQuery) {
						q.WithMemberships(func(q *ent.MembershipQuery) { q.WithGrouping() })
					}).All(ctx)
			}, statements: 2},
		{name: "the members' memberships under a condition, after it",
			query: func(c *ent.Client) (any, error) {
				return c.Grouping.Query().Where(groupingWithMembersInOthers).
					WithMemberships(func(q *ent.MembershipQuery) {
						q.WithLegalEntity(func(q *ent.LegalEntityQuery) {
							q.WithMemberships(func(q *ent.MembershipQuery) { q.Where(membership.RoleNEQ(membership.RoleSUPPORT)).WithGrouping() })
						})
					}).Only(ctx)
			}, statements: 2},
		{name: "the members' memberships with some columns, named",
			query: func(c *ent.Client) (any, error) {
				g, err := c.Grouping.Query().Where(groupingWithMembersInOthers).
					WithMemberships(func(q *ent.MembershipQuery) {
						q.WithLegalEntity(func(q *ent.LegalEntityQuery) {
							q.WithNamedMemberships("ties", func(q *ent.MembershipQuery) {
								q.Select(membership.FieldID, membership.FieldRole).WithGrouping(func(q *ent.GroupingQuery) {
									q.Select(grouping.FieldID, grouping.FieldCode)
								})
							})
						})
					}).Only(ctx)
				if err != nil {
					return nil, err
				}
				// A named edge is not in a record's JSON: each member's, in turn.
				var (
					ties    [][]*ent.Membership
					several bool
				)
				for _, m := range g.Edges.Memberships {
					if e := m.Edges.LegalEntity; e != nil {
						named, err := e.NamedMemberships("ties")
						if err != nil {
							return nil, err
						}
						ties = append(ties, named)
						several = several || len(named) > 1
					}
				}
				if !several {
					return nil, errors.New("no member with several memberships: nothing fans out")
				}
				return ties, nil
			}, statements: 1},
		{name: "one grouping with some columns and its memberships",
			query: func(c *ent.Client) (any, error) {
				return c.Grouping.Query().Where(firstGroupingWithMembers).Select(grouping.FieldID, grouping.FieldCode).
					WithMemberships(func(q *ent.MembershipQuery) { q.Select(membership.FieldID, membership.FieldRole) }).Only(ctx)
			}, statements: 1},
		{name: "a traversal from a record is not joined",
			query: func(c *ent.Client) (any, error) {
				return c.LegalEntity.Query().Where(legalentity.Finess("420784878")).QueryEstablishments().
					Order(ent.Asc(establishment.FieldID)).WithLegalEntity().All(ctx)
			}, statements: 2},
		{name: "a legal entity under a condition is not joined",
			query: func(c *ent.Client) (any, error) {
				return c.Establishment.Query().Where(establishment.DepartmentCode("42")).Order(ent.Asc(establishment.FieldID)).Limit(50).
					WithLegalEntity(func(q *ent.LegalEntityQuery) { q.Where(legalentity.PublicStatusNEQ("")) }).All(ctx)
			}, statements: 2},
		{name: "ordered and filtered by columns both tables have (name, finess, validity)",
			query: func(c *ent.Client) (any, error) {
				return c.Establishment.Query().Where(establishment.DepartmentCode("42"), establishment.NameHasPrefix("CH"), establishment.ValidToIsNil()).
					Order(establishment.ByName(), establishment.ByFiness()).Limit(30).WithLegalEntity().All(ctx)
			}, statements: 1},
		{name: "a count is not joined",
			query: func(c *ent.Client) (any, error) {
				return c.Establishment.Query().Where(establishment.DepartmentCode("42")).WithLegalEntity().Count(ctx)
			}, statements: 1},
	}
	for _, b := range backends {
		// Members in two groupings each: their memberships fan out.
		importGroupings(t, b, `
sources:
  - {key: test-fan-out, kind: EDIT, title: Test}
groupings:
  - {code: TESTFAN1, kind: GCS, name: Un, source: test-fan-out, members: [{finess: "420784878", role: MEMBER}, {finess: "420780652", role: MEMBER}]}
  - {code: TESTFAN2, kind: GCS, name: Deux, source: test-fan-out, members: [{finess: "420784878", role: MEMBER}, {finess: "420780652", role: ASSOCIATE}]}
`)
		withoutJoins := ent.NewClient(ent.Driver(entsql.OpenDB(b.db.Dialect, b.db.SQL)))
		withoutJoins.Intercept(ent.KeepValidity())
		for _, tc := range cases {
			t.Run(b.name+"/"+tc.name, func(t *testing.T) {
				before := b.counter.statements.Load()
				got, err := tc.query(b.db.Client)
				if err != nil {
					t.Fatal(err)
				}
				if n := b.counter.statements.Load() - before; n != tc.statements {
					t.Errorf("%d statements, want %d", n, tc.statements)
				}
				want, err := tc.query(withoutJoins)
				if err != nil {
					t.Fatal(err)
				}
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(want)
				if string(g) != string(w) {
					t.Errorf("joined:\n%.2000s\nent's eager loading:\n%.2000s", g, w)
				}
				if string(g) == "[]" || string(g) == "null" {
					t.Errorf("nothing loaded to compare: %s", g)
				}
			})
		}
	}
}

// firstGroupingWithMembers selects the first grouping that has members,
// in the statement that reads it.
// groupingWithMembersInOthers selects the first grouping one of whose
// members belongs to others too: its members' memberships fan out.
func groupingWithMembersInOthers(s *entsql.Selector) {
	s.Where(entsql.P(func(b *entsql.Builder) {
		b.Ident(s.C(grouping.FieldID)).WriteString(` = (SELECT MIN(grouping_id) FROM memberships WHERE legal_entity_id IN
			(SELECT legal_entity_id FROM memberships GROUP BY legal_entity_id HAVING COUNT(*) > 1))`)
	}))
}

func firstGroupingWithMembers(s *entsql.Selector) {
	s.Where(entsql.P(func(b *entsql.Builder) {
		b.Ident(s.C(grouping.FieldID)).WriteString(" = (SELECT MIN(grouping_id) FROM memberships)")
	}))
}

// TestAMembershipWithoutItsEntityIsJoinedToNone: a membership whose
// member is not resolved (no legal entity) reads as having none, loaded:
// its resolver does not ask the database again.
func TestAMembershipWithoutItsEntityIsJoinedToNone(t *testing.T) {
	ctx := access.WithPrincipal(context.Background(), access.Principal{Role: access.RoleSystem})
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			tx, err := b.db.Client.Tx(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = tx.Rollback() }()
			some, err := tx.Membership.Query().Order(ent.Asc(membership.FieldID)).First(ctx)
			if err != nil {
				t.Fatal(err)
			}
			m, err := tx.Membership.Create().SetRole(membership.RoleMEMBER).SetGroupingID(some.GroupingID).
				SetSourceID(some.SourceID).SetMemberRef("FINESS+ pmSmsseId 0 (test)").Save(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got, err := tx.Membership.Query().Where(membership.ID(m.ID)).WithLegalEntity().WithGrouping().Only(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := got.Edges.LegalEntityOrErr(); !ent.IsNotFound(err) {
				t.Errorf("legal entity: %v, want loaded and not found", err)
			}
			if g, err := got.Edges.GroupingOrErr(); err != nil || g.ID != some.GroupingID {
				t.Errorf("grouping: %v, %v, want %d", g, err, some.GroupingID)
			}
		})
	}
}

// TestJoinedPagesPageAsBefore: pages ordered by a column the joined table
// also has (name), walked by their cursors, list the same sites whether
// their legal entities are asked for (joined) or not.
func TestJoinedPagesPageAsBefore(t *testing.T) {
	const page = `query($after: Cursor, $withEntity: Boolean!) {
		establishments(first: 7, after: $after, orderBy: {field: NAME, direction: DESC}, where: {departmentCode: "42", nameHasPrefix: "C"}) {
			edges { node { finess name legalEntity @include(if: $withEntity) { finess name } } }
			pageInfo { endCursor hasNextPage }
		}
	}`
	type answer struct {
		Establishments struct {
			Edges []struct {
				Node struct {
					Finess, Name string
					LegalEntity  *struct{ Finess, Name string }
				}
			}
			PageInfo struct {
				EndCursor   *string
				HasNextPage bool
			}
		}
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			walk := func(withEntity bool) []string {
				var sites []string
				var after *string
				for range 3 {
					var a answer
					if err := json.Unmarshal(b.data(t, page, map[string]any{"after": after, "withEntity": withEntity}), &a); err != nil {
						t.Fatal(err)
					}
					for _, e := range a.Establishments.Edges {
						if withEntity && (e.Node.LegalEntity == nil || e.Node.LegalEntity.Finess == "") {
							t.Errorf("site %s without its legal entity", e.Node.Finess)
						}
						sites = append(sites, e.Node.Finess+" "+e.Node.Name)
					}
					if !a.Establishments.PageInfo.HasNextPage {
						break
					}
					after = a.Establishments.PageInfo.EndCursor
				}
				return sites
			}
			joined, plain := walk(true), walk(false)
			if len(joined) != 21 || !slices.Equal(joined, plain) {
				t.Errorf("pages with legal entities:\n%v\nwithout:\n%v", joined, plain)
			}
		})
	}
}

// TestAGroupingIsReadInItsMembershipsStatement: a grouping looked up by
// its code with its memberships, its members and their own memberships
// is one statement (its memberships, the grouping, each member and the
// member's memberships joined), not three in sequence; the answer is the
// one ent's own statements give (a second list of memberships in the same
// request keeps ent's way), for a grouping of the data, one of one member
// and one without members.
func TestAGroupingIsReadInItsMembershipsStatement(t *testing.T) {
	const fields = `code name memberships(first: 100) { role memberRef legalEntity { finess name memberships(first: 100) { role grouping { code kind name } } } }`
	cases := []struct {
		name, extra string
		// for the request without a second list; without members, the
		// memberships' statement reads nothing and ent's two find it.
		statements, withoutMembers int64
	}{
		{name: "members and their groupings", statements: 1, withoutMembers: 3},
		{name: "and its teams, loaded after", extra: `medicalTeams(first: 10) { name }`, statements: 2, withoutMembers: 4},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			importGroupings(t, b, `
sources:
  - {key: test-read-with-memberships, kind: EDIT, title: Test}
groupings:
  - {code: TESTRM0, kind: GCS, name: Sans membres, source: test-read-with-memberships}
  - {code: TESTRM1, kind: GCS, name: Un membre, source: test-read-with-memberships, members: [{finess: "420784878", role: MEMBER}]}
`)
			ght, err := b.db.Client.Grouping.Query().Where(grouping.HasMemberships(), grouping.CodeNotNil()).
				Order(ent.Asc(grouping.FieldID)).First(access.AsSystem(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			for _, code := range []string{*ght.Code, "TESTRM0", "TESTRM1"} {
				for _, tc := range cases {
					t.Run(code+"/"+tc.name, func(t *testing.T) {
						query := `query($c: String!) { grouping(code: $c) { ` + fields + ` ` + tc.extra + ` } }`
						before := b.counter.statements.Load()
						got := b.data(t, query, map[string]any{"c": code})
						statements := b.counter.statements.Load() - before
						wantStatements := tc.statements
						if code == "TESTRM0" {
							wantStatements = tc.withoutMembers
						}
						if statements != wantStatements {
							t.Errorf("%d statements, want %d", statements, wantStatements)
						}
						reference := b.data(t, `query($c: String!) { grouping(code: $c) { `+fields+` `+tc.extra+` again: memberships { role } } }`, map[string]any{"c": code})
						var answer, want struct{ Grouping map[string]json.RawMessage }
						if err := json.Unmarshal(got, &answer); err != nil {
							t.Fatal(err)
						}
						if err := json.Unmarshal(reference, &want); err != nil {
							t.Fatal(err)
						}
						delete(want.Grouping, "again")
						g, _ := json.Marshal(answer.Grouping)
						w, _ := json.Marshal(want.Grouping)
						if string(g) != string(w) {
							t.Errorf("read with its memberships:\n%.3000s\nent's statements:\n%.3000s", g, w)
						}
						if code != "TESTRM0" && !strings.Contains(string(g), `"legalEntity":{`) {
							t.Errorf("no member read: %.500s", g)
						}
					})
				}
			}
		})
	}
}

// TestSeveralGroupingsAreNotOne: a query for one grouping with its
// memberships whose conditions select several says so, as ent's own
// statements do, rather than answering one with the others' members.
func TestSeveralGroupingsAreNotOne(t *testing.T) {
	ctx := access.WithPrincipal(context.Background(), access.Principal{Role: access.RoleSystem})
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			importGroupings(t, b, `
sources:
  - {key: test-not-one, kind: EDIT, title: Test}
groupings:
  - {code: TESTNO1, kind: GCS, name: Un, source: test-not-one, members: [{finess: "420784878", role: MEMBER}]}
  - {code: TESTNO2, kind: GCS, name: Deux, source: test-not-one, members: [{finess: "420784878", role: MEMBER}]}
`)
			before := b.counter.statements.Load()
			g, err := b.db.Client.Grouping.Query().Where(grouping.CodeHasPrefix("TESTNO")).
				WithMemberships(func(q *ent.MembershipQuery) { q.WithLegalEntity() }).Only(ctx)
			if !ent.IsNotSingular(err) {
				t.Errorf("%v, %v: want not singular", g, err)
			}
			if n := b.counter.statements.Load() - before; n != 1 {
				t.Errorf("%d statements, want 1 (read from the memberships)", n)
			}
		})
	}
}

// TestLoadedEdgesAreReadNotResolved: a legal entity loaded with its site
// (joined) is read from the record, not through the resolver middlewares
// (graph/postgen), which still run around a lookup by FINESS.
func TestLoadedEdgesAreReadNotResolved(t *testing.T) {
	var resolved atomic.Int64
	counting := server.WithFieldMiddleware(func(ctx context.Context, next graphqlResolver) (any, error) {
		if fieldName(ctx) == "legalEntity" {
			resolved.Add(1)
		}
		return next(ctx)
	})
	h := server.New(backends[0].db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithoutRateLimits(), counting)
	tests := []struct {
		name, doc, answer string
		resolved          int64
	}{
		{"a site's legal entity", `{ establishment(finess: "420782559") { legalEntity { finess } } }`, `"legalEntity":{"finess":"420784878"}`, 0},
		{"a page's legal entities", `{ establishments(first: 3, where: {departmentCode: "42"}) { edges { node { legalEntity { finess } } } } }`, `"legalEntity":{"finess":`, 0},
		{"a legal entity looked up", `{ legalEntity(finess: "420784878") { finess } }`, `"legalEntity":{"finess":"420784878"}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resolved.Store(0)
			expect(t, hostileRequest{status: 200, check: contains(tt.answer)}, send(h, hostileRequest{body: gqlBody(tt.doc, nil)}))
			if got := resolved.Load(); got != tt.resolved {
				t.Errorf("legalEntity resolved %d times, want %d", got, tt.resolved)
			}
		})
	}
}
