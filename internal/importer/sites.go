package importer

import (
	"context"
	"fmt"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/territory"
	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/geo"
)

// registeredGroupings maps the FINESS categories that are cooperation
// structures to a grouping kind, and says whether the grouping is the
// legal entity (a GCS, a CPTS) or each site (a centre de santé, which
// one organisation may run by the dozen).
var registeredGroupings = map[string]struct {
	kind    grouping.Kind
	perSite bool
}{
	"604": {grouping.KindCPTS, false},
	"603": {grouping.KindMSP, false},
	"695": {grouping.KindGCS, false},
	"696": {grouping.KindGCS, false},
	"697": {grouping.KindGCS_ES, false},
	"426": {grouping.KindSIH, false},
	"124": {grouping.KindHEALTH_CENTRE, true},
}

// Sites loads FINESS sites, the legal entities they name (with a derived
// provisional name when the entity is new), and the groupings FINESS
// registers as sites of cooperation categories. loc places each site in
// its commune. Records already present (same FINESS) are left as they
// are.
func (im *Importer) Sites(ctx context.Context, src SourceInfo, sites []finess.Site, loc *geo.Locator) (*Report, error) {
	return im.inTx(ctx, src.Key, &src, func(tx *ent.Tx, sourceID int, rep *Report) error {
		c := tx.Client()
		for _, s := range sites {
			if err := finess.Validate(s.Finess); err != nil {
				return fmt.Errorf("%s:%d: field nofinesset: %w", src.Reference, s.Line, err)
			}
			if err := finess.Validate(s.LegalEntity); err != nil {
				return fmt.Errorf("%s:%d: field nofinessej: %w", src.Reference, s.Line, err)
			}
		}
		entityIDs, err := im.createLegalEntities(ctx, c, sourceID, sites, rep)
		if err != nil {
			return err
		}
		siteIDs, err := im.createEstablishments(ctx, c, sourceID, sites, entityIDs, loc, rep)
		if err != nil {
			return err
		}
		return im.createRegisteredGroupings(ctx, c, sourceID, sites, entityIDs, siteIDs, rep)
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
	rep.Existing["legalEntity"] += len(ids)
	builders := make([]*ent.LegalEntityCreate, len(order))
	for i, n := range order {
		e := pending[n]
		siren := ""
		if len(e.first.SIRET) == 14 {
			siren = e.first.SIRET[:9]
		}
		builders[i] = c.LegalEntity.Create().
			SetFiness(n).
			SetName(finess.EntityName(e.sites)).
			SetNameDerived(true).
			SetSiren(siren).
			SetPublicStatus(e.first.SPHLabel).
			SetDepartmentCode(finess.Department(n)).
			SetSourceID(sourceID)
	}
	created, err := createInBatches(ctx, builders, func(ctx context.Context, bs []*ent.LegalEntityCreate) ([]*ent.LegalEntity, error) {
		return c.LegalEntity.CreateBulk(bs...).Save(ctx)
	})
	if err != nil {
		return nil, fmt.Errorf("create legal entities: %w", err)
	}
	for _, e := range created {
		ids[e.Finess] = e.ID
	}
	rep.Added["legalEntity"] += len(created)
	return ids, nil
}

func (im *Importer) createEstablishments(ctx context.Context, c *ent.Client, sourceID int, sites []finess.Site, entityIDs map[string]int, loc *geo.Locator, rep *Report) (map[string]int, error) {
	ids, err := finessIDs(ctx, c.Establishment.Query().Select(establishment.FieldID, establishment.FieldFiness))
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
	var builders []*ent.EstablishmentCreate
	unlocated := 0
	for _, s := range sites {
		if _, ok := ids[s.Finess]; ok {
			rep.Existing["establishment"]++
			continue
		}
		dep := finess.Department(s.Finess)
		b := c.Establishment.Create().
			SetFiness(s.Finess).
			SetLegalEntityID(entityIDs[s.LegalEntity]).
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
			SetSourceID(sourceID)
		if loc != nil {
			if commune := loc.Locate(dep, s.PostalCode, s.City, s.Latitude, s.Longitude); commune != nil {
				dep = commune.ParentCode
				b.SetCommuneCode(commune.Code).SetCommuneID(territories[geo.KindCommune+"|"+commune.Code])
			} else {
				unlocated++
			}
		}
		b.SetDepartmentCode(dep).SetRegionCode(regionOf[dep])
		if s.Latitude == nil {
			rep.warnf("line %d: site %s (%s) has no position: imported without coordinates", s.Line, s.Finess, s.Name)
		}
		builders = append(builders, b)
	}
	if unlocated > 0 {
		rep.warnf("%d sites could not be placed in a commune", unlocated)
	}
	created, err := createInBatches(ctx, builders, func(ctx context.Context, bs []*ent.EstablishmentCreate) ([]*ent.Establishment, error) {
		return c.Establishment.CreateBulk(bs...).Save(ctx)
	})
	if err != nil {
		return nil, fmt.Errorf("create establishments: %w", err)
	}
	for _, e := range created {
		ids[e.Finess] = e.ID
	}
	rep.Added["establishment"] += len(created)
	return ids, nil
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
		rg, ok := registeredGroupings[s.Category]
		if !ok {
			continue
		}
		code := s.LegalEntity
		if rg.perSite {
			code = s.Finess
		}
		if known[code] {
			continue
		}
		p := byCode[code]
		if p == nil {
			p = &pending{kind: rg.kind, code: code, entity: s.LegalEntity, dep: finess.Department(code), opened: s}
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
	builders := make([]*ent.GroupingCreate, len(order))
	for i, code := range order {
		p := byCode[code]
		name := p.name
		if name == "" {
			name = names[p.entity]
		}
		builders[i] = c.Grouping.Create().
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
	created, err := createInBatches(ctx, builders, func(ctx context.Context, bs []*ent.GroupingCreate) ([]*ent.Grouping, error) {
		return c.Grouping.CreateBulk(bs...).Save(ctx)
	})
	if err != nil {
		return fmt.Errorf("create registered groupings: %w", err)
	}
	rep.Added["grouping"] += len(created)
	rep.Existing["grouping"] += len(known)
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
