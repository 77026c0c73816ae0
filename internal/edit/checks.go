package edit

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/conventionparty"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/membership"
	"github.com/maillage/maillage/ent/predicate"
	"github.com/maillage/maillage/internal/apperr"
)

// refs checks that the IDs an input gives name records of the right
// type, before anything is written; the first failure is kept in err.
type refs struct {
	ctx context.Context
	c   *ent.Client
	err error
}

func newRefs(ctx context.Context, c *ent.Client) *refs { return &refs{ctx: ctx, c: c} }

// input checks every ID in in, a struct, that references name.
func (r *refs) input(in any) *refs {
	v := reflect.ValueOf(in)
	for _, ref := range references {
		f := v.FieldByName(ref.field)
		if !f.IsValid() {
			continue
		}
		field := strings.ToLower(ref.field[:1]) + ref.field[1:] // as in the API
		switch ids := f.Interface().(type) {
		case int:
			r.one(field, ref.to, &ids)
		case *int:
			r.one(field, ref.to, ids)
		case []int:
			for _, id := range ids {
				r.one(field, ref.to, &id)
			}
		}
	}
	return r
}

// one checks an ID, if given, in field.
func (r *refs) one(field string, t target, id *int) *refs {
	if r.err != nil || id == nil {
		return r
	}
	found, err := t.exist(r.ctx, r.c, *id)
	switch {
	case err != nil:
		r.err = err
	case !found:
		r.err = apperr.BadInput(field, fmt.Errorf("no %s has ID %d", t.what, *id)).
			Because(apperr.ReasonUnknownRecord, map[string]any{"type": t.what, "id": strconv.Itoa(*id)})
	}
	return r
}

// target is a type of record an input names by ID.
type target struct {
	what  string
	exist func(ctx context.Context, c *ent.Client, id int) (bool, error)
}

// exists is the target whose records the query that of gives finds.
func exists[P ~func(*sql.Selector), Q interface {
	Where(...P) Q
	Exist(context.Context) (bool, error)
}](what string, of func(*ent.Client) Q) target {
	return target{what, func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		return of(c).Where(P(sql.FieldEQ(colID, id))).Exist(ctx)
	}}
}

var (
	sources = exists("source", func(c *ent.Client) *ent.SourceQuery { return c.Source.Query() })
	sites   = exists("site (establishment)", func(c *ent.Client) *ent.EstablishmentQuery { return c.Establishment.Query() })
)

type reference struct {
	field string // of an input
	to    target
}

// references are the fields by which inputs name other records, in the
// order they are checked.
var references = []reference{
	{"SourceID", sources},
	{"ConventionID", exists("convention", func(c *ent.Client) *ent.ConventionQuery { return c.Convention.Query() })},
	{"GroupingID", exists("grouping", func(c *ent.Client) *ent.GroupingQuery { return c.Grouping.Query() })},
	{"FiliereID", exists("filière", func(c *ent.Client) *ent.FiliereQuery { return c.Filiere.Query() })},
	{"TeamID", exists("medical team", func(c *ent.Client) *ent.MedicalTeamQuery { return c.MedicalTeam.Query() })},
	{"LegalEntityID", exists("legal entity", func(c *ent.Client) *ent.LegalEntityQuery { return c.LegalEntity.Query() })},
	{"TerritoryID", exists("territory", func(c *ent.Client) *ent.TerritoryQuery { return c.Territory.Query() })},
	{"SiteIDs", sites},
	{"AddSiteIDs", sites},
	{"EstablishmentID", sites},
}

// mustReference panics unless every ID field of the input type in is
// checked through references (RemoveSiteIDs aside: removing an ID no
// record has changes nothing), so that a new edge is not left unchecked.
func mustReference(in reflect.Type) {
	for i := range in.NumField() {
		name := in.Field(i).Name
		if !strings.HasSuffix(name, "ID") && !strings.HasSuffix(name, "IDs") || name == "RemoveSiteIDs" {
			continue
		}
		if !slices.ContainsFunc(references, func(r reference) bool { return r.field == name }) {
			panic(fmt.Sprintf("edit: %s.%s names records no reference checks", in.Name(), name))
		}
	}
}

// knownFiness refuses a FINESS number no loaded legal entity or site
// has.
func knownFiness(ctx context.Context, c *ent.Client, field, number string) error {
	found, err := c.LegalEntity.Query().Where(legalentity.Finess(number)).Exist(ctx)
	if err != nil || found {
		return err
	}
	found, err = c.Establishment.Query().Where(establishment.Finess(number)).Exist(ctx)
	if err != nil || found {
		return err
	}
	return apperr.BadInput(field, fmt.Errorf("FINESS %s is not in the register: no legal entity or site has it", number)).
		Because(apperr.ReasonUnknownFiness, map[string]any{"finess": number})
}

// sitesOf refuses sites that another legal entity than owner runs.
func sitesOf(ctx context.Context, c *ent.Client, field string, owner int, sites *ent.EstablishmentQuery) error {
	others, err := sites.Where(establishment.LegalEntityIDNEQ(owner)).Select(establishment.FieldFiness).Strings(ctx)
	if err != nil || len(others) == 0 {
		return err
	}
	return apperr.BadInput(field, fmt.Errorf("site(s) %s belong to another legal entity than the party", strings.Join(others, ", "))).
		Because(apperr.ReasonSiteOfAnotherEntity, map[string]any{"sites": others})
}

// overlapping selects memberships whose period meets [from, to).
func overlapping(from, to *time.Time) predicate.Membership {
	ps := []predicate.Membership{}
	if from != nil {
		ps = append(ps, membership.Or(membership.ValidToIsNil(), membership.ValidToGT(*from)))
	}
	if to != nil {
		ps = append(ps, membership.Or(membership.ValidFromIsNil(), membership.ValidFromLT(*to)))
	}
	return membership.And(ps...)
}

// checkMembership: the member is a legal entity whose named sites it
// runs; it holds no other membership of the grouping over the same
// days; a GHT has one support at any date.
func checkMembership(ctx context.Context, c *ent.Client, _, m *ent.Membership) error {
	if m.LegalEntityID == nil {
		return apperr.BadInput("legalEntityID", errors.New("an edited membership names its member legal entity"))
	}
	if err := sitesOf(ctx, c, "siteIDs", *m.LegalEntityID, c.Membership.Query().Where(membership.ID(m.ID)).QuerySites()); err != nil {
		return err
	}
	dup, err := c.Membership.Query().Where(membership.IDNEQ(m.ID), membership.GroupingID(m.GroupingID),
		membership.LegalEntityID(*m.LegalEntityID), overlapping(m.ValidFrom, m.ValidTo)).First(ctx)
	switch {
	case ent.IsNotFound(err):
	case err != nil:
		return err
	default:
		return apperr.BadInput("validFrom", fmt.Errorf("the legal entity is already a member of this grouping %s (membership %d): close or change that one", during(dup.ValidFrom, dup.ValidTo), dup.ID)).
			Because(apperr.ReasonDuplicateMembership, withPeriod(map[string]any{"membership": strconv.Itoa(dup.ID)}, dup))
	}
	if m.Role != membership.RoleSUPPORT {
		return nil
	}
	g, err := c.Grouping.Get(ctx, m.GroupingID)
	if err != nil || g.Kind != grouping.KindGHT {
		return err
	}
	other, err := c.Membership.Query().Where(membership.IDNEQ(m.ID), membership.GroupingID(m.GroupingID),
		membership.RoleEQ(membership.RoleSUPPORT), overlapping(m.ValidFrom, m.ValidTo)).First(ctx)
	switch {
	case ent.IsNotFound(err):
		return nil
	case err != nil:
		return err
	}
	return apperr.BadInput("role", fmt.Errorf("GHT %s already has a support %s (membership %d): a GHT has one support at any date", g.Name, during(other.ValidFrom, other.ValidTo), other.ID)).
		Because(apperr.ReasonSecondSupport, withPeriod(map[string]any{"grouping": g.Name, "membership": strconv.Itoa(other.ID)}, other))
}

// withPeriod adds a membership's known period to a refusal's details,
// with the precision its start is known to (YEAR, MONTH) when it is not
// a day: "2016" must not read as "01/01/2016".
func withPeriod(details map[string]any, m *ent.Membership) map[string]any {
	if m.ValidFrom != nil {
		details["validFrom"] = m.ValidFrom.Format(time.DateOnly)
		if m.ValidFromPrecision != nil {
			details["validFromPrecision"] = string(*m.ValidFromPrecision)
		}
	}
	if m.ValidTo != nil {
		details["validTo"] = m.ValidTo.Format(time.DateOnly)
	}
	return details
}

func during(from, to *time.Time) string {
	day := func(t *time.Time, open string) string {
		if t == nil {
			return open
		}
		return t.Format(time.DateOnly)
	}
	return "from " + day(from, "an unknown day") + " to " + day(to, "now")
}

// checkGrouping: a grouping's own FINESS number is in the register.
func checkGrouping(ctx context.Context, c *ent.Client, before, g *ent.Grouping) error {
	if g.Finess == nil || (before != nil && before.Finess != nil && *before.Finess == *g.Finess) {
		return nil
	}
	return knownFiness(ctx, c, "finess", *g.Finess)
}

// checkConventionParty: the party runs the sites named for it.
func checkConventionParty(ctx context.Context, c *ent.Client, _, p *ent.ConventionParty) error {
	return sitesOf(ctx, c, "siteIDs", p.LegalEntityID, c.ConventionParty.Query().Where(conventionparty.ID(p.ID)).QuerySites())
}

// checkFiliereRole: the organisation runs the site holding the role.
func checkFiliereRole(ctx context.Context, c *ent.Client, _, r *ent.FiliereRole) error {
	if r.EstablishmentID == nil {
		return nil
	}
	return sitesOf(ctx, c, "establishmentID", r.LegalEntityID, c.Establishment.Query().Where(establishment.ID(*r.EstablishmentID)))
}
