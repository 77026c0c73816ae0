package importer

import (
	"context"
	"fmt"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/source"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/geo"
)

// SiteFile is what a register file says about sites.
type SiteFile struct {
	Sites []finess.Site
	Date  time.Time // the extract's date
	// Positioned says the file gives positions: a site without one has
	// none. Otherwise positions already known are kept.
	Positioned bool
	// Complete says the file is a national stock: the open sites it omits
	// have closed, and are given Date as their end.
	Complete bool
	Warnings []string // found while reading the file, kept in the report
}

// Sites brings the database in line with a FINESS site file: sites are
// added, updated or (when the file is complete) closed, never deleted;
// the legal entities they name are added with a derived provisional
// name when new; the groupings FINESS registers as sites of cooperation
// categories are added. Each site is placed in its commune, from
// territories, which are added first, in the same transaction, when the
// database lacks them. A file older than what a site was last updated
// from leaves the site as it is.
func (im *Importer) Sites(ctx context.Context, src SourceInfo, file SiteFile, territories TerritoryFile) (*Report, error) {
	ctx = access.AsSystem(ctx) // an import writes as Maillage itself, whoever runs it
	return im.inTx(ctx, src.Key, &src, func(tx *ent.Tx, sourceID int, rep *Report) error {
		c := tx.Client()
		if err := writeTerritories(ctx, tx, territories, rep); err != nil {
			return err
		}
		loc := territories.Locator
		rep.Warnings = append(rep.Warnings, file.Warnings...)
		for _, s := range file.Sites {
			for _, n := range []string{s.Finess, s.LegalEntity} {
				if err := finess.Validate(n); err != nil {
					rep.warnf("line %d: %v (imported)", s.Line, err)
				}
			}
		}
		entityIDs, err := im.createLegalEntities(ctx, c, sourceID, file.Sites, rep)
		if err != nil {
			return err
		}
		siteIDs, err := im.syncEstablishments(ctx, c, sourceID, file, entityIDs, loc, rep)
		if err != nil {
			return err
		}
		return im.createRegisteredGroupings(ctx, c, sourceID, file.Sites, entityIDs, siteIDs, rep)
	})
}

// placement is where a site lies: its commune and the territories above.
type placement struct {
	communeCode string
	communeID   *int
	department  string
	region      string
}

// syncEstablishments adds, updates and closes sites; it returns the ID
// of every site of the file.
func (im *Importer) syncEstablishments(ctx context.Context, c *ent.Client, sourceID int, file SiteFile, entityIDs map[string]int, loc *geo.Locator, rep *Report) (map[string]int, error) {
	existing, err := c.Establishment.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	byFiness := make(map[string]*ent.Establishment, len(existing))
	for _, e := range existing {
		byFiness[e.Finess] = e
	}
	sourceDates, err := sourceDates(ctx, c)
	if err != nil {
		return nil, err
	}
	territories, err := territoryIDs(ctx, c)
	if err != nil {
		return nil, err
	}
	regionOf, err := regionsOfDepartments(ctx, c)
	if err != nil {
		return nil, err
	}
	place := func(s finess.Site) placement {
		p := placement{department: finess.Department(s.Finess)}
		if loc != nil {
			if commune := loc.Locate(s.CommuneCode, p.department, s.PostalCode, s.City, s.Latitude, s.Longitude); commune != nil {
				p.department, p.communeCode = commune.ParentCode, commune.Code
				if id, ok := territories[geo.KindCommune+"|"+commune.Code]; ok {
					p.communeID = &id
				}
			}
		}
		p.region = regionOf[p.department]
		return p
	}

	ids := make(map[string]int, len(file.Sites))
	type pendingSite struct {
		site  *finess.Site
		place placement
	}
	var creates []pendingSite
	var described []int // known sites the file describes
	unlocated, unpositioned, older := 0, 0, 0
	for i, s := range file.Sites {
		if i%5000 == 0 {
			im.tell("sites", i, len(file.Sites))
		}
		p := place(s)
		if p.communeCode == "" {
			unlocated++
		}
		if s.Latitude == nil && file.Positioned {
			unpositioned++
			if unpositioned <= 20 {
				rep.warnf("line %d: site %s (%s) has no position: imported without coordinates", s.Line, s.Finess, s.Name)
			}
		}
		e, known := byFiness[s.Finess]
		if !known {
			creates = append(creates, pendingSite{&file.Sites[i], p})
			continue
		}
		ids[s.Finess] = e.ID
		described = append(described, e.ID)
		if d := sourceDates[e.SourceID]; d != nil && d.After(file.Date) {
			older++
			rep.Unchanged["establishment"]++
			continue
		}
		u := establishmentChanges(c, e, s, p, entityIDs[s.LegalEntity], file.Positioned)
		if u == nil {
			rep.Unchanged["establishment"]++
			continue
		}
		if err := u.SetSourceID(sourceID).Exec(ctx); err != nil {
			return nil, fmt.Errorf("line %d: update site %s: %w", s.Line, s.Finess, err)
		}
		rep.Updated["establishment"]++
	}
	im.tell("sites", len(file.Sites), len(file.Sites))
	for start := 0; start < len(described); start += batchSize {
		chunk := described[start:min(start+batchSize, len(described))]
		if err := c.Establishment.Update().Where(establishment.IDIn(chunk...)).AddSourceIDs(sourceID).Exec(ctx); err != nil {
			return nil, err
		}
	}
	if unpositioned > 20 {
		rep.warnf("%d more sites have no position", unpositioned-20)
	}
	if unlocated > 0 {
		rep.warnf("%d sites could not be placed in a commune", unlocated)
	}
	if older > 0 {
		rep.warnf("%d sites were last updated from a newer file than this one (%s): left as they are", older, file.Date.Format(time.DateOnly))
	}
	created, err := createInBatches(ctx, len(creates), func(i int) *ent.EstablishmentCreate {
		p := creates[i]
		return newEstablishment(c, *p.site, p.place, entityIDs[p.site.LegalEntity], sourceID)
	}, func(ctx context.Context, bs []*ent.EstablishmentCreate) ([]*ent.Establishment, error) {
		return c.Establishment.CreateBulk(bs...).Save(ctx)
	}, func(_ int, e *ent.Establishment) { ids[e.Finess] = e.ID })
	if err != nil {
		return nil, fmt.Errorf("create sites: %w", err)
	}
	rep.Added["establishment"] += created
	if file.Complete {
		// Sites only another register describes (FINESS+) are that
		// register's to close.
		others, err := c.Establishment.Query().Where(establishment.HasSources(),
			establishment.Not(establishment.HasSourcesWith(source.KeyHasPrefix(siteRegisterKeys)))).IDs(ctx)
		if err != nil {
			return nil, err
		}
		records := closable(existing, others, func(e *ent.Establishment) registerRecord {
			return registerRecord{e.ID, e.SourceID, e.Finess, e.ValidFrom, e.ValidTo}
		})
		err = closeOmitted(ctx, "establishment", file.Date, records, ids, sourceDates, rep, func(ctx context.Context, chunk []int) error {
			return c.Establishment.Update().Where(establishment.IDIn(chunk...)).SetValidTo(file.Date).SetSourceID(sourceID).Exec(ctx)
		})
		if err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func newEstablishment(c *ent.Client, s finess.Site, p placement, entityID, sourceID int) *ent.EstablishmentCreate {
	return c.Establishment.Create().
		SetFiness(s.Finess).
		SetLegalEntityID(entityID).
		SetName(s.Name).
		SetLongName(s.LongName).
		SetCategoryCode(s.Category).
		SetCategoryLabel(s.CategoryLabel).
		SetCategoryGroupCode(s.CategoryGroup).
		SetCategoryGroupLabel(s.CategoryGroupLabel).
		SetApeCode(s.APE).
		SetSphCode(s.SPHCode).
		SetSphLabel(s.SPHLabel).
		SetSiret(s.SIRET).
		SetAddress(s.Address).
		SetPostalCode(s.PostalCode).
		SetCity(s.City).
		SetPhone(s.Phone).
		SetNillableValidFrom(s.Opened).
		SetNillableRegisterUpdatedOn(s.Updated).
		SetNillableLatitude(s.Latitude).
		SetNillableLongitude(s.Longitude).
		SetCommuneCode(p.communeCode).
		SetNillableCommuneID(p.communeID).
		SetDepartmentCode(p.department).
		SetRegionCode(p.region).
		SetSourceID(sourceID).AddSourceIDs(sourceID)
}

// establishmentChanges returns the update that brings e in line with
// the file, or nil when nothing differs.
func establishmentChanges(c *ent.Client, e *ent.Establishment, s finess.Site, p placement, entityID int, positioned bool) *ent.EstablishmentUpdateOne {
	u := c.Establishment.UpdateOneID(e.ID)
	changed := false
	str := func(old, new string, set func(string) *ent.EstablishmentUpdateOne) {
		if old != new {
			set(new)
			changed = true
		}
	}
	str(e.Name, s.Name, u.SetName)
	str(e.LongName, s.LongName, u.SetLongName)
	str(e.CategoryCode, s.Category, u.SetCategoryCode)
	str(e.CategoryLabel, s.CategoryLabel, u.SetCategoryLabel)
	str(e.CategoryGroupCode, s.CategoryGroup, u.SetCategoryGroupCode)
	str(e.CategoryGroupLabel, s.CategoryGroupLabel, u.SetCategoryGroupLabel)
	str(e.ApeCode, s.APE, u.SetApeCode)
	str(e.SphCode, s.SPHCode, u.SetSphCode)
	str(e.SphLabel, s.SPHLabel, u.SetSphLabel)
	str(e.Siret, s.SIRET, u.SetSiret)
	str(e.Address, s.Address, u.SetAddress)
	str(e.PostalCode, s.PostalCode, u.SetPostalCode)
	str(e.City, s.City, u.SetCity)
	str(e.Phone, s.Phone, u.SetPhone)
	str(e.DepartmentCode, p.department, u.SetDepartmentCode)
	str(e.RegionCode, p.region, u.SetRegionCode)
	if p.communeCode != "" {
		str(e.CommuneCode, p.communeCode, u.SetCommuneCode)
		if p.communeID != nil && (e.CommuneID == nil || *e.CommuneID != *p.communeID) {
			u.SetCommuneID(*p.communeID)
			changed = true
		}
	}
	if e.LegalEntityID != entityID {
		u.SetLegalEntityID(entityID)
		changed = true
	}
	if !sameDay(e.ValidFrom, s.Opened) {
		if s.Opened == nil {
			u.ClearValidFrom()
		} else {
			u.SetValidFrom(*s.Opened)
		}
		changed = true
	}
	if !sameDay(e.RegisterUpdatedOn, s.Updated) {
		if s.Updated == nil {
			u.ClearRegisterUpdatedOn()
		} else {
			u.SetRegisterUpdatedOn(*s.Updated)
		}
		changed = true
	}
	if e.ValidTo != nil { // listed again: reopened
		u.ClearValidTo()
		changed = true
	}
	if positioned && (!sameFloat(e.Latitude, s.Latitude) || !sameFloat(e.Longitude, s.Longitude)) {
		if s.Latitude == nil {
			u.ClearLatitude().ClearLongitude()
		} else {
			u.SetLatitude(*s.Latitude).SetLongitude(*s.Longitude)
		}
		changed = true
	}
	if !changed {
		return nil
	}
	return u
}
