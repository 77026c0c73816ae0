package importer

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/grouping"
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

// createRegisteredGroupings adds the groupings FINESS registers as sites
// of cooperation categories: one per legal entity and kind (an entity
// running a GCS site and an SIH site is two structures), opened on its
// earliest site's opening, named after its sites (finess.GroupingName).
// Its code is the entity's FINESS number, suffixed with the kind for a
// second kind of the same entity; groupings already stored are left as
// they are.
func (im *Importer) createRegisteredGroupings(ctx context.Context, c *ent.Client, sourceID int, sites []finess.Site, entityIDs, siteIDs map[string]int, rep *Report) error {
	var existing []struct {
		Code string        `json:"code"`
		Kind grouping.Kind `json:"kind"`
	}
	if err := c.Grouping.Query().Where(grouping.CodeNotNil()).Select(grouping.FieldCode, grouping.FieldKind).Scan(ctx, &existing); err != nil {
		return err
	}
	codes := make(map[string]grouping.Kind, len(existing))
	for _, g := range existing {
		codes[g.Code] = g.Kind
	}
	type key struct {
		entity string
		kind   grouping.Kind
	}
	type pending struct {
		code   string
		sites  []int
		names  []string
		opened *time.Time
	}
	var order []key
	byKey := map[key]*pending{}
	for _, s := range sites {
		kind, ok := registeredGroupings[s.Category]
		if !ok {
			continue
		}
		k := key{s.LegalEntity, kind}
		p := byKey[k]
		if p == nil {
			if codes[k.entity] == kind || codes[k.entity+"-"+string(kind)] == kind {
				continue // stored by an earlier import
			}
			p = &pending{}
			byKey[k] = p
			order = append(order, k)
		}
		p.sites = append(p.sites, siteIDs[s.Finess])
		p.names = append(p.names, s.Name)
		if s.Opened != nil && (p.opened == nil || s.Opened.Before(*p.opened)) {
			p.opened = s.Opened
		}
	}
	for _, k := range order {
		p := byKey[k]
		p.code = k.entity
		if _, taken := codes[p.code]; taken {
			p.code = k.entity + "-" + string(k.kind)
		}
		codes[p.code] = k.kind
	}
	build := func(i int) *ent.GroupingCreate {
		k := order[i]
		p := byKey[k]
		return c.Grouping.Create().
			SetKind(k.kind).
			SetCode(p.code).
			SetFiness(k.entity).
			SetName(finess.GroupingName(p.names)).
			SetDepartmentCode(finess.Department(k.entity)).
			SetLegalEntityID(entityIDs[k.entity]).
			AddEstablishmentIDs(p.sites...).
			SetNillableValidFrom(p.opened).
			SetSourceID(sourceID).AddSourceIDs(sourceID)
	}
	created, err := createInBatches(ctx, len(order), build, func(ctx context.Context, bs []*ent.GroupingCreate) ([]*ent.Grouping, error) {
		return c.Grouping.CreateBulk(bs...).Save(ctx)
	}, nil)
	if err != nil {
		return fmt.Errorf("create registered groupings: %w", err)
	}
	rep.Added["grouping"] += created
	rep.Unchanged["grouping"] += len(existing)
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
