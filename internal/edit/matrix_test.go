package edit_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/auditevent"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/territory"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/internal/edit"
	"github.com/maillage/maillage/internal/shippedtest"
)

var databases []shippedtest.Database

func TestMain(m *testing.M) { os.Exit(shippedtest.Main(m, &databases)) }

// party is a legal entity of the shipped register with one of its
// sites, and where they lie.
type party struct {
	entity, site       int
	region, department string
}

// world is what the matrix draws on in one database.
type world struct {
	sys                 context.Context
	c                   *ent.Client
	source              int
	loire, loire2       party          // région 84, département 42
	rhone13, rhone13bis party          // région 93, département 13
	dept                map[string]int // département territory IDs
}

func newWorld(t *testing.T, c *ent.Client) *world {
	t.Helper()
	sys := access.AsSystem(context.Background())
	w := &world{sys: sys, c: c, dept: map[string]int{}}
	pick := func(dept string, n int) []party {
		les, err := c.LegalEntity.Query().
			Where(legalentity.DepartmentCode(dept), legalentity.HasEstablishmentsWith(establishment.DepartmentCode(dept), establishment.RegionCodeNEQ(""))).
			Order(ent.Asc(legalentity.FieldFiness)).Limit(n).WithEstablishments().All(sys)
		if err != nil || len(les) < n {
			t.Fatalf("legal entities of %s: %d, %v", dept, len(les), err)
		}
		var out []party
		for _, le := range les {
			s := le.Edges.Establishments[0]
			out = append(out, party{entity: le.ID, site: s.ID, region: s.RegionCode, department: dept})
		}
		return out
	}
	p := pick("42", 2)
	w.loire, w.loire2 = p[0], p[1]
	p = pick("13", 2)
	w.rhone13, w.rhone13bis = p[0], p[1]
	if w.loire.region != "84" || w.rhone13.region != "93" {
		t.Fatalf("régions: %s, %s", w.loire.region, w.rhone13.region)
	}
	for _, d := range []string{"42", "13"} {
		w.dept[d] = c.Territory.Query().Where(territory.KindEQ(territory.KindDEPARTMENT), territory.Code(d)).OnlyIDX(sys)
	}
	w.source = c.Source.Create().SetKind("EDIT").SetKey("matrix-" + t.Name()).SetTitle("matrix test").SetRecordedAt(time.Now()).SaveX(sys).ID
	return w
}

// fixture is a grouping, a convention, a filière and a team whose
// parties are ps, each with its part (membership, party, role, site).
type fixture struct {
	group          *ent.Grouping
	convention     *ent.Convention
	filiere        *ent.Filiere
	team           *ent.MedicalTeam
	lastMembership *ent.Membership
	lastParty      *ent.ConventionParty
	lastRole       *ent.FiliereRole
	lastTeamSite   *ent.TeamSite
}

func (w *world) fixture(ps []party) *fixture {
	ctx, c := w.sys, w.c
	f := &fixture{}
	f.group = c.Grouping.Create().SetName("G").SetKind("GCS").SetSourceID(w.source).SaveX(ctx)
	f.convention = c.Convention.Create().SetName("V").SetKind("CONVENTION").SetSourceID(w.source).SaveX(ctx)
	f.filiere = c.Filiere.Create().SetName("F").SetSpecialty("STROKE").SetSourceID(w.source).SaveX(ctx)
	f.team = c.MedicalTeam.Create().SetName("M").SetSourceID(w.source).SaveX(ctx)
	for _, p := range ps {
		f.lastMembership = c.Membership.Create().SetGroupingID(f.group.ID).SetLegalEntityID(p.entity).SetRole("MEMBER").SetSourceID(w.source).SaveX(ctx)
		f.lastParty = c.ConventionParty.Create().SetConventionID(f.convention.ID).SetLegalEntityID(p.entity).SetSourceID(w.source).SaveX(ctx)
		f.lastRole = c.FiliereRole.Create().SetFiliereID(f.filiere.ID).SetLegalEntityID(p.entity).SetSourceID(w.source).SaveX(ctx)
		f.lastTeamSite = c.TeamSite.Create().SetTeamID(f.team.ID).SetEstablishmentID(p.site).SetSourceID(w.source).SaveX(ctx)
	}
	return f
}

// operation is one edit, and the parties whose places it touches.
type operation struct {
	name    string // "Membership update"
	touches func(ps []party, extra party) []party
	run     func(ctx context.Context, w *world, f *fixture, ps []party, extra party) (id int, err error)
}

func all(ps []party, _ party) []party         { return ps }
func allAndExtra(ps []party, e party) []party { return append(slices.Clone(ps), e) }
func first(ps []party, _ party) []party {
	if len(ps) == 0 {
		return nil
	}
	return ps[:1]
}
func firstAndLast(ps []party, _ party) []party {
	if len(ps) == 0 {
		return nil
	}
	return []party{ps[0], ps[len(ps)-1]}
}

var (
	closeOn = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	note    = "edited"
)

func ptr[T any](v T) *T { return &v }

func idOf[T interface{ comparable }](r T, err error, id func(T) int) (int, error) {
	var zero T
	if err != nil || r == zero {
		return 0, err
	}
	return id(r), nil
}

// operations: create, update and close of every editable type. Roots
// (grouping, convention, filière, team) are located by their territory,
// own legal person or grouping when created, by their parts afterwards;
// a part touches its whole record.
var operations = []operation{
	{"Grouping create", firstAndLast, func(ctx context.Context, w *world, _ *fixture, ps []party, _ party) (int, error) {
		in := ent.CreateGroupingInput{Name: "new G", Kind: "GCS", SourceID: w.source}
		if len(ps) > 0 {
			in.LegalEntityID, in.TerritoryID = &ps[0].entity, ptr(w.dept[ps[len(ps)-1].department])
		}
		g, err := edit.CreateGrouping(ctx, w.c, in)
		return idOf(g, err, func(g *ent.Grouping) int { return g.ID })
	}},
	{"Grouping update", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		g, err := edit.UpdateGrouping(ctx, w.c, f.group.ID, f.group.Version, ent.UpdateGroupingInput{Description: &note, SourceID: &w.source})
		return idOf(g, err, func(g *ent.Grouping) int { return g.ID })
	}},
	{"Grouping close", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		g, err := edit.CloseGrouping(ctx, w.c, f.group.ID, f.group.Version, closeOn, w.source)
		return idOf(g, err, func(g *ent.Grouping) int { return g.ID })
	}},
	{"Membership create", allAndExtra, func(ctx context.Context, w *world, f *fixture, _ []party, e party) (int, error) {
		m, err := edit.CreateMembership(ctx, w.c, ent.CreateMembershipInput{GroupingID: f.group.ID, LegalEntityID: &e.entity, Role: "MEMBER", SourceID: w.source})
		return idOf(m, err, func(m *ent.Membership) int { return m.ID })
	}},
	{"Membership update", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		m, err := edit.UpdateMembership(ctx, w.c, f.lastMembership.ID, f.lastMembership.Version, ent.UpdateMembershipInput{Note: &note, SourceID: &w.source})
		return idOf(m, err, func(m *ent.Membership) int { return m.ID })
	}},
	{"Membership close", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		m, err := edit.CloseMembership(ctx, w.c, f.lastMembership.ID, f.lastMembership.Version, closeOn, w.source)
		return idOf(m, err, func(m *ent.Membership) int { return m.ID })
	}},
	{"Convention create", first, func(ctx context.Context, w *world, _ *fixture, ps []party, _ party) (int, error) {
		in := ent.CreateConventionInput{Name: "new V", Kind: "CHARTER", SourceID: w.source}
		if len(ps) > 0 {
			in.TerritoryID = ptr(w.dept[ps[0].department])
		}
		v, err := edit.CreateConvention(ctx, w.c, in)
		return idOf(v, err, func(v *ent.Convention) int { return v.ID })
	}},
	{"Convention update", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		v, err := edit.UpdateConvention(ctx, w.c, f.convention.ID, f.convention.Version, ent.UpdateConventionInput{Description: &note, SourceID: &w.source})
		return idOf(v, err, func(v *ent.Convention) int { return v.ID })
	}},
	{"Convention close", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		v, err := edit.CloseConvention(ctx, w.c, f.convention.ID, f.convention.Version, closeOn, w.source)
		return idOf(v, err, func(v *ent.Convention) int { return v.ID })
	}},
	{"ConventionParty create", allAndExtra, func(ctx context.Context, w *world, f *fixture, _ []party, e party) (int, error) {
		p, err := edit.CreateConventionParty(ctx, w.c, ent.CreateConventionPartyInput{ConventionID: f.convention.ID, LegalEntityID: e.entity, SourceID: w.source})
		return idOf(p, err, func(p *ent.ConventionParty) int { return p.ID })
	}},
	{"ConventionParty update", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		p, err := edit.UpdateConventionParty(ctx, w.c, f.lastParty.ID, f.lastParty.Version, ent.UpdateConventionPartyInput{Designation: &note, SourceID: &w.source})
		return idOf(p, err, func(p *ent.ConventionParty) int { return p.ID })
	}},
	{"ConventionParty close", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		p, err := edit.CloseConventionParty(ctx, w.c, f.lastParty.ID, f.lastParty.Version, closeOn, w.source)
		return idOf(p, err, func(p *ent.ConventionParty) int { return p.ID })
	}},
	{"Filiere create", first, func(ctx context.Context, w *world, _ *fixture, ps []party, _ party) (int, error) {
		in := ent.CreateFiliereInput{Name: "new F", Specialty: "EMERGENCY", SourceID: w.source}
		if len(ps) > 0 {
			in.TerritoryID = ptr(w.dept[ps[0].department])
		}
		f, err := edit.CreateFiliere(ctx, w.c, in)
		return idOf(f, err, func(f *ent.Filiere) int { return f.ID })
	}},
	{"Filiere update", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		r, err := edit.UpdateFiliere(ctx, w.c, f.filiere.ID, f.filiere.Version, ent.UpdateFiliereInput{Description: &note, SourceID: &w.source})
		return idOf(r, err, func(f *ent.Filiere) int { return f.ID })
	}},
	{"Filiere close", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		r, err := edit.CloseFiliere(ctx, w.c, f.filiere.ID, f.filiere.Version, closeOn, w.source)
		return idOf(r, err, func(f *ent.Filiere) int { return f.ID })
	}},
	{"FiliereRole create", allAndExtra, func(ctx context.Context, w *world, f *fixture, _ []party, e party) (int, error) {
		r, err := edit.CreateFiliereRole(ctx, w.c, ent.CreateFiliereRoleInput{FiliereID: f.filiere.ID, LegalEntityID: e.entity, EstablishmentID: &e.site, SourceID: w.source})
		return idOf(r, err, func(r *ent.FiliereRole) int { return r.ID })
	}},
	{"FiliereRole update", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		r, err := edit.UpdateFiliereRole(ctx, w.c, f.lastRole.ID, f.lastRole.Version, ent.UpdateFiliereRoleInput{Detail: &note, SourceID: &w.source})
		return idOf(r, err, func(r *ent.FiliereRole) int { return r.ID })
	}},
	{"FiliereRole close", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		r, err := edit.CloseFiliereRole(ctx, w.c, f.lastRole.ID, f.lastRole.Version, closeOn, w.source)
		return idOf(r, err, func(r *ent.FiliereRole) int { return r.ID })
	}},
	{"MedicalTeam create", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		m, err := edit.CreateMedicalTeam(ctx, w.c, ent.CreateMedicalTeamInput{Name: "new M", GroupingID: &f.group.ID, SourceID: w.source})
		return idOf(m, err, func(m *ent.MedicalTeam) int { return m.ID })
	}},
	{"MedicalTeam update", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		m, err := edit.UpdateMedicalTeam(ctx, w.c, f.team.ID, f.team.Version, ent.UpdateMedicalTeamInput{Description: &note, SourceID: &w.source})
		return idOf(m, err, func(m *ent.MedicalTeam) int { return m.ID })
	}},
	{"MedicalTeam close", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		m, err := edit.CloseMedicalTeam(ctx, w.c, f.team.ID, f.team.Version, closeOn, w.source)
		return idOf(m, err, func(m *ent.MedicalTeam) int { return m.ID })
	}},
	{"TeamSite create", allAndExtra, func(ctx context.Context, w *world, f *fixture, _ []party, e party) (int, error) {
		s, err := edit.CreateTeamSite(ctx, w.c, ent.CreateTeamSiteInput{TeamID: f.team.ID, EstablishmentID: e.site, TimeShare: ptr(0.2), SourceID: w.source})
		return idOf(s, err, func(s *ent.TeamSite) int { return s.ID })
	}},
	{"TeamSite update", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		s, err := edit.UpdateTeamSite(ctx, w.c, f.lastTeamSite.ID, f.lastTeamSite.Version, ent.UpdateTeamSiteInput{TimeShare: ptr(0.5), SourceID: &w.source})
		return idOf(s, err, func(s *ent.TeamSite) int { return s.ID })
	}},
	{"TeamSite close", all, func(ctx context.Context, w *world, f *fixture, _ []party, _ party) (int, error) {
		s, err := edit.CloseTeamSite(ctx, w.c, f.lastTeamSite.ID, f.lastTeamSite.Version, closeOn, w.source)
		return idOf(s, err, func(s *ent.TeamSite) int { return s.ID })
	}},
}

// caller is a role with, for editors, the territories its token names.
type caller struct {
	name string
	p    access.Principal
}

var callers = []caller{
	{"anonymous", access.Anonymous},
	{"partner", access.Principal{TokenID: 1, Name: "partner", Role: access.RolePartner}},
	{"editor région 84", access.Principal{TokenID: 2, Name: "ARS ARA", Role: access.RoleEditor, Territories: []string{"REGION:84"}}},
	{"editor département 42", access.Principal{TokenID: 3, Name: "DD Loire", Role: access.RoleEditor, Territories: []string{"DEPARTMENT:42"}}},
	{"editor département 69", access.Principal{TokenID: 4, Name: "DD Rhône", Role: access.RoleEditor, Territories: []string{"DEPARTMENT:69"}}},
	{"editor région 93", access.Principal{TokenID: 5, Name: "ARS PACA", Role: access.RoleEditor, Territories: []string{"REGION:93"}}},
	{"editor régions 84 and 93", access.Principal{TokenID: 6, Name: "ARS ARA+PACA", Role: access.RoleEditor, Territories: []string{"REGION:84", "93"}}},
	{"admin", access.Principal{TokenID: 7, Name: "admin", Role: access.RoleAdmin}},
}

// expected says whether who may write a record touching ps: an admin
// always; an editor when every party lies in a région or département
// its token names (none: refused); nobody else.
func expected(who access.Principal, ps []party) bool {
	switch who.Role {
	case access.RoleAdmin:
		return true
	case access.RoleEditor:
	default:
		return false
	}
	if len(ps) == 0 {
		return false
	}
	for _, p := range ps {
		covered := false
		for _, t := range who.Territories {
			kind, code, found := strings.Cut(t, ":")
			if !found {
				kind, code = "", t
			}
			if (kind != "DEPARTMENT" && code == p.region) || (kind != "REGION" && code == p.department) {
				covered = true
			}
		}
		if !covered {
			return false
		}
	}
	return true
}

// TestPermissionsMatrix walks roles × operations (create, update, close
// of every editable type) × territories (parties in the Loire, in the
// Bouches-du-Rhône, in both; records with no located party): every
// allowed edit is written with its audit event, every other refused
// with FORBIDDEN and nothing written.
func TestPermissionsMatrix(t *testing.T) {
	for _, db := range databases {
		t.Run(db.Name, func(t *testing.T) {
			w := newWorld(t, db.DB.Client)
			scenarios := []struct {
				name    string
				parties []party
				extra   party
			}{
				{"Loire", []party{w.loire}, w.loire2},
				{"Loire and Bouches-du-Rhône", []party{w.loire, w.rhone13}, w.rhone13bis},
				{"Bouches-du-Rhône", []party{w.rhone13}, w.rhone13bis},
				{"no located party", nil, party{}},
			}
			cells := 0
			for _, sc := range scenarios {
				for _, op := range operations {
					if sc.parties == nil && !isRoot(op.name) {
						continue // a part always has a located party
					}
					for _, who := range callers {
						cells++
						name := fmt.Sprintf("%s/%s/%s", sc.name, op.name, who.name)
						f := w.fixture(sc.parties)
						want := expected(who.p, op.touches(sc.parties, sc.extra))
						auditsBefore, linksBefore := w.c.AuditEvent.Query().CountX(w.sys), links(t, db.DB.SQL)
						ctx := access.WithPrincipal(context.Background(), who.p)
						id, err := op.run(ctx, w, f, sc.parties, sc.extra)
						audits := w.c.AuditEvent.Query().CountX(w.sys) - auditsBefore
						if want {
							if err != nil {
								t.Errorf("%s: refused: %v", name, err)
								continue
							}
							ev, err := w.c.AuditEvent.Query().Where(auditevent.EntityID(id)).Order(ent.Desc(auditevent.FieldID)).WithTerritories().First(w.sys)
							if err != nil || ev.Actor != who.p.Name || (ev.TokenID == nil || *ev.TokenID != who.p.TokenID) {
								t.Errorf("%s: audit event %+v, %v", name, ev, err)
								continue
							}
							// The event lies where the parties it touches lie.
							if got, want := territoryKeys(ev.Edges.Territories), placesOf(op.touches(sc.parties, sc.extra)); !slices.Equal(got, want) {
								t.Errorf("%s: audit event in %v, want %v", name, got, want)
							}
							continue
						}
						if e, ok := apperr.As(err); !ok || e.Code != apperr.CodeForbidden {
							t.Errorf("%s: got %v, want FORBIDDEN", name, err)
						}
						if audits != 0 {
							t.Errorf("%s: refused, yet %d audit events written", name, audits)
						}
						if n := links(t, db.DB.SQL); n != linksBefore {
							t.Errorf("%s: refused, yet %d audit event territories written", name, n-linksBefore)
						}
						if g := w.c.Grouping.GetX(w.sys, f.group.ID); g.Version != 1 || g.ValidTo != nil {
							t.Errorf("%s: refused, yet the grouping changed", name)
						}
						if m := f.lastMembership; m != nil {
							if m := w.c.Membership.GetX(w.sys, m.ID); m.Version != 1 || m.ValidTo != nil {
								t.Errorf("%s: refused, yet the membership changed", name)
							}
						}
					}
				}
			}
			t.Logf("%d cells", cells)
		})
	}
}

func isRoot(op string) bool {
	typ, _, _ := strings.Cut(op, " ")
	return slices.Contains([]string{"Grouping", "Convention", "Filiere", "MedicalTeam"}, typ)
}

// territoryKeys are territories as sorted "KIND:code" keys.
func territoryKeys(ts []*ent.Territory) []string {
	keys := []string{}
	for _, t := range ts {
		keys = append(keys, string(t.Kind)+":"+t.Code)
	}
	slices.Sort(keys)
	return keys
}

// placesOf are the régions and départements of parties, as sorted
// "KIND:code" keys.
func placesOf(ps []party) []string {
	keys := []string{}
	for _, p := range ps {
		keys = append(keys, "REGION:"+p.region, "DEPARTMENT:"+p.department)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// links counts the links of audit events to territories.
func links(t *testing.T, db *sql.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM audit_event_territories`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
