package importer

import (
	"context"
	"fmt"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/internal/finess"
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
			SetSourceID(sourceID)
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
	kind                            grouping.Kind
	legalEntityID, territoryID      *int
	validFrom, validTo              *time.Time
}

// upsertGrouping creates the grouping with this code or brings it in
// line with the file; it returns its ID.
func upsertGrouping(ctx context.Context, c *ent.Client, sourceID int, w groupingWant, rep *Report) (int, error) {
	g, err := c.Grouping.Query().Where(grouping.Code(w.code)).Only(ctx)
	if ent.IsNotFound(err) {
		created, err := c.Grouping.Create().
			SetCode(w.code).SetName(w.name).SetKind(w.kind).SetDescription(w.description).
			SetNillableFiness(nonEmpty(w.finess)).SetNillableLegalEntityID(w.legalEntityID).SetNillableTerritoryID(w.territoryID).
			SetNillableValidFrom(w.validFrom).SetNillableValidTo(w.validTo).SetSourceID(sourceID).
			Save(ctx)
		if err != nil {
			return 0, fmt.Errorf("grouping %s: %w", w.code, err)
		}
		rep.Added["grouping"]++
		return created.ID, nil
	}
	if err != nil {
		return 0, err
	}
	u := c.Grouping.UpdateOneID(g.ID)
	changed := false
	str := func(old, new string, set func(string) *ent.GroupingUpdateOne) {
		if old != new {
			set(new)
			changed = true
		}
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
		return g.ID, nil
	}
	if err := u.SetSourceID(sourceID).Exec(ctx); err != nil {
		return 0, fmt.Errorf("grouping %s: %w", w.code, err)
	}
	rep.Updated["grouping"]++
	return g.ID, nil
}
