package edit_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/auditevent"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/membership"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/internal/edit"
	"github.com/maillage/maillage/internal/finess"
)

func day(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

// wantCode fails unless err is an apperr with this code and field.
func wantCode(t *testing.T, what string, err error, code, field string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != code || e.Field != field {
		t.Errorf("%s: got %v (%+v), want %s on %q", what, err, e, code, field)
	}
}

// TestEdits: the checks an edit passes, version conflicts, closing with
// its cascade, and the audit log.
func TestEdits(t *testing.T) {
	for _, db := range databases {
		t.Run(db.Name, func(t *testing.T) {
			w := newWorld(t, db.DB.Client)
			c := w.c
			ctx := access.WithPrincipal(context.Background(), access.Principal{TokenID: 9, Name: "ARS ARA", Role: access.RoleEditor, Territories: []string{"REGION:84"}})
			ght, err := edit.CreateGrouping(ctx, c, ent.CreateGroupingInput{Name: "GHT test", Kind: "GHT", TerritoryID: ptr(w.dept["42"]), SourceID: w.source})
			if err != nil {
				t.Fatal(err)
			}
			if ght.Version != 1 {
				t.Errorf("new grouping at version %d, want 1", ght.Version)
			}
			audits := func() int { return c.AuditEvent.Query().CountX(w.sys) }

			// A source is required; dates in order; IDs of the right type.
			_, err = edit.UpdateGrouping(ctx, c, ght.ID, 1, ent.UpdateGroupingInput{Description: &note})
			wantCode(t, "update without source", err, apperr.CodeBadInput, "sourceID")
			_, err = edit.CreateMembership(ctx, c, ent.CreateMembershipInput{GroupingID: ght.ID, LegalEntityID: &w.loire.entity, Role: "MEMBER",
				ValidFrom: day("2020-01-01"), ValidTo: day("2019-01-01"), SourceID: w.source})
			wantCode(t, "dates out of order", err, apperr.CodeBadInput, "validTo")
			_, err = edit.CreateMembership(ctx, c, ent.CreateMembershipInput{GroupingID: ght.ID, LegalEntityID: &w.loire.site, Role: "MEMBER", SourceID: w.source})
			wantCode(t, "a site's ID as legal entity", err, apperr.CodeBadInput, "legalEntityID")
			_, err = edit.CreateMembership(ctx, c, ent.CreateMembershipInput{GroupingID: ght.ID, LegalEntityID: &w.loire.entity, Role: "MEMBER", SourceID: ght.ID})
			wantCode(t, "a grouping's ID as source", err, apperr.CodeBadInput, "sourceID")
			_, err = edit.CreateMembership(ctx, c, ent.CreateMembershipInput{GroupingID: ght.ID, LegalEntityID: &w.loire.entity, SiteIDs: []int{w.loire2.site}, Role: "MEMBER", SourceID: w.source})
			wantCode(t, "another entity's site", err, apperr.CodeBadInput, "siteIDs")
			_, err = edit.UpdateGrouping(ctx, c, ght.ID, 1, ent.UpdateGroupingInput{Finess: ptr(unknownFiness(t, w)), SourceID: &w.source})
			wantCode(t, "unknown FINESS", err, apperr.CodeBadInput, "finess")
			_, err = edit.UpdateGrouping(ctx, c, ght.ID, 1, ent.UpdateGroupingInput{Finess: ptr("420782550"), SourceID: &w.source})
			wantCode(t, "FINESS with a wrong key", err, apperr.CodeBadInput, "finess")

			// One support per GHT at any date; no overlapping duplicate.
			support, err := edit.CreateMembership(ctx, c, ent.CreateMembershipInput{GroupingID: ght.ID, LegalEntityID: &w.loire.entity, Role: "SUPPORT",
				ValidFrom: day("2017-07-01"), ValidTo: day("2021-01-01"), SourceID: w.source})
			if err != nil {
				t.Fatal(err)
			}
			_, err = edit.CreateMembership(ctx, c, ent.CreateMembershipInput{GroupingID: ght.ID, LegalEntityID: &w.loire2.entity, Role: "SUPPORT",
				ValidFrom: day("2020-01-01"), SourceID: w.source})
			wantCode(t, "second support", err, apperr.CodeBadInput, "role")
			next, err := edit.CreateMembership(ctx, c, ent.CreateMembershipInput{GroupingID: ght.ID, LegalEntityID: &w.loire2.entity, Role: "SUPPORT",
				ValidFrom: day("2021-01-01"), SourceID: w.source})
			if err != nil {
				t.Errorf("a support from the day the previous one ends: %v", err)
			}
			_, err = edit.CreateMembership(ctx, c, ent.CreateMembershipInput{GroupingID: ght.ID, LegalEntityID: &w.loire.entity, Role: "MEMBER",
				ValidFrom: day("2020-06-01"), SourceID: w.source})
			wantCode(t, "overlapping duplicate", err, apperr.CodeBadInput, "validFrom")
			_, err = edit.UpdateMembership(ctx, c, support.ID, 1, ent.UpdateMembershipInput{ClearValidTo: true, SourceID: &w.source})
			wantCode(t, "support stretched over the next one", err, apperr.CodeBadInput, "role")

			// A stale version is refused and nothing is written.
			before := audits()
			updated, err := edit.UpdateMembership(ctx, c, support.ID, 1, ent.UpdateMembershipInput{Note: ptr("établissement support"), SourceID: &w.source})
			if err != nil || updated.Version != 2 {
				t.Fatalf("update: version %v, %v", updated, err)
			}
			_, err = edit.UpdateMembership(ctx, c, support.ID, 1, ent.UpdateMembershipInput{Note: ptr("lost update"), SourceID: &w.source})
			wantCode(t, "stale update", err, apperr.CodeConflict, "expectedVersion")
			_, err = edit.CloseMembership(ctx, c, support.ID, 1, *day("2020-01-01"), w.source)
			wantCode(t, "stale close", err, apperr.CodeConflict, "expectedVersion")
			if m := c.Membership.GetX(w.sys, support.ID); m.Note != "établissement support" || m.Version != 2 || audits() != before+1 {
				t.Errorf("after refused stale edits: note %q version %d, %d audit events (want %d)", m.Note, m.Version, audits(), before+1)
			}
			_, err = edit.UpdateMembership(ctx, c, 1<<40, 1, ent.UpdateMembershipInput{SourceID: &w.source})
			wantCode(t, "unknown membership", err, apperr.CodeNotFound, "")

			// The audit event says who, what, before and after.
			ev := c.AuditEvent.Query().Where(auditevent.EntityID(support.ID)).Order(ent.Desc(auditevent.FieldID)).FirstX(w.sys)
			if ev.Actor != "ARS ARA" || *ev.TokenID != 9 || ev.Operation != auditevent.OperationUPDATE || ev.EntityType != "Membership" ||
				ev.Before["version"] != 1.0 || ev.After["version"] != 2.0 || ev.Before["note"] != nil || ev.After["note"] != "établissement support" {
				t.Errorf("audit event: %+v", ev)
			}

			// Closing a grouping closes its open memberships, never deletes.
			closed, err := edit.CloseGrouping(ctx, c, ght.ID, 1, *day("2024-01-01"), w.source)
			if err != nil || closed.ValidTo == nil || closed.Version != 2 {
				t.Fatalf("close: %+v, %v", closed, err)
			}
			if m := c.Membership.GetX(w.sys, next.ID); m.ValidTo == nil || !m.ValidTo.Equal(*day("2024-01-01")) || m.Version != 2 {
				t.Errorf("the open membership was not closed with its grouping: %+v", m)
			}
			if m := c.Membership.GetX(w.sys, support.ID); !m.ValidTo.Equal(*day("2021-01-01")) {
				t.Errorf("the ended membership changed: %+v", m)
			}
			if n := c.AuditEvent.Query().Where(auditevent.OperationEQ(auditevent.OperationCLOSE), auditevent.EntityIDIn(ght.ID, next.ID)).CountX(w.sys); n != 2 {
				t.Errorf("%d CLOSE events for the grouping and its open membership, want 2", n)
			}
			if n := c.Membership.Query().Where(membership.GroupingID(ght.ID)).CountX(w.sys); n != 2 {
				t.Errorf("%d memberships after closing, want 2", n)
			}
			_, err = edit.CloseGrouping(ctx, c, ght.ID, 2, *day("2025-01-01"), w.source)
			wantCode(t, "closing twice", err, apperr.CodeBadInput, "validTo")

			// The audit log is for editors and admins.
			if _, err := c.AuditEvent.Query().Count(access.WithPrincipal(context.Background(), access.Principal{Name: "p", Role: access.RolePartner})); err == nil {
				t.Error("a partner read the audit log")
			}
			if _, err := c.AuditEvent.Query().Count(ctx); err != nil {
				t.Errorf("an editor cannot read the audit log: %v", err)
			}
			// Nobody rewrites it (its fields are immutable) or deletes it.
			if err := c.AuditEvent.DeleteOneID(ev.ID).Exec(w.sys); err == nil {
				t.Error("an audit event was deleted")
			}
		})
	}
}

// TestImportsBumpVersions: the version is bumped by any update, an
// import's too, so that an edit based on what was read before the import
// is refused.
func TestImportsBumpVersions(t *testing.T) {
	for _, db := range databases {
		t.Run(db.Name, func(t *testing.T) {
			w := newWorld(t, db.DB.Client)
			f := w.fixture([]party{w.loire})
			// The importers update in bulk, as here.
			if err := w.c.Membership.Update().Where(membership.GroupingID(f.group.ID)).SetNote("imported").Exec(w.sys); err != nil {
				t.Fatal(err)
			}
			if m := w.c.Membership.GetX(w.sys, f.lastMembership.ID); m.Version != 2 {
				t.Errorf("after a bulk update, version %d, want 2", m.Version)
			}
			ctx := access.WithPrincipal(context.Background(), access.Principal{Name: "e", Role: access.RoleEditor, Territories: []string{"42"}})
			_, err := edit.UpdateMembership(ctx, w.c, f.lastMembership.ID, 1, ent.UpdateMembershipInput{Note: &note, SourceID: &w.source})
			wantCode(t, "edit based on the pre-import version", err, apperr.CodeConflict, "expectedVersion")
		})
	}
}

// unknownFiness is a well-formed FINESS number no loaded record has.
func unknownFiness(t *testing.T, w *world) string {
	for i := range 1000 {
		for key := range 10 {
			n := fmt.Sprintf("4209%04d%d", i, key)
			if finess.Validate(n) != nil {
				continue
			}
			le := w.c.LegalEntity.Query().Where(legalentity.Finess(n)).ExistX(w.sys)
			et := w.c.Establishment.Query().Where(establishment.Finess(n)).ExistX(w.sys)
			if !le && !et {
				return n
			}
		}
	}
	t.Fatal("no free FINESS number")
	return ""
}
