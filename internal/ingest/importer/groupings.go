package importer

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/membership"
	"github.com/maillage/maillage/ent/predicate"
	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/textnorm"
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
			SetSourceID(sourceID).AddSourceIDs(sourceID)
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

// groupingWant is a grouping as a register file describes it.
type groupingWant struct {
	code, name, description, finess string
	// registerID is the FINESS+ identifier; setCode gives the grouping
	// this code even when found by another identity (the DGOS code of a
	// GHT FINESS+ recorded first).
	registerID                 string
	setCode                    bool
	kind                       grouping.Kind
	legalEntityID, territoryID *int
	validFrom, validTo         *time.Time
	// existing is the grouping found by another identity than the code.
	existing *ent.Grouping
}

// upsertGrouping creates the grouping (w.existing, else the one with
// this code) or brings it in line with the file, naming the file among
// its sources.
func upsertGrouping(ctx context.Context, c *ent.Client, sourceID int, w groupingWant, rep *Report) (*ent.Grouping, error) {
	g, err := w.existing, error(nil)
	if g == nil {
		g, err = c.Grouping.Query().Where(grouping.Code(w.code)).Only(ctx)
	}
	if ent.IsNotFound(err) {
		created, err := c.Grouping.Create().
			SetCode(w.code).SetName(w.name).SetKind(w.kind).SetDescription(w.description).
			SetNillableRegisterID(nonEmpty(w.registerID)).
			SetNillableFiness(nonEmpty(w.finess)).SetNillableLegalEntityID(w.legalEntityID).SetNillableTerritoryID(w.territoryID).
			SetNillableValidFrom(w.validFrom).SetNillableValidTo(w.validTo).SetSourceID(sourceID).AddSourceIDs(sourceID).
			Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("grouping %s: %w", w.code, err)
		}
		rep.Added["grouping"]++
		return created, nil
	}
	if err != nil {
		return nil, err
	}
	u := c.Grouping.UpdateOneID(g.ID)
	changed := false
	str := func(old, new string, set func(string) *ent.GroupingUpdateOne) {
		if old != new {
			set(new)
			changed = true
		}
	}
	if w.setCode && (g.Code == nil || *g.Code != w.code) {
		u.SetCode(w.code)
		changed = true
	}
	if w.registerID != "" && (g.RegisterID == nil || *g.RegisterID != w.registerID) {
		u.SetRegisterID(w.registerID)
		changed = true
	}
	str(g.Name, w.name, u.SetName)
	str(g.Description, w.description, u.SetDescription)
	if w.finess != "" && (g.Finess == nil || *g.Finess != w.finess) {
		u.SetFiness(w.finess)
		changed = true
	}
	if g.Kind != w.kind {
		u.SetKind(w.kind)
		changed = true
	}
	if w.legalEntityID != nil && (g.LegalEntityID == nil || *g.LegalEntityID != *w.legalEntityID) {
		u.SetLegalEntityID(*w.legalEntityID)
		changed = true
	}
	if w.territoryID != nil && (g.TerritoryID == nil || *g.TerritoryID != *w.territoryID) {
		u.SetTerritoryID(*w.territoryID)
		changed = true
	}
	changed = setPeriod(g.ValidFrom, g.ValidTo, w.validFrom, w.validTo, u.SetValidFrom, u.ClearValidFrom, u.SetValidTo, u.ClearValidTo) || changed
	if !changed {
		rep.Unchanged["grouping"]++
		return g, c.Grouping.UpdateOneID(g.ID).AddSourceIDs(sourceID).Exec(ctx)
	}
	if err := u.SetSourceID(sourceID).AddSourceIDs(sourceID).Exec(ctx); err != nil {
		return nil, fmt.Errorf("grouping %s: %w", w.code, err)
	}
	rep.Updated["grouping"]++
	return g, nil
}

// findGHT finds among the GHTs other (the other register's) keeps the one
// named name, or else the one whose support is the legal entity support:
// the DGOS list and FINESS+ name the same GHTs, each its own way.
func findGHT(ctx context.Context, c *ent.Client, name string, support *int, other predicate.Grouping) (*ent.Grouping, error) {
	ghts, err := c.Grouping.Query().Where(grouping.KindEQ(grouping.KindGHT), other).All(ctx)
	if err != nil {
		return nil, err
	}
	key := ghtKey(name)
	for _, g := range ghts {
		if key != "" && ghtKey(g.Name) == key {
			return g, nil
		}
	}
	if support == nil || len(ghts) == 0 {
		return nil, nil
	}
	ids := make([]int, len(ghts))
	for i, g := range ghts {
		ids[i] = g.ID
	}
	m, err := c.Membership.Query().Where(membership.GroupingIDIn(ids...), membership.LegalEntityID(*support),
		membership.RoleEQ(membership.RoleSUPPORT), membership.ValidToIsNil()).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return c.Grouping.Get(ctx, m.GroupingID)
}

// ghtKey folds a GHT's name for matching, without the words saying it
// is one ("GHT Loire", "Groupement hospitalier de territoire Loire").
func ghtKey(name string) string {
	k := textnorm.Key(name)
	for _, prefix := range []string{"groupement hospitalier de territoire ", "groupement hospitalier du territoire ", "ght "} {
		k = strings.TrimPrefix(k, prefix)
	}
	return k
}
