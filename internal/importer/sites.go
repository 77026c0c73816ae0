package importer

import (
	"context"
	"fmt"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/source"
	"github.com/maillage/maillage/ent/territory"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/geo"
)

// registeredGroupings maps the FINESS categories that are cooperation
// structures to a grouping kind; the grouping is the legal entity that
// runs the sites (a GCS, a CPTS). Centres de santé (category 124) are not
// among them: a centre de santé is a facility one operator runs, often
// by the dozen, not a cooperation.
var registeredGroupings = map[string]grouping.Kind{
	"604": grouping.KindCPTS,
	"603": grouping.KindMSP,
	"695": grouping.KindGCS,
	"696": grouping.KindGCS,
	"697": grouping.KindGCS_ES,
	"426": grouping.KindSIH,
}

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
// categories are added. loc places each site in its commune. A file
// older than what a site was last updated from leaves the site as it is.
func (im *Importer) Sites(ctx context.Context, src SourceInfo, file SiteFile, loc *geo.Locator) (*Report, error) {
	ctx = access.AsSystem(ctx) // an import writes as Maillage itself, whoever runs it
	return im.inTx(ctx, src.Key, &src, func(tx *ent.Tx, sourceID int, rep *Report) error {
		c := tx.Client()
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

func (im *Importer) createLegalEntities(ctx context.Context, c *ent.Client, sourceID int, sites []finess.Site, rep *Report) (map[string]int, error) {
	ids, err := finessIDs(ctx, c.LegalEntity.Query().Select(legalentity.FieldID, legalentity.FieldFiness))
	if err != nil {
		return nil, err
	}
	type entity struct {
		sites []finess.Site
		first finess.Site
	}
	var order []string
	pending := map[string]*entity{}
	for _, s := range sites {
		if _, ok := ids[s.LegalEntity]; ok {
			continue
		}
		e := pending[s.LegalEntity]
		if e == nil {
			e = &entity{first: s}
			pending[s.LegalEntity] = e
			order = append(order, s.LegalEntity)
		}
		e.sites = append(e.sites, s)
	}
	rep.Unchanged["legalEntity"] += len(ids)
	build := func(i int) *ent.LegalEntityCreate {
		n := order[i]
		e := pending[n]
		siren := ""
		if len(e.first.SIRET) == 14 {
			siren = e.first.SIRET[:9]
		}
		return c.LegalEntity.Create().
			SetFiness(n).
			SetName(finess.EntityName(e.sites)).
			SetNameDerived(true).
			SetSiren(siren).
			SetPublicStatus(e.first.SPHLabel).
			SetDepartmentCode(finess.Department(n)).
			SetSourceID(sourceID)
	}
	created, err := createInBatches(ctx, len(order), build, func(ctx context.Context, bs []*ent.LegalEntityCreate) ([]*ent.LegalEntity, error) {
		return c.LegalEntity.CreateBulk(bs...).Save(ctx)
	}, func(_ int, e *ent.LegalEntity) { ids[e.Finess] = e.ID })
	if err != nil {
		return nil, fmt.Errorf("create legal entities: %w", err)
	}
	rep.Added["legalEntity"] += created
	return ids, nil
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
		records := make([]registerRecord, len(existing))
		for i, e := range existing {
			records[i] = registerRecord{e.ID, e.SourceID, e.Finess, e.ValidFrom, e.ValidTo}
		}
		err := closeOmitted(ctx, "establishment", file.Date, records, ids, sourceDates, rep, func(ctx context.Context, chunk []int) error {
			return c.Establishment.Update().Where(establishment.IDIn(chunk...)).SetValidTo(file.Date).SetSourceID(sourceID).Exec(ctx)
		})
		if err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// registerRecord is what closing needs to know of a site or entity.
type registerRecord struct {
	id, sourceID       int
	finess             string
	validFrom, validTo *time.Time
}

// closeOmitted gives date as end date to the open records a complete file
// omits — unless a file at least as new as this one vouched for them, or
// they opened on or after that date — through close, batch by batch.
func closeOmitted(ctx context.Context, what string, date time.Time, records []registerRecord, inFile map[string]int, sourceDates map[int]*time.Time, rep *Report, close func(context.Context, []int) error) error {
	var toClose []int
	for _, r := range records {
		if _, listed := inFile[r.finess]; listed || r.validTo != nil {
			continue
		}
		if d := sourceDates[r.sourceID]; d != nil && !d.Before(date) {
			continue
		}
		if r.validFrom != nil && !r.validFrom.Before(date) {
			rep.warnf("%s %s opened on %s, not before the file's date: left open", what, r.finess, r.validFrom.Format(time.DateOnly))
			continue
		}
		toClose = append(toClose, r.id)
	}
	for start := 0; start < len(toClose); start += batchSize {
		if err := close(ctx, toClose[start:min(start+batchSize, len(toClose))]); err != nil {
			return fmt.Errorf("close %s: %w", what, err)
		}
	}
	rep.Closed[what] += len(toClose)
	return nil
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
		SetSourceID(sourceID)
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

func sameDay(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.UTC().Format(time.DateOnly) == b.UTC().Format(time.DateOnly)
}

func sameFloat(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// sourceDates maps each source to its publication date, when it has one.
func sourceDates(ctx context.Context, c *ent.Client) (map[int]*time.Time, error) {
	sources, err := c.Source.Query().Select(source.FieldID, source.FieldPublishedOn).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int]*time.Time, len(sources))
	for _, s := range sources {
		out[s.ID] = s.PublishedOn
	}
	return out, nil
}

func (im *Importer) createRegisteredGroupings(ctx context.Context, c *ent.Client, sourceID int, sites []finess.Site, entityIDs, siteIDs map[string]int, rep *Report) error {
	existing, err := c.Grouping.Query().Where(grouping.CodeNotNil()).Select(grouping.FieldCode).Strings(ctx)
	if err != nil {
		return err
	}
	known := make(map[string]bool, len(existing))
	for _, code := range existing {
		known[code] = true
	}
	type pending struct {
		kind   grouping.Kind
		code   string
		entity string
		name   string
		dep    string
		sites  []int
		opened finess.Site
	}
	var order []string
	byCode := map[string]*pending{}
	for _, s := range sites {
		kind, ok := registeredGroupings[s.Category]
		if !ok {
			continue
		}
		code := s.LegalEntity
		if known[code] {
			continue
		}
		p := byCode[code]
		if p == nil {
			p = &pending{kind: kind, code: code, entity: s.LegalEntity, dep: finess.Department(code), opened: s}
			byCode[code] = p
			order = append(order, code)
		}
		p.sites = append(p.sites, siteIDs[s.Finess])
		p.name = s.Name
		if len(p.sites) > 1 {
			// Several sites: the grouping is the entity, named as such.
			p.name = ""
		}
	}
	var names = map[string]string{}
	if len(order) > 0 {
		entities, err := c.LegalEntity.Query().Where(legalentity.FinessIn(order...)).Select(legalentity.FieldFiness, legalentity.FieldName).All(ctx)
		if err != nil {
			return err
		}
		for _, e := range entities {
			names[e.Finess] = e.Name
		}
	}
	build := func(i int) *ent.GroupingCreate {
		code := order[i]
		p := byCode[code]
		name := p.name
		if name == "" {
			name = names[p.entity]
		}
		return c.Grouping.Create().
			SetKind(p.kind).
			SetCode(code).
			SetFiness(code).
			SetName(name).
			SetDepartmentCode(p.dep).
			SetLegalEntityID(entityIDs[p.entity]).
			AddEstablishmentIDs(p.sites...).
			SetNillableValidFrom(p.opened.Opened).
			SetSourceID(sourceID)
	}
	created, err := createInBatches(ctx, len(order), build, func(ctx context.Context, bs []*ent.GroupingCreate) ([]*ent.Grouping, error) {
		return c.Grouping.CreateBulk(bs...).Save(ctx)
	}, nil)
	if err != nil {
		return fmt.Errorf("create registered groupings: %w", err)
	}
	rep.Added["grouping"] += created
	rep.Unchanged["grouping"] += len(known)
	return nil
}

// finessIDs maps FINESS numbers to IDs for a query selecting id and
// finess.
func finessIDs[Q interface {
	Scan(context.Context, any) error
}](ctx context.Context, q Q) (map[string]int, error) {
	var rows []struct {
		ID     int    `json:"id"`
		Finess string `json:"finess"`
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, err
	}
	ids := make(map[string]int, len(rows))
	for _, r := range rows {
		ids[r.Finess] = r.ID
	}
	return ids, nil
}

// regionsOfDepartments maps each département code to its région code.
func regionsOfDepartments(ctx context.Context, c *ent.Client) (map[string]string, error) {
	deps, err := c.Territory.Query().Where(territory.KindEQ(territory.KindDEPARTMENT)).WithParent().All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(deps))
	for _, d := range deps {
		if d.Edges.Parent != nil {
			out[d.Code] = d.Edges.Parent.Code
		}
	}
	return out, nil
}
