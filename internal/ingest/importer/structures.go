package importer

import (
	"context"
	"fmt"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/membership"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/finessplus"
)

// Structures brings the groupings of a FINESS+ structures file (gcc:
// GHT and other conventional groups; gco: GCS and other organic groups)
// and their memberships into the database. Members are resolved to
// legal entities through the file's own pmej entries and the loaded
// register; a member neither resolves is kept with the register's
// reference (memberRef) and a warning, so that a later file links it.
func (im *Importer) Structures(ctx context.Context, src SourceInfo, f *finessplus.File) (*Report, error) {
	date := f.GeneratedAt.UTC().Truncate(24 * time.Hour)
	ctx = access.AsSystem(ctx) // an import writes as Maillage itself, whoever runs it
	return im.inTx(ctx, src.Key, &src, func(tx *ent.Tx, sourceID int, rep *Report) error {
		c := tx.Client()
		entities, err := finessIDs(ctx, c.LegalEntity.Query().Select("id", "finess"))
		if err != nil {
			return err
		}
		sites, err := finessIDs(ctx, c.Establishment.Query().Select("id", "finess"))
		if err != nil {
			return err
		}
		unresolved := 0
		for i, g := range f.Groupings {
			im.tell("groupings", i, len(f.Groupings))
			want := groupingWant{
				code: g.Code, name: g.Name, kind: grouping.Kind(g.Kind), finess: g.Finess,
				description: fmt.Sprintf("FINESS+ %s %s, type %s", g.Origin, g.ID, g.TypeCode),
				validFrom:   g.ValidFrom, validTo: g.ValidTo,
			}
			if g.ExternalID != "" {
				want.description += ", identifiant externe " + g.ExternalID
			}
			if want.name == "" {
				want.name = want.description
			}
			if id, ok := entities[g.Finess]; ok {
				want.legalEntityID = &id
			}
			if !g.Active && want.validTo == nil && !date.IsZero() && (want.validFrom == nil || want.validFrom.Before(date)) {
				want.validTo = &date // inactive without a closing event: closed by this file's date
			}
			gid, err := upsertGrouping(ctx, c, sourceID, want, rep)
			if err != nil {
				return fmt.Errorf("%s: %s: %w", f.Name, g.Path, err)
			}
			var wants []memberWant
			for _, m := range g.Members {
				w := memberWant{line: f.Name + ": " + m.Path, role: membership.Role(m.Role), validFrom: m.ValidFrom, validTo: m.ValidTo}
				if w.role == "" {
					w.role = membership.RoleMEMBER
				}
				if m.PMID != "" {
					w.ref = "FINESS+ pmSmsseId " + m.PMID
				} else {
					w.ref = "FINESS+ egeId " + m.SiteID
				}
				if id, ok := entities[m.Finess]; ok {
					w.entityID = &id
				} else {
					unresolved++
					if unresolved <= 20 {
						rep.warnf("%s: %s: member %s not resolved to a loaded legal entity (kept as %q)", f.Name, m.Path, orDash(m.Finess), w.ref)
					}
				}
				if id, ok := sites[m.SiteFiness]; ok {
					w.siteIDs = []int{id}
				}
				wants = append(wants, w)
			}
			if err := syncMemberships(ctx, c, gid, sourceID, FamilyStructures, date, wants, rep); err != nil {
				return err
			}
		}
		if unresolved > 20 {
			rep.warnf("%d more members not resolved", unresolved-20)
		}
		return nil
	})
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
