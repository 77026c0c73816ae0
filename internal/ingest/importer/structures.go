package importer

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/membership"
	"github.com/maillage/maillage/ent/source"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/finessplus"
	"github.com/maillage/maillage/internal/geo"
)

// structuresBatch is how many legal entities (with their sites) are
// written at a time: the file is never held whole.
const structuresBatch = 500

// StructuresFile is a FINESS+ structures file, read as it is imported.
type StructuresFile struct {
	Name        string
	GeneratedAt time.Time
	// Read streams the file: each legal entity to entity, then the
	// groupings (finessplus.Stream).
	Read func(entity func(*finessplus.LegalEntity) error) (*finessplus.File, error)
	// Category labels a FINESS category code: label, aggregate code and
	// label ("" when unknown).
	Category func(code string) (label, group, groupLabel string)
}

// Structures brings the database in line with a FINESS+ structures file:
// its legal entities with their register names (no longer derived), its
// sites with their positions, its groupings (gcc, gco) with their
// members, roles and dates. The file is a national stock: the legal
// entities and sites an earlier FINESS+ file described and this one omits
// are closed on its date; its groupings' members likewise. A record last
// updated from a newer file is left as it is. A record another register
// describes too (an etalab extract, the DGOS GHT list) stays one record
// naming both sources.
func (im *Importer) Structures(ctx context.Context, src SourceInfo, file StructuresFile, territories TerritoryFile) (*Report, error) {
	ctx = access.AsSystem(ctx) // an import writes as Maillage itself, whoever runs it
	return im.inTx(ctx, src.Key, &src, func(tx *ent.Tx, sourceID int, rep *Report) error {
		c := tx.Client()
		if err := writeTerritories(ctx, tx, territories, rep); err != nil {
			return err
		}
		s, err := newStructuresSync(ctx, c, sourceID, file, territories.Locator, rep)
		if err != nil {
			return err
		}
		read := 0
		parsed, err := file.Read(func(e *finessplus.LegalEntity) error {
			s.batch = append(s.batch, e)
			if read++; read%5000 == 0 {
				im.tell("legal entities", read, 0)
			}
			if len(s.batch) < structuresBatch {
				return nil
			}
			return s.flush(ctx)
		})
		if err != nil {
			return err
		}
		if err := s.flush(ctx); err != nil {
			return err
		}
		s.report()
		if err := s.closeOmitted(ctx); err != nil {
			return err
		}
		return s.groupings(ctx, im, parsed)
	})
}

// structuresSync is one structures import under way.
type structuresSync struct {
	c           *ent.Client
	sourceID    int
	file        StructuresFile
	date        time.Time
	loc         *geo.Locator
	rep         *Report
	dates       map[int]*time.Time
	territories map[string]int
	regionOf    map[string]string

	batch []*finessplus.LegalEntity
	// FINESS number → ID of every legal entity and site the file lists,
	// and where it lists it.
	entities, sites       map[string]int
	entityPath, sitePath  map[string]string
	swapped, unplaced     int
	unpositioned, olderEJ int
	olderET               int
}

func newStructuresSync(ctx context.Context, c *ent.Client, sourceID int, file StructuresFile, loc *geo.Locator, rep *Report) (*structuresSync, error) {
	s := &structuresSync{
		c: c, sourceID: sourceID, file: file, date: file.GeneratedAt.UTC().Truncate(24 * time.Hour), loc: loc, rep: rep,
		entities: map[string]int{}, sites: map[string]int{}, entityPath: map[string]string{}, sitePath: map[string]string{},
	}
	var err error
	if s.dates, err = sourceDates(ctx, c); err != nil {
		return nil, err
	}
	if s.territories, err = territoryIDs(ctx, c); err != nil {
		return nil, err
	}
	if s.regionOf, err = regionsOfDepartments(ctx, c); err != nil {
		return nil, err
	}
	return s, nil
}

// newer reports whether a record's last source is newer than the file.
func (s *structuresSync) newer(sourceID int) bool {
	d := s.dates[sourceID]
	return d != nil && d.After(s.file.GeneratedAt)
}

// closedBy is the end a register's inactive record gets: its own, else
// this file's date when it opened before.
func (s *structuresSync) closedBy(active bool, from, to *time.Time) *time.Time {
	if active || to != nil || s.date.IsZero() || from != nil && !from.Before(s.date) {
		return to
	}
	d := s.date
	return &d
}

// flush writes the legal entities read since the last flush, then their
// sites.
func (s *structuresSync) flush(ctx context.Context) error {
	if len(s.batch) == 0 {
		return nil
	}
	defer func() { s.batch = s.batch[:0] }()
	numbers := make([]string, 0, len(s.batch))
	for _, e := range s.batch {
		if prev, dup := s.entityPath[e.Finess]; dup {
			return fmt.Errorf("%s: %s.informationsGeneralesPMEJ.numFinessPm: legal entity %s already at %s", s.file.Name, e.Path, e.Finess, prev)
		}
		s.entityPath[e.Finess] = e.Path
		numbers = append(numbers, e.Finess)
	}
	existing, err := s.c.LegalEntity.Query().Where(legalentity.FinessIn(numbers...)).All(ctx)
	if err != nil {
		return err
	}
	byFiness := make(map[string]*ent.LegalEntity, len(existing))
	for _, e := range existing {
		byFiness[e.Finess] = e
	}
	var creates []*finessplus.LegalEntity
	var known []int
	for _, f := range s.batch {
		e, ok := byFiness[f.Finess]
		if !ok {
			creates = append(creates, f)
			continue
		}
		s.entities[f.Finess] = e.ID
		known = append(known, e.ID)
		if s.newer(e.SourceID) {
			s.olderEJ++
			s.rep.Unchanged["legalEntity"]++
			continue
		}
		u := s.entityChanges(e, f)
		if u == nil {
			s.rep.Unchanged["legalEntity"]++
			continue
		}
		if err := u.SetSourceID(s.sourceID).Exec(ctx); err != nil {
			return fmt.Errorf("%s: %s: update legal entity %s: %w", s.file.Name, f.Path, f.Finess, err)
		}
		s.rep.Updated["legalEntity"]++
	}
	if len(known) > 0 {
		if err := s.c.LegalEntity.Update().Where(legalentity.IDIn(known...)).AddSourceIDs(s.sourceID).Exec(ctx); err != nil {
			return err
		}
	}
	_, err = createInBatches(ctx, len(creates), func(i int) *ent.LegalEntityCreate {
		f := creates[i]
		return s.c.LegalEntity.Create().
			SetFiness(f.Finess).SetName(f.Name).SetNameDerived(false).
			SetSiren(f.SIREN).SetLegalStatus(f.LegalStatus).SetDepartmentCode(finess.Department(f.Finess)).
			SetNillableValidFrom(f.ValidFrom).SetNillableValidTo(s.closedBy(f.Active, f.ValidFrom, f.ValidTo)).
			SetSourceID(s.sourceID).AddSourceIDs(s.sourceID)
	}, func(ctx context.Context, bs []*ent.LegalEntityCreate) ([]*ent.LegalEntity, error) {
		return s.c.LegalEntity.CreateBulk(bs...).Save(ctx)
	}, func(_ int, e *ent.LegalEntity) { s.entities[e.Finess] = e.ID })
	if err != nil {
		return fmt.Errorf("%s: create legal entities: %w", s.file.Name, err)
	}
	s.rep.Added["legalEntity"] += len(creates)
	return s.flushSites(ctx)
}

func (s *structuresSync) entityChanges(e *ent.LegalEntity, f *finessplus.LegalEntity) *ent.LegalEntityUpdateOne {
	u := s.c.LegalEntity.UpdateOneID(e.ID)
	changed := false
	str := func(old, new string, set func(string) *ent.LegalEntityUpdateOne) {
		if new != "" && old != new {
			set(new)
			changed = true
		}
	}
	str(e.Name, f.Name, u.SetName)
	str(e.Siren, f.SIREN, u.SetSiren)
	if e.LegalStatus == "" { // an etalab label is kept: FINESS+ gives only the code
		str(e.LegalStatus, f.LegalStatus, u.SetLegalStatus)
	}
	str(e.DepartmentCode, finess.Department(f.Finess), u.SetDepartmentCode)
	if e.NameDerived {
		u.SetNameDerived(false)
		changed = true
	}
	changed = setPeriod(e.ValidFrom, e.ValidTo, f.ValidFrom, s.closedBy(f.Active, f.ValidFrom, f.ValidTo), u.SetValidFrom, u.ClearValidFrom, u.SetValidTo, u.ClearValidTo) || changed
	if !changed {
		return nil
	}
	return u
}

// siteWant is a site of the file, placed.
type siteWant struct {
	site     *finessplus.Site
	entityID int
	place    placement
	lat, lon *float64
}

func (s *structuresSync) flushSites(ctx context.Context) error {
	var wants []siteWant
	var numbers []string
	for _, e := range s.batch {
		for i := range e.Sites {
			f := &e.Sites[i]
			if prev, dup := s.sitePath[f.Finess]; dup {
				return fmt.Errorf("%s: %s.informationsGeneralesEGE.numFinessEge: site %s already at %s", s.file.Name, f.Path, f.Finess, prev)
			}
			s.sitePath[f.Finess] = f.Path
			wants = append(wants, s.placeSite(f, s.entities[e.Finess]))
			numbers = append(numbers, f.Finess)
		}
	}
	if len(wants) == 0 {
		return nil
	}
	existing, err := s.c.Establishment.Query().Where(establishment.FinessIn(numbers...)).All(ctx)
	if err != nil {
		return err
	}
	byFiness := make(map[string]*ent.Establishment, len(existing))
	for _, e := range existing {
		byFiness[e.Finess] = e
	}
	var creates []siteWant
	var known []int
	for _, w := range wants {
		e, ok := byFiness[w.site.Finess]
		if !ok {
			creates = append(creates, w)
			continue
		}
		s.sites[w.site.Finess] = e.ID
		known = append(known, e.ID)
		if s.newer(e.SourceID) {
			s.olderET++
			s.rep.Unchanged["establishment"]++
			continue
		}
		u := s.siteChanges(e, w)
		if u == nil {
			s.rep.Unchanged["establishment"]++
			continue
		}
		if err := u.SetSourceID(s.sourceID).Exec(ctx); err != nil {
			return fmt.Errorf("%s: %s: update site %s: %w", s.file.Name, w.site.Path, w.site.Finess, err)
		}
		s.rep.Updated["establishment"]++
	}
	if len(known) > 0 {
		if err := s.c.Establishment.Update().Where(establishment.IDIn(known...)).AddSourceIDs(s.sourceID).Exec(ctx); err != nil {
			return err
		}
	}
	_, err = createInBatches(ctx, len(creates), func(i int) *ent.EstablishmentCreate {
		w := creates[i]
		f := w.site
		label, group, groupLabel := s.category(f.Category)
		return s.c.Establishment.Create().
			SetFiness(f.Finess).SetLegalEntityID(w.entityID).SetName(f.Name).SetLongName(f.LongName).
			SetCategoryCode(f.Category).SetCategoryLabel(label).SetCategoryGroupCode(group).SetCategoryGroupLabel(groupLabel).
			SetSiret(f.SIRET).SetAddress(f.Address).SetPostalCode(f.PostalCode).SetCity(f.City).SetPhone(f.Phone).
			SetNillableValidFrom(f.ValidFrom).SetNillableValidTo(s.closedBy(f.Active, f.ValidFrom, f.ValidTo)).
			SetNillableRegisterUpdatedOn(f.Updated).SetNillableLatitude(w.lat).SetNillableLongitude(w.lon).
			SetCommuneCode(w.place.communeCode).SetNillableCommuneID(w.place.communeID).
			SetDepartmentCode(w.place.department).SetRegionCode(w.place.region).
			SetSourceID(s.sourceID).AddSourceIDs(s.sourceID)
	}, func(ctx context.Context, bs []*ent.EstablishmentCreate) ([]*ent.Establishment, error) {
		return s.c.Establishment.CreateBulk(bs...).Save(ctx)
	}, func(_ int, e *ent.Establishment) { s.sites[e.Finess] = e.ID })
	if err != nil {
		return fmt.Errorf("%s: create sites: %w", s.file.Name, err)
	}
	s.rep.Added["establishment"] += len(creates)
	return nil
}

func (s *structuresSync) category(code string) (label, group, groupLabel string) {
	if s.file.Category == nil {
		return "", "", ""
	}
	return s.file.Category(code)
}

// placeSite finds a site's commune (by its code, else its address) and
// reads its position, the commune's centre telling a swapped X/Y pair.
func (s *structuresSync) placeSite(f *finessplus.Site, entityID int) siteWant {
	w := siteWant{site: f, entityID: entityID}
	dep := finessplus.Department(f.CommuneCode)
	if dep == "" {
		dep = finess.Department(f.Finess)
	}
	w.place.department = dep
	var commune *geo.Territory
	if s.loc != nil {
		commune = s.loc.Locate(f.CommuneCode, dep, f.PostalCode, f.City, nil, nil)
	}
	var near *[2]float64
	if commune != nil && commune.Latitude != nil && commune.Longitude != nil {
		near = &[2]float64{*commune.Latitude, *commune.Longitude}
	}
	if loc, ok := finessplus.Locate(f.Position, dep, near); ok {
		w.lat, w.lon = &loc.Latitude, &loc.Longitude
		if loc.Swapped {
			s.swapped++
		}
	} else if f.Position != nil {
		s.unpositioned++
		if s.unpositioned <= 20 {
			s.rep.warnf("%s: %s: site %s: no plausible position for département %s: imported without one", s.file.Name, f.Position.Path, f.Finess, dep)
		}
	}
	if commune == nil && s.loc != nil && w.lat != nil {
		commune = s.loc.Locate("", dep, f.PostalCode, f.City, w.lat, w.lon)
	}
	if commune != nil {
		w.place.department, w.place.communeCode = commune.ParentCode, commune.Code
		if id, ok := s.territories[geo.KindCommune+"|"+commune.Code]; ok {
			w.place.communeID = &id
		}
	} else {
		s.unplaced++
	}
	w.place.region = s.regionOf[w.place.department]
	return w
}

func (s *structuresSync) siteChanges(e *ent.Establishment, w siteWant) *ent.EstablishmentUpdateOne {
	f := w.site
	u := s.c.Establishment.UpdateOneID(e.ID)
	changed := false
	str := func(old, new string, set func(string) *ent.EstablishmentUpdateOne) {
		if new != "" && old != new {
			set(new)
			changed = true
		}
	}
	str(e.Name, f.Name, u.SetName)
	str(e.LongName, f.LongName, u.SetLongName)
	if f.Category != "" && e.CategoryCode != f.Category {
		label, group, groupLabel := s.category(f.Category)
		u.SetCategoryCode(f.Category).SetCategoryLabel(label).SetCategoryGroupCode(group).SetCategoryGroupLabel(groupLabel)
		changed = true
	}
	str(e.Siret, f.SIRET, u.SetSiret)
	str(e.Address, f.Address, u.SetAddress)
	str(e.PostalCode, f.PostalCode, u.SetPostalCode)
	str(e.City, f.City, u.SetCity)
	str(e.Phone, f.Phone, u.SetPhone)
	str(e.DepartmentCode, w.place.department, u.SetDepartmentCode)
	str(e.RegionCode, w.place.region, u.SetRegionCode)
	str(e.CommuneCode, w.place.communeCode, u.SetCommuneCode)
	if w.place.communeID != nil && (e.CommuneID == nil || *e.CommuneID != *w.place.communeID) {
		u.SetCommuneID(*w.place.communeID)
		changed = true
	}
	if w.entityID != 0 && e.LegalEntityID != w.entityID {
		u.SetLegalEntityID(w.entityID)
		changed = true
	}
	if f.Updated != nil && !sameDay(e.RegisterUpdatedOn, f.Updated) {
		u.SetRegisterUpdatedOn(*f.Updated)
		changed = true
	}
	// A position the file does not give is kept (another source's).
	if w.lat != nil && (!sameFloat(e.Latitude, w.lat) || !sameFloat(e.Longitude, w.lon)) {
		u.SetLatitude(*w.lat).SetLongitude(*w.lon)
		changed = true
	}
	changed = setPeriod(e.ValidFrom, e.ValidTo, f.ValidFrom, s.closedBy(f.Active, f.ValidFrom, f.ValidTo), u.SetValidFrom, u.ClearValidFrom, u.SetValidTo, u.ClearValidTo) || changed
	if !changed {
		return nil
	}
	return u
}

func (s *structuresSync) report() {
	if s.swapped > 0 {
		s.rep.warnf("%s: %d site positions had coordonneeX and coordonneeY swapped (ansforge/finess issue 24): read swapped", s.file.Name, s.swapped)
	}
	if s.unpositioned > 20 {
		s.rep.warnf("%d more sites have no plausible position", s.unpositioned-20)
	}
	if s.unplaced > 0 {
		s.rep.warnf("%d sites could not be placed in a commune", s.unplaced)
	}
	if n := s.olderEJ + s.olderET; n > 0 {
		s.rep.warnf("%d legal entities and sites were last updated from a newer file than this one (%s): left as they are", n, s.date.Format(time.DateOnly))
	}
}

// closeOmitted closes the open legal entities and sites an earlier
// FINESS+ file described and this one omits. Records only other
// registers describe are left to them.
func (s *structuresSync) closeOmitted(ctx context.Context) error {
	entities, err := s.c.LegalEntity.Query().Where(legalentity.ValidToIsNil(), legalentity.HasSourcesWith(source.KeyHasPrefix(FamilyStructures))).
		Select(legalentity.FieldID, legalentity.FieldFiness, legalentity.FieldSourceID, legalentity.FieldValidFrom).All(ctx)
	if err != nil {
		return err
	}
	records := make([]registerRecord, len(entities))
	for i, e := range entities {
		records[i] = registerRecord{e.ID, e.SourceID, e.Finess, e.ValidFrom, e.ValidTo}
	}
	err = closeOmitted(ctx, "legalEntity", s.date, records, s.entities, s.dates, s.rep, func(ctx context.Context, chunk []int) error {
		return s.c.LegalEntity.Update().Where(legalentity.IDIn(chunk...)).SetValidTo(s.date).SetSourceID(s.sourceID).Exec(ctx)
	})
	if err != nil {
		return err
	}
	sites, err := s.c.Establishment.Query().Where(establishment.ValidToIsNil(), establishment.HasSourcesWith(source.KeyHasPrefix(FamilyStructures))).
		Select(establishment.FieldID, establishment.FieldFiness, establishment.FieldSourceID, establishment.FieldValidFrom).All(ctx)
	if err != nil {
		return err
	}
	records = make([]registerRecord, len(sites))
	for i, e := range sites {
		records[i] = registerRecord{e.ID, e.SourceID, e.Finess, e.ValidFrom, e.ValidTo}
	}
	return closeOmitted(ctx, "establishment", s.date, records, s.sites, s.dates, s.rep, func(ctx context.Context, chunk []int) error {
		return s.c.Establishment.Update().Where(establishment.IDIn(chunk...)).SetValidTo(s.date).SetSourceID(s.sourceID).Exec(ctx)
	})
}

// groupings brings the file's gcc and gco, and their members, into the
// database. Members are resolved to legal entities through the file's
// pmej entries and the loaded register; a member neither resolves is
// kept with the register's reference (memberRef) and a warning, so that
// a later file links it.
func (s *structuresSync) groupings(ctx context.Context, im *Importer, f *finessplus.File) error {
	entities, err := finessIDs(ctx, s.c.LegalEntity.Query().Select("id", "finess"))
	if err != nil {
		return err
	}
	sites, err := finessIDs(ctx, s.c.Establishment.Query().Select("id", "finess"))
	if err != nil {
		return err
	}
	unresolved := 0
	for i, g := range f.Groupings {
		im.tell("groupings", i, len(f.Groupings))
		want := groupingWant{
			code: g.Code, registerID: strings.TrimPrefix(g.Code, "FINESSPLUS-"),
			name: g.Name, kind: grouping.Kind(g.Kind), finess: g.Finess,
			description: fmt.Sprintf("FINESS+ %s %s, type %s", g.Origin, g.ID, g.TypeCode),
			validFrom:   g.ValidFrom, validTo: s.closedBy(g.Active, g.ValidFrom, g.ValidTo),
		}
		if g.Origin == "gco" && g.TypeCode == "001" {
			want.kind = grouping.KindCPTS // TRE-R372 001: CPTS
		}
		if g.ExternalID != "" {
			want.description += ", identifiant externe " + g.ExternalID
		}
		for _, e := range g.Engagements {
			want.description += "; " + e.String()
		}
		if want.name == "" {
			want.name = want.description
		}
		if id, ok := entities[g.Finess]; ok {
			want.legalEntityID = &id
		}
		var wants []memberWant
		var support *int
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
				if w.role == membership.RoleSUPPORT {
					support = &id
				}
			} else {
				unresolved++
				if unresolved <= 20 {
					s.rep.warnf("%s: %s: member %s not resolved to a loaded legal entity (kept as %q)", f.Name, m.Path, orDash(m.Finess), w.ref)
				}
			}
			if id, ok := sites[m.SiteFiness]; ok {
				w.siteIDs = []int{id}
			}
			wants = append(wants, w)
		}
		existing, err := s.findGrouping(ctx, want, support)
		if err != nil {
			return err
		}
		want.existing = existing
		older := existing != nil && s.newer(existing.SourceID)
		if older {
			// A newer source keeps its word; this file still describes
			// the grouping, and names it.
			s.rep.Unchanged["grouping"]++
			u := s.c.Grouping.UpdateOneID(existing.ID).AddSourceIDs(s.sourceID)
			if existing.RegisterID == nil {
				u.SetRegisterID(want.registerID)
			}
			if err := u.Exec(ctx); err != nil {
				return err
			}
		} else if existing, err = upsertGrouping(ctx, s.c, s.sourceID, want, s.rep); err != nil {
			return fmt.Errorf("%s: %s: %w", f.Name, g.Path, err)
		}
		if err := syncMemberships(ctx, s.c, existing.ID, s.sourceID, FamilyStructures, s.date, s.dates, older, wants, s.rep); err != nil {
			return err
		}
	}
	if unresolved > 20 {
		s.rep.warnf("%d more members not resolved", unresolved-20)
	}
	return nil
}

// findGrouping finds the grouping a FINESS+ gcc or gco is: the one it
// recorded before, else the same GHT from another register (the DGOS
// list), else the GCS FINESS registers as the gco's legal entity.
func (s *structuresSync) findGrouping(ctx context.Context, w groupingWant, support *int) (*ent.Grouping, error) {
	g, err := s.c.Grouping.Query().Where(grouping.Or(grouping.RegisterID(w.registerID), grouping.Code(w.code))).First(ctx)
	if err == nil || !ent.IsNotFound(err) {
		return g, err
	}
	if w.kind == grouping.KindGHT {
		return findGHT(ctx, s.c, w.name, support, grouping.RegisterIDIsNil())
	}
	if w.finess != "" {
		g, err := s.c.Grouping.Query().Where(grouping.Finess(w.finess), grouping.RegisterIDIsNil()).First(ctx)
		if ent.IsNotFound(err) {
			return nil, nil
		}
		return g, err
	}
	return nil, nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
