package suggest

import (
	"os"
	"testing"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/shippedtest"
	"github.com/maillage/maillage/internal/textnorm"
)

var databases []shippedtest.Database

func TestMain(m *testing.M) { os.Exit(shippedtest.Main(m, &databases)) }

// TestMembers: on the shipped register, a hospital site at a memberless
// grouping's own address is suggested, and every suggestion is one: same
// postal code and address, a centre hospitalier of another legal entity,
// a grouping no source gives members; moving the hospital away, or
// recording a member, ends it. Nothing is ever written by a suggestion.
func TestMembers(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, db := range databases {
		t.Run(db.Name, func(t *testing.T) {
			ctx := access.AsSystem(t.Context())
			c := db.DB.Client
			tx, err := c.Tx(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = tx.Rollback() }() // the test moves a hospital: nothing stays
			c = tx.Client()

			// A memberless registered grouping of the Loire, and a hospital
			// of the Loire, which the test puts at the grouping's address.
			seat, err := c.Establishment.Query().Where(establishment.DepartmentCode("42"), establishment.AddressNEQ(""),
				establishment.HasGroupingsWith(grouping.Not(grouping.HasMemberships()))).
				WithGroupings().Order(ent.Asc(establishment.FieldFiness)).First(ctx)
			if err != nil {
				t.Fatalf("a memberless grouping's site in the Loire: %v", err)
			}
			hospital, err := c.Establishment.Query().Where(establishment.DepartmentCode("42"), establishment.CategoryGroupCode("1102"),
				establishment.LegalEntityIDNEQ(seat.LegalEntityID)).Order(ent.Asc(establishment.FieldFiness)).First(ctx)
			if err != nil {
				t.Fatal(err)
			}
			before := count(t, c, Where{Department: "42"}, day)
			t.Logf("shipped register: %d suggestions in the Loire, %d in Auvergne-Rhône-Alpes", before, count(t, c, Where{Region: "84"}, day))
			c.Establishment.UpdateOne(hospital).SetAddress(seat.Address + " ").SetPostalCode(seat.PostalCode).ExecX(ctx)

			got, err := Members(ctx, c, Where{Region: "84"}, day, MaxMembers)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, m := range got {
				found = found || m.Site.ID == hospital.ID && m.Grouping.ID == seat.Edges.Groupings[0].ID && m.LegalEntity.ID == hospital.LegalEntityID && m.Seat.ID == seat.ID
				s, h, g := m.Seat, m.Site, m.Grouping
				if g.ValidTo != nil && !g.ValidTo.After(day) {
					t.Errorf("suggestion for a closed grouping: %+v", m)
				}
				if s.PostalCode != h.PostalCode || textnorm.Key(s.Address) != textnorm.Key(h.Address) || h.LegalEntityID == s.LegalEntityID ||
					h.LegalEntityID != m.LegalEntity.ID || s.RegionCode != "84" || m.Address == "" ||
					c.Grouping.Query().Where(grouping.ID(g.ID), grouping.HasMemberships()).ExistX(ctx) {
					t.Errorf("suggestion %+v does not hold: seat %q %s, hospital %q %s", m, s.Address, s.PostalCode, h.Address, h.PostalCode)
				}
			}
			if !found {
				t.Errorf("the hospital at the grouping's address is not suggested: %+v", got)
			}
			if after := count(t, c, Where{Department: "42"}, day); after <= before {
				t.Errorf("Loire suggestions: %d before, %d with the hospital at the address", before, after)
			}
			if limited, err := Members(ctx, c, Where{Region: "84"}, day, 1); err != nil || len(limited) != 1 {
				t.Errorf("first 1: %d, %v", len(limited), err)
			}
			// Before the grouping opened: not yet a grouping to join.
			opened := seat.Edges.Groupings[0].ValidFrom
			if opened == nil {
				t.Fatal("the grouping has no opening day: pick one that has")
			}
			{
				// The seat's site was there before (so that only the grouping's own day decides).
				c.Establishment.UpdateOne(seat).SetValidFrom(opened.AddDate(-5, 0, 0)).ExecX(ctx)
				early, err := Members(ctx, c, Where{Department: "42"}, opened.AddDate(0, 0, -1), MaxMembers)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range early {
					if m.Grouping.ID == seat.Edges.Groupings[0].ID {
						t.Errorf("suggested the day before the grouping opened (%s): %+v", opened.Format(time.DateOnly), m)
					}
				}
			}
			for _, w := range []Where{{}, {Region: "84", Department: "42"}} {
				if _, err := Members(ctx, c, w, day, 1); err == nil {
					t.Errorf("%+v: accepted, want a refusal naming the région or the département", w)
				}
			}

			// A member recorded: no longer suggested.
			src := c.Source.Create().SetKind("EDIT").SetKey("suggest-test").SetTitle("test").SetRecordedAt(day).SaveX(ctx)
			c.Membership.Create().SetGroupingID(seat.Edges.Groupings[0].ID).SetLegalEntityID(hospital.LegalEntityID).
				SetRole("MEMBER").SetSourceID(src.ID).ExecX(ctx)
			after, err := Members(ctx, c, Where{Department: "42"}, day, MaxMembers)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range after {
				if m.Grouping.ID == seat.Edges.Groupings[0].ID {
					t.Errorf("a grouping with a member recorded is still offered members: %+v", m)
				}
			}
		})
	}
}

func count(t *testing.T, c *ent.Client, w Where, day time.Time) int {
	t.Helper()
	got, err := Members(access.AsSystem(t.Context()), c, w, day, MaxMembers)
	if err != nil {
		t.Fatal(err)
	}
	return len(got)
}
