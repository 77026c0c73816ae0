package rights

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"

	entgo "entgo.io/ent"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/conventionparty"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/filiererole"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/membership"
	"github.com/maillage/maillage/ent/teamsite"
	"github.com/maillage/maillage/ent/territory"
)

// PlacesOf returns where the record a cooperation mutation writes lies,
// before and after it. A record lies where its parties do: a grouping
// where its territory, its own legal person and its members are; a
// convention where its territory and parties are; a filière where its
// territory and the organisations holding a role are; a medical team
// where its sites, grouping and convention are. A membership, party,
// role or team site lies where the record it belongs to does, its own
// party included: touching it touches that record.
func PlacesOf(ctx context.Context, c *ent.Client, m entgo.Mutation) ([]Place, error) {
	l := newLocator(c)
	if withID, ok := m.(interface{ ID() (int, bool) }); ok && m.Op().Is(entgo.OpUpdateOne) {
		if id, exists := withID.ID(); exists {
			if err := l.record(ctx, m.Type(), id); err != nil {
				return nil, err
			}
		}
	}
	for _, f := range []string{"grouping_id", "convention_id", "filiere_id", "team_id", "legal_entity_id", "establishment_id", "territory_id", "department_code"} {
		v, ok := m.Field(f)
		if !ok {
			continue
		}
		var err error
		switch v := v.(type) {
		case int:
			err = l.reference(ctx, m.Type(), f, v)
		case string:
			if v != "" {
				l.depts[v] = true
			}
		}
		if err != nil {
			return nil, err
		}
	}
	if m.Type() == "Membership" || m.Type() == "ConventionParty" {
		for _, id := range m.AddedIDs("sites") {
			if id, ok := id.(int); ok {
				l.sites[id] = true
			}
		}
	}
	return l.places(ctx)
}

// RecordPlaces returns where a stored record lies, by the rules of
// PlacesOf: the régions and départements of its territory, parties and
// sites, and for a part (membership, party, role, team site) those of
// the record it belongs to. A record of another type (a source) lies
// nowhere: no places, no error. The unlocated place (no région, no
// département) is left out.
func RecordPlaces(ctx context.Context, c *ent.Client, typ string, id int) ([]Place, error) {
	if !Located(typ) {
		return nil, nil
	}
	l := newLocator(c)
	if err := l.record(ctx, typ, id); err != nil {
		return nil, err
	}
	places, err := l.places(ctx)
	return slices.DeleteFunc(places, func(p Place) bool { return p == Place{} }), err
}

// Located tells whether records of type typ lie somewhere: the
// cooperation records.
func Located(typ string) bool {
	switch typ {
	case "Grouping", "Convention", "Filiere", "MedicalTeam", "Membership", "ConventionParty", "FiliereRole", "TeamSite":
		return true
	}
	return false
}

// locator gathers what a record involves, then where that lies.
type locator struct {
	c                      *ent.Client
	entities, sites, terrs map[int]bool
	depts                  map[string]bool
	groupings, conventions map[int]bool
	filieres, teams        map[int]bool
}

func newLocator(c *ent.Client) *locator {
	return &locator{c: c, entities: map[int]bool{}, sites: map[int]bool{}, terrs: map[int]bool{}, depts: map[string]bool{},
		groupings: map[int]bool{}, conventions: map[int]bool{}, filieres: map[int]bool{}, teams: map[int]bool{}}
}

// reference adds what a mutation's field points to.
func (l *locator) reference(ctx context.Context, typ, field string, id int) error {
	switch field {
	case "grouping_id":
		return l.grouping(ctx, id)
	case "convention_id":
		return l.convention(ctx, id)
	case "filiere_id":
		return l.filiere(ctx, id)
	case "team_id":
		return l.team(ctx, id)
	case "legal_entity_id":
		l.entities[id] = true
	case "establishment_id":
		l.sites[id] = true
	case "territory_id":
		l.terrs[id] = true
	}
	return nil
}

// record adds a stored record of type typ.
func (l *locator) record(ctx context.Context, typ string, id int) error {
	switch typ {
	case "Grouping":
		return l.grouping(ctx, id)
	case "Convention":
		return l.convention(ctx, id)
	case "Filiere":
		return l.filiere(ctx, id)
	case "MedicalTeam":
		return l.team(ctx, id)
	case "Membership":
		m, err := l.c.Membership.Get(ctx, id)
		if err != nil {
			return err
		}
		return l.grouping(ctx, m.GroupingID)
	case "ConventionParty":
		p, err := l.c.ConventionParty.Get(ctx, id)
		if err != nil {
			return err
		}
		return l.convention(ctx, p.ConventionID)
	case "FiliereRole":
		r, err := l.c.FiliereRole.Get(ctx, id)
		if err != nil {
			return err
		}
		return l.filiere(ctx, r.FiliereID)
	case "TeamSite":
		s, err := l.c.TeamSite.Get(ctx, id)
		if err != nil {
			return err
		}
		return l.team(ctx, s.TeamID)
	}
	return fmt.Errorf("rights: %s is not a cooperation record", typ)
}

func (l *locator) grouping(ctx context.Context, id int) error {
	if l.groupings[id] {
		return nil
	}
	l.groupings[id] = true
	g, err := l.c.Grouping.Get(ctx, id)
	if err != nil {
		return err
	}
	if g.TerritoryID != nil {
		l.terrs[*g.TerritoryID] = true
	}
	if g.DepartmentCode != "" {
		l.depts[g.DepartmentCode] = true
	}
	if g.LegalEntityID != nil {
		l.entities[*g.LegalEntityID] = true
	}
	members, err := l.c.Membership.Query().Where(membership.GroupingID(id), membership.LegalEntityIDNotNil()).
		Select(membership.FieldLegalEntityID).Ints(ctx)
	if err != nil {
		return err
	}
	l.addAll(l.entities, members)
	sites, err := l.c.Membership.Query().Where(membership.GroupingID(id)).QuerySites().IDs(ctx)
	l.addAll(l.sites, sites)
	return err
}

func (l *locator) convention(ctx context.Context, id int) error {
	if l.conventions[id] {
		return nil
	}
	l.conventions[id] = true
	cv, err := l.c.Convention.Get(ctx, id)
	if err != nil {
		return err
	}
	if cv.TerritoryID != nil {
		l.terrs[*cv.TerritoryID] = true
	}
	parties, err := l.c.ConventionParty.Query().Where(conventionparty.ConventionID(id)).
		Select(conventionparty.FieldLegalEntityID).Ints(ctx)
	if err != nil {
		return err
	}
	l.addAll(l.entities, parties)
	sites, err := l.c.ConventionParty.Query().Where(conventionparty.ConventionID(id)).QuerySites().IDs(ctx)
	l.addAll(l.sites, sites)
	return err
}

func (l *locator) filiere(ctx context.Context, id int) error {
	if l.filieres[id] {
		return nil
	}
	l.filieres[id] = true
	f, err := l.c.Filiere.Get(ctx, id)
	if err != nil {
		return err
	}
	if f.TerritoryID != nil {
		l.terrs[*f.TerritoryID] = true
	}
	roles, err := l.c.FiliereRole.Query().Where(filiererole.FiliereID(id)).All(ctx)
	if err != nil {
		return err
	}
	for _, r := range roles {
		l.entities[r.LegalEntityID] = true
		if r.EstablishmentID != nil {
			l.sites[*r.EstablishmentID] = true
		}
	}
	return nil
}

func (l *locator) team(ctx context.Context, id int) error {
	if l.teams[id] {
		return nil
	}
	l.teams[id] = true
	t, err := l.c.MedicalTeam.Get(ctx, id)
	if err != nil {
		return err
	}
	sites, err := l.c.TeamSite.Query().Where(teamsite.TeamID(id)).Select(teamsite.FieldEstablishmentID).Ints(ctx)
	if err != nil {
		return err
	}
	l.addAll(l.sites, sites)
	if t.GroupingID != nil {
		if err := l.grouping(ctx, *t.GroupingID); err != nil {
			return err
		}
	}
	if t.ConventionID != nil {
		return l.convention(ctx, *t.ConventionID)
	}
	return nil
}

func (l *locator) addAll(set map[int]bool, ids []int) {
	for _, id := range ids {
		set[id] = true
	}
}

// places resolves what was gathered to régions and départements.
func (l *locator) places(ctx context.Context) ([]Place, error) {
	found := map[Place]bool{}
	if len(l.entities) > 0 {
		depts, err := l.c.LegalEntity.Query().Where(legalentity.IDIn(slices.Collect(maps.Keys(l.entities))...)).
			Select(legalentity.FieldDepartmentCode).Strings(ctx)
		if err != nil {
			return nil, err
		}
		for _, d := range depts {
			if d == "" {
				found[Place{}] = true
				continue
			}
			l.depts[d] = true
		}
	}
	if len(l.sites) > 0 {
		sites, err := l.c.Establishment.Query().Where(establishment.IDIn(slices.Collect(maps.Keys(l.sites))...)).
			Select(establishment.FieldDepartmentCode, establishment.FieldRegionCode).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, s := range sites {
			switch {
			case s.RegionCode != "":
				found[Place{Region: s.RegionCode, Department: s.DepartmentCode}] = true
			case s.DepartmentCode != "":
				l.depts[s.DepartmentCode] = true
			default:
				found[Place{}] = true
			}
		}
	}
	for id := range l.terrs {
		pl, err := l.territory(ctx, id)
		if err != nil {
			return nil, err
		}
		found[pl] = true
	}
	if len(l.depts) > 0 {
		codes := slices.Collect(maps.Keys(l.depts))
		depts, err := l.c.Territory.Query().Where(territory.KindEQ(territory.KindDEPARTMENT), territory.CodeIn(codes...)).
			WithParent().All(ctx)
		if err != nil {
			return nil, err
		}
		regionOf := map[string]string{}
		for _, d := range depts {
			if d.Edges.Parent != nil {
				regionOf[d.Code] = d.Edges.Parent.Code
			}
		}
		for _, code := range codes {
			found[Place{Region: regionOf[code], Department: code}] = true
		}
	}
	out := slices.Collect(maps.Keys(found))
	slices.SortFunc(out, func(a, b Place) int {
		if a.Region != b.Region {
			return cmp.Compare(a.Region, b.Region)
		}
		return cmp.Compare(a.Department, b.Department)
	})
	return out, nil
}

// territory returns the place of a territory: a région, a département
// within its région, or for a commune or health territory the
// département (or région) above it.
func (l *locator) territory(ctx context.Context, id int) (Place, error) {
	var pl Place
	for range 4 {
		t, err := l.c.Territory.Get(ctx, id)
		if err != nil {
			return Place{}, err
		}
		switch t.Kind {
		case territory.KindREGION:
			pl.Region = t.Code
			return pl, nil
		case territory.KindDEPARTMENT:
			if pl.Department == "" {
				pl.Department = t.Code
			}
		}
		if t.ParentID == nil {
			break
		}
		id = *t.ParentID
	}
	return pl, nil
}
