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

// memberWant is one membership as a register file describes it. key
// identifies it across imports: the register's reference to the member
// (kept in memberRef) or the legal entity.
type memberWant struct {
	line               string // where the file says it, for messages
	ref                string
	entityID           *int
	role               membership.Role
	siteIDs            []int
	validFrom, validTo *time.Time
}

func (w memberWant) key() string {
	if w.ref != "" {
		return w.ref
	}
	return "entity:" + strconv.Itoa(*w.entityID)
}

func membershipKey(m *ent.Membership) string {
	if m.MemberRef != "" {
		return m.MemberRef
	}
	if m.LegalEntityID == nil {
		return "membership:" + strconv.Itoa(m.ID)
	}
	return "entity:" + strconv.Itoa(*m.LegalEntityID)
}

// syncMemberships brings a grouping's memberships in line with a file:
// added, updated, and — for those an earlier file of the same register
// (sources whose key starts with family) recorded and this one omits —
// closed on date. Memberships from other sources are left alone.
func syncMemberships(ctx context.Context, c *ent.Client, groupingID, sourceID int, family string, date time.Time, wants []memberWant, rep *Report) error {
	existing, err := c.Membership.Query().Where(membership.GroupingID(groupingID)).
		WithSites().WithSource(func(q *ent.SourceQuery) { q.Select(source.FieldKey) }).All(ctx)
	if err != nil {
		return err
	}
	byKey := map[string]*ent.Membership{}
	for _, m := range existing {
		byKey[membershipKey(m)] = m
	}
	listed := map[string]bool{}
	for _, w := range wants {
		k := w.key()
		if listed[k] {
			return fmt.Errorf("%s: the same member is listed twice in this grouping", w.line)
		}
		listed[k] = true
		m, ok := byKey[k]
		if !ok {
			err := c.Membership.Create().SetGroupingID(groupingID).SetNillableLegalEntityID(w.entityID).
				SetMemberRef(w.ref).SetRole(w.role).AddSiteIDs(w.siteIDs...).
				SetNillableValidFrom(w.validFrom).SetNillableValidTo(w.validTo).SetSourceID(sourceID).Exec(ctx)
			if err != nil {
				return fmt.Errorf("%s: %w", w.line, err)
			}
			rep.Added["membership"]++
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
			continue
		}
		if err := u.SetSourceID(sourceID).Exec(ctx); err != nil {
			return fmt.Errorf("%s: %w", w.line, err)
		}
		rep.Updated["membership"]++
	}
	for k, m := range byKey {
		if listed[k] || m.ValidTo != nil || m.Edges.Source == nil || !strings.HasPrefix(m.Edges.Source.Key, family) {
			continue
		}
		if m.ValidFrom != nil && !m.ValidFrom.Before(date) {
			continue
		}
		if err := c.Membership.UpdateOneID(m.ID).SetValidTo(date).SetSourceID(sourceID).Exec(ctx); err != nil {
			return err
		}
		rep.Closed["membership"]++
	}
	return nil
}
