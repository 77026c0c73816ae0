package importer

import (
	"context"
	"fmt"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/membership"
	"github.com/maillage/maillage/ent/territory"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/ghtlist"
	"github.com/maillage/maillage/internal/textnorm"
)

// GHTList brings the ministry's list of GHT members into the database:
// one grouping per GHT code, one membership per row. Every member must be
// a loaded legal entity. Members an earlier list recorded and this one
// omits are closed on date.
func (im *Importer) GHTList(ctx context.Context, src SourceInfo, name string, rows []ghtlist.Row, date time.Time) (*Report, error) {
	ctx = access.AsSystem(ctx) // an import writes as Maillage itself, whoever runs it
	return im.inTx(ctx, src.Key, &src, func(tx *ent.Tx, sourceID int, rep *Report) error {
		c := tx.Client()
		entities, err := finessIDs(ctx, c.LegalEntity.Query().Select("id", "finess"))
		if err != nil {
			return err
		}
		dates, err := sourceDates(ctx, c)
		if err != nil {
			return err
		}
		regions, err := c.Territory.Query().Where(territory.KindEQ(territory.KindREGION)).All(ctx)
		if err != nil {
			return err
		}
		regionByName := map[string]int{}
		for _, r := range regions {
			regionByName[textnorm.Key(r.Name)] = r.ID
		}
		var codes []string
		byCode := map[string][]ghtlist.Row{}
		for _, r := range rows {
			if _, ok := entities[r.Finess]; !ok {
				return fmt.Errorf("%s: row %d: column FINESS: legal entity %s (%s) is not in the register: import the FINESS legal entities first", name, r.Line, r.Finess, r.EntityName)
			}
			if _, seen := byCode[r.GHTCode]; !seen {
				codes = append(codes, r.GHTCode)
			}
			byCode[r.GHTCode] = append(byCode[r.GHTCode], r)
		}
		for i, code := range codes {
			im.tell("GHT", i, len(codes))
			members := byCode[code]
			want := groupingWant{code: code, name: members[0].GHTName, kind: grouping.KindGHT,
				description: "Groupement hospitalier de territoire " + code}
			if id, ok := regionByName[textnorm.Key(members[0].Region)]; ok {
				want.territoryID = &id
			} else if members[0].Region != "" {
				rep.warnf("%s: row %d: région %q unknown: GHT %s has no territory", name, members[0].Line, members[0].Region, code)
			}
			var support *int
			for _, r := range members {
				if membership.Role(r.Role) == membership.RoleSUPPORT {
					id := entities[r.Finess]
					support = &id
				}
			}
			// The same GHT FINESS+ recorded first takes this list's code.
			if exists, err := c.Grouping.Query().Where(grouping.Code(code)).Exist(ctx); err != nil {
				return err
			} else if !exists {
				if want.existing, err = findGHT(ctx, c, want.name, support, grouping.And(grouping.RegisterIDNotNil(), grouping.CodeHasPrefix("FINESSPLUS-"))); err != nil {
					return err
				}
				want.setCode = want.existing != nil
			}
			g, err := upsertGrouping(ctx, c, sourceID, want, rep)
			if err != nil {
				return fmt.Errorf("%s: row %d: %w", name, members[0].Line, err)
			}
			var wants []memberWant
			for _, r := range members {
				id := entities[r.Finess]
				role := membership.Role(r.Role)
				if role == "" {
					role = membership.RoleMEMBER
				}
				wants = append(wants, memberWant{line: fmt.Sprintf("%s: row %d", name, r.Line), entityID: &id, role: role, validFrom: r.ValidFrom, validTo: r.ValidTo})
			}
			if err := syncMemberships(ctx, c, g.ID, sourceID, FamilyGHTList, date, dates, false, wants, rep); err != nil {
				return err
			}
		}
		return nil
	})
}
