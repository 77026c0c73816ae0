package importer

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/membership"
	"github.com/maillage/maillage/ent/source"
)

// Source key prefixes of the registers whose memberships an import of
// the same register may close.
const (
	FamilyStructures = "finessplus-structures-"
	FamilyGHTList    = "ght-list-"
)

// memberWant is one membership as a register file describes it: its
// legal entity when resolved, else the register's reference to the
// member (kept in memberRef).
type memberWant struct {
	line               string // where the file says it, for messages
	ref                string
	entityID           *int
	role               membership.Role
	siteIDs            []int
	validFrom, validTo *time.Time
}

// key identifies a membership within a file: the same legal entity is
// the same member whichever register names it.
func (w memberWant) key() string {
	if w.entityID != nil {
		return "entity:" + strconv.Itoa(*w.entityID)
	}
	return w.ref
}

// syncMemberships brings a grouping's memberships in line with a file:
// added, updated (unless last updated from a newer file: dates are the
// sources' dates), and — for those only sources of the same register
// (keys starting with family) describe, and this one omits — closed on
// date. A membership another register describes too stays one
// membership naming both; those of other sources alone are left alone.
// When the grouping was last updated from a newer file (older), the file
// only names itself among the sources of the memberships it lists.
func syncMemberships(ctx context.Context, c *ent.Client, groupingID, sourceID int, family string, date time.Time, dates map[int]*time.Time, older bool, wants []memberWant, rep *Report) error {
	existing, err := c.Membership.Query().Where(membership.GroupingID(groupingID)).
		WithSites().WithSource(func(q *ent.SourceQuery) { q.Select(source.FieldKey) }).
		WithSources(func(q *ent.SourceQuery) { q.Select(source.FieldID, source.FieldKey) }).All(ctx)
	if err != nil {
		return err
	}
	byEntity, byRef := map[int]*ent.Membership{}, map[string]*ent.Membership{}
	for _, m := range existing {
		if m.LegalEntityID != nil {
			byEntity[*m.LegalEntityID] = m
		}
		if m.MemberRef != "" {
			byRef[m.MemberRef] = m
		}
	}
	listedKey, listed := map[string]string{}, map[int]bool{}
	for _, w := range wants {
		k := w.key()
		if first, dup := listedKey[k]; dup {
			return fmt.Errorf("%s: the same member is listed twice in this grouping (first at %s)", w.line, first)
		}
		listedKey[k] = w.line
		var m *ent.Membership
		if w.entityID != nil {
			m = byEntity[*w.entityID]
		}
		if m == nil && w.ref != "" {
			m = byRef[w.ref]
		}
		if m == nil && older {
			continue
		}
		if m == nil {
			err := c.Membership.Create().SetGroupingID(groupingID).SetNillableLegalEntityID(w.entityID).
				SetMemberRef(w.ref).SetRole(w.role).AddSiteIDs(w.siteIDs...).
				SetNillableValidFrom(w.validFrom).SetNillableValidTo(w.validTo).SetSourceID(sourceID).AddSourceIDs(sourceID).Exec(ctx)
			if err != nil {
				return fmt.Errorf("%s: %w", w.line, err)
			}
			rep.Added["membership"]++
			continue
		}
		listed[m.ID] = true
		described := m.SourceID == sourceID
		for _, src := range m.Edges.Sources {
			described = described || src.ID == sourceID
		}
		if d := dates[m.SourceID]; older || d != nil && d.After(date) {
			rep.Unchanged["membership"]++
			if !described {
				if err := c.Membership.UpdateOneID(m.ID).AddSourceIDs(sourceID).Exec(ctx); err != nil {
					return err
				}
			}
			continue
		}
		u := c.Membership.UpdateOneID(m.ID)
		changed := false
		if m.Role != w.role {
			u.SetRole(w.role)
			changed = true
		}
		if w.entityID != nil && (m.LegalEntityID == nil || *m.LegalEntityID != *w.entityID) {
			u.SetLegalEntityID(*w.entityID)
			changed = true
		}
		var had []int
		for _, s := range m.Edges.Sites {
			had = append(had, s.ID)
		}
		slices.Sort(had)
		want := slices.Sorted(slices.Values(w.siteIDs))
		if !slices.Equal(had, want) {
			u.ClearSites().AddSiteIDs(want...)
			changed = true
		}
		changed = setPeriod(m.ValidFrom, m.ValidTo, w.validFrom, w.validTo, u.SetValidFrom, u.ClearValidFrom, u.SetValidTo, u.ClearValidTo) || changed
		if !changed {
			rep.Unchanged["membership"]++
			if !described {
				if err := c.Membership.UpdateOneID(m.ID).AddSourceIDs(sourceID).Exec(ctx); err != nil {
					return err
				}
			}
			continue
		}
		if err := u.SetSourceID(sourceID).AddSourceIDs(sourceID).Exec(ctx); err != nil {
			return fmt.Errorf("%s: %w", w.line, err)
		}
		rep.Updated["membership"]++
	}
	for _, m := range existing {
		if older || listed[m.ID] || m.ValidTo != nil || !onlyFamily(m, family) {
			continue
		}
		if m.ValidFrom != nil && !m.ValidFrom.Before(date) {
			continue
		}
		if d := dates[m.SourceID]; d != nil && d.After(date) {
			continue // a newer file vouched for it
		}
		if err := c.Membership.UpdateOneID(m.ID).SetValidTo(date).SetSourceID(sourceID).AddSourceIDs(sourceID).Exec(ctx); err != nil {
			return err
		}
		rep.Closed["membership"]++
	}
	return nil
}

// onlyFamily reports whether every source describing m is of the family.
func onlyFamily(m *ent.Membership, family string) bool {
	if m.Edges.Source == nil || !strings.HasPrefix(m.Edges.Source.Key, family) {
		return false
	}
	for _, s := range m.Edges.Sources {
		if !strings.HasPrefix(s.Key, family) {
			return false
		}
	}
	return true
}
