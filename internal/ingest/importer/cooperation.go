package importer

import (
	"context"
	"fmt"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/convention"
	"github.com/maillage/maillage/ent/conventionparty"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/filiere"
	"github.com/maillage/maillage/ent/filiererole"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/medicalteam"
	"github.com/maillage/maillage/ent/membership"
	"github.com/maillage/maillage/ent/source"
	"github.com/maillage/maillage/ent/teamsite"
	"github.com/maillage/maillage/ent/territory"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/cooperation"
)

// Cooperation loads a cooperation file in one transaction. Groupings and
// conventions already present (same code) and filières already present
// (same name) are left as they are. An unknown FINESS number or territory
// rejects the whole file with its line.
func (im *Importer) Cooperation(ctx context.Context, f *cooperation.File) (*Report, error) {
	ctx = access.AsSystem(ctx) // an import writes as Maillage itself, whoever runs it
	return im.inTx(ctx, f.Name(), nil, func(tx *ent.Tx, _ int, rep *Report) error {
		w := &coopWriter{ctx: ctx, c: tx.Client(), f: f, rep: rep, sources: map[string]int{}}
		return w.write()
	})
}

type coopWriter struct {
	ctx     context.Context
	c       *ent.Client
	f       *cooperation.File
	rep     *Report
	sources map[string]int
}

func (w *coopWriter) write() error {
	for _, s := range w.f.Sources {
		id, _, err := upsertSource(w.ctx, w.c, SourceInfo{
			Key: s.Key, Kind: source.Kind(s.Kind), Title: s.Title, Reference: s.Reference, URL: s.URL,
			Publisher: s.Publisher, PublishedOn: cooperation.Day(s.PublishedOn), Note: s.Note,
		})
		if err != nil {
			return err
		}
		w.sources[s.Key] = id
	}
	for i, g := range w.f.Groupings {
		if err := w.grouping(fmt.Sprintf("$.groupings[%d]", i), g); err != nil {
			return err
		}
	}
	for i, cv := range w.f.Conventions {
		if err := w.convention(fmt.Sprintf("$.conventions[%d]", i), cv); err != nil {
			return err
		}
	}
	for i, fl := range w.f.Filieres {
		if _, err := w.filiere(fmt.Sprintf("$.filieres[%d]", i), fl, w.sources[fl.Source], nil); err != nil {
			return err
		}
	}
	return nil
}

func (w *coopWriter) entity(path, number string) (int, error) {
	id, err := w.c.LegalEntity.Query().Where(legalentity.Finess(number)).OnlyID(w.ctx)
	if ent.IsNotFound(err) {
		return 0, w.f.Errorf(path, "unknown legal entity FINESS %s: load the register first", number)
	}
	return id, err
}

// nameFromSource gives a legal entity whose name is derived from its
// sites the name a cooperation's source gives it (the G4 article's "CHU
// de Saint-Étienne" for "CHU42"), and names that source among the
// entity's; a register's name is never replaced.
func (w *coopWriter) nameFromSource(path string, entityID int, name string, sourceID int) error {
	if name == "" {
		return nil
	}
	n, err := w.c.LegalEntity.Update().Where(legalentity.ID(entityID), legalentity.NameDerived(true)).
		SetName(name).SetNameDerived(false).AddSourceIDs(sourceID).Save(w.ctx)
	if err != nil {
		return w.f.Errorf(path, "%v", err)
	}
	w.rep.Updated["legalEntity"] += n
	return nil
}

func (w *coopWriter) site(path, number string) (int, error) {
	id, err := w.c.Establishment.Query().Where(establishment.Finess(number)).OnlyID(w.ctx)
	if ent.IsNotFound(err) {
		return 0, w.f.Errorf(path, "unknown site FINESS %s", number)
	}
	return id, err
}

func (w *coopWriter) sites(path string, numbers []string) ([]int, error) {
	ids := make([]int, len(numbers))
	for i, n := range numbers {
		id, err := w.site(fmt.Sprintf("%s[%d]", path, i), n)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return ids, nil
}

func (w *coopWriter) territory(path string, ref *cooperation.TerritoryRef) (*int, error) {
	if ref == nil {
		return nil, nil
	}
	id, err := w.c.Territory.Query().Where(territory.KindEQ(territory.Kind(ref.Kind)), territory.Code(ref.Code)).OnlyID(w.ctx)
	if ent.IsNotFound(err) {
		return nil, w.f.Errorf(path, "unknown territory %s %s", ref.Kind, ref.Code)
	}
	return &id, err
}

func precision[T ~string](v string) *T {
	if v == "" {
		return nil
	}
	p := T(v)
	return &p
}

func (w *coopWriter) grouping(path string, g cooperation.Grouping) error {
	if exists, err := w.c.Grouping.Query().Where(grouping.Code(g.Code)).Exist(w.ctx); err != nil || exists {
		if exists {
			w.rep.Unchanged["grouping"]++
		}
		return err
	}
	terr, err := w.territory(path+".territory", g.Territory)
	if err != nil {
		return err
	}
	sourceID := w.sources[g.Source]
	b := w.c.Grouping.Create().
		SetKind(grouping.Kind(g.Kind)).
		SetCode(g.Code).
		SetName(g.Name).
		SetDescription(g.Description).
		SetNillableTerritoryID(terr).
		SetNillableValidFrom(cooperation.Day(g.ValidFrom)).
		SetNillableValidTo(cooperation.Day(g.ValidTo)).
		SetNillableValidFromPrecision(precision[grouping.ValidFromPrecision](g.ValidFromPrecision)).
		SetSourceID(sourceID)
	if g.Finess != "" {
		b.SetFiness(g.Finess)
	}
	created, err := b.Save(w.ctx)
	if err != nil {
		return w.f.Errorf(path, "%v", err)
	}
	w.rep.Added["grouping"]++
	for i, m := range g.Members {
		q := fmt.Sprintf("%s.members[%d]", path, i)
		entityID, err := w.entity(q+".finess", m.Finess)
		if err != nil {
			return err
		}
		siteIDs, err := w.sites(q+".sites", m.Sites)
		if err != nil {
			return err
		}
		err = w.c.Membership.Create().
			SetGroupingID(created.ID).
			SetLegalEntityID(entityID).
			SetRole(membership.Role(m.Role)).
			SetNote(m.Note).
			AddSiteIDs(siteIDs...).
			SetNillableValidFrom(cooperation.Day(m.ValidFrom)).
			SetNillableValidTo(cooperation.Day(m.ValidTo)).
			SetNillableValidFromPrecision(precision[membership.ValidFromPrecision](m.ValidFromPrecision)).
			SetSourceID(sourceID).
			Exec(w.ctx)
		if err != nil {
			return w.f.Errorf(q, "%v", err)
		}
		w.rep.Added["membership"]++
	}
	return nil
}

func (w *coopWriter) convention(path string, cv cooperation.Convention) error {
	if exists, err := w.c.Convention.Query().Where(convention.Code(cv.Code)).Exist(w.ctx); err != nil || exists {
		if exists {
			w.rep.Unchanged["convention"]++
		}
		return err
	}
	terr, err := w.territory(path+".territory", cv.Territory)
	if err != nil {
		return err
	}
	sourceID := w.sources[cv.Source]
	created, err := w.c.Convention.Create().
		SetKind(convention.Kind(cv.Kind)).
		SetCode(cv.Code).
		SetName(cv.Title).
		SetDescription(cv.Description).
		SetDomains(cv.Domains).
		SetNillableSignedOn(cooperation.Day(cv.SignedOn)).
		SetNillableTerritoryID(terr).
		SetNillableValidFrom(cooperation.Day(cv.ValidFrom)).
		SetNillableValidTo(cooperation.Day(cv.ValidTo)).
		SetNillableValidFromPrecision(precision[convention.ValidFromPrecision](cv.ValidFromPrecision)).
		SetSourceID(sourceID).
		Save(w.ctx)
	if err != nil {
		return w.f.Errorf(path, "%v", err)
	}
	w.rep.Added["convention"]++
	// Parties, filières and teams hold as long as the convention unless
	// they say otherwise.
	inherit := func(d cooperation.Dated) cooperation.Dated {
		if d.ValidFrom == "" {
			d.ValidFrom, d.ValidFromPrecision = cv.ValidFrom, cv.ValidFromPrecision
		}
		if d.ValidTo == "" {
			d.ValidTo = cv.ValidTo
		}
		return d
	}
	for i, p := range cv.Parties {
		q := fmt.Sprintf("%s.parties[%d]", path, i)
		entityID, err := w.entity(q+".finess", p.Finess)
		if err != nil {
			return err
		}
		siteIDs, err := w.sites(q+".sites", p.Sites)
		if err != nil {
			return err
		}
		d := inherit(p.Dated)
		b := w.c.ConventionParty.Create().
			SetConventionID(created.ID).
			SetLegalEntityID(entityID).
			SetDesignation(p.Designation).
			AddSiteIDs(siteIDs...).
			SetNillableValidFrom(cooperation.Day(d.ValidFrom)).
			SetNillableValidTo(cooperation.Day(d.ValidTo)).
			SetNillableValidFromPrecision(precision[conventionparty.ValidFromPrecision](d.ValidFromPrecision)).
			SetSourceID(sourceID)
		if p.Role != "" {
			b.SetRole(conventionparty.Role(p.Role))
		}
		if err := b.Exec(w.ctx); err != nil {
			return w.f.Errorf(q, "%v", err)
		}
		w.rep.Added["conventionParty"]++
		if err := w.nameFromSource(q, entityID, p.Designation, sourceID); err != nil {
			return err
		}
	}
	for i, fl := range cv.Filieres {
		fl.Dated = inherit(fl.Dated)
		if _, err := w.filiere(fmt.Sprintf("%s.filieres[%d]", path, i), fl, sourceID, &created.ID); err != nil {
			return err
		}
	}
	for i, t := range cv.Teams {
		q := fmt.Sprintf("%s.teams[%d]", path, i)
		d := inherit(t.Dated)
		team, err := w.c.MedicalTeam.Create().
			SetName(t.Name).
			SetSpecialty(t.Specialty).
			SetDescription(t.Description).
			SetConventionID(created.ID).
			SetNillableValidFrom(cooperation.Day(d.ValidFrom)).
			SetNillableValidFromPrecision(precision[medicalteam.ValidFromPrecision](d.ValidFromPrecision)).
			SetNillableValidTo(cooperation.Day(d.ValidTo)).
			SetSourceID(sourceID).
			Save(w.ctx)
		if err != nil {
			return w.f.Errorf(q, "%v", err)
		}
		w.rep.Added["medicalTeam"]++
		for k, s := range t.Sites {
			r := fmt.Sprintf("%s.sites[%d]", q, k)
			siteID, err := w.site(r+".finess", s.Finess)
			if err != nil {
				return err
			}
			sd := s.Dated
			if sd.ValidFrom == "" {
				sd.ValidFrom, sd.ValidFromPrecision = d.ValidFrom, d.ValidFromPrecision
			}
			err = w.c.TeamSite.Create().
				SetTeamID(team.ID).
				SetEstablishmentID(siteID).
				SetNillableTimeShare(s.TimeShare).
				SetNillableValidFrom(cooperation.Day(sd.ValidFrom)).
				SetNillableValidFromPrecision(precision[teamsite.ValidFromPrecision](sd.ValidFromPrecision)).
				SetNillableValidTo(cooperation.Day(sd.ValidTo)).
				SetSourceID(sourceID).
				Exec(w.ctx)
			if err != nil {
				return w.f.Errorf(r, "%v", err)
			}
			w.rep.Added["teamSite"]++
		}
	}
	return nil
}

func (w *coopWriter) filiere(path string, fl cooperation.Filiere, sourceID int, conventionID *int) (int, error) {
	if exists, err := w.c.Filiere.Query().Where(filiere.Name(fl.Name)).Exist(w.ctx); err != nil || exists {
		if exists {
			w.rep.Unchanged["filiere"]++
		}
		return 0, err
	}
	terr, err := w.territory(path+".territory", fl.Territory)
	if err != nil {
		return 0, err
	}
	created, err := w.c.Filiere.Create().
		SetName(fl.Name).
		SetSpecialty(filiere.Specialty(fl.Specialty)).
		SetDescription(fl.Description).
		SetDesignations(fl.Designations).
		SetNillableConventionID(conventionID).
		SetNillableTerritoryID(terr).
		SetNillableValidFrom(cooperation.Day(fl.ValidFrom)).
		SetNillableValidTo(cooperation.Day(fl.ValidTo)).
		SetNillableValidFromPrecision(precision[filiere.ValidFromPrecision](fl.ValidFromPrecision)).
		SetSourceID(sourceID).
		Save(w.ctx)
	if err != nil {
		return 0, w.f.Errorf(path, "%v", err)
	}
	w.rep.Added["filiere"]++
	for i, r := range fl.Roles {
		q := fmt.Sprintf("%s.roles[%d]", path, i)
		entityID, err := w.entity(q+".finess", r.Finess)
		if err != nil {
			return 0, err
		}
		b := w.c.FiliereRole.Create().
			SetFiliereID(created.ID).
			SetLegalEntityID(entityID).
			SetDetail(r.Detail).
			SetNillableLevel(precision[filiererole.Level](r.Level)).
			SetSourceID(sourceID)
		d := r.Dated
		if d.ValidFrom == "" {
			d.ValidFrom, d.ValidFromPrecision = fl.ValidFrom, fl.ValidFromPrecision
		}
		if d.ValidTo == "" {
			d.ValidTo = fl.ValidTo
		}
		b.SetNillableValidFrom(cooperation.Day(d.ValidFrom)).
			SetNillableValidTo(cooperation.Day(d.ValidTo)).
			SetNillableValidFromPrecision(precision[filiererole.ValidFromPrecision](d.ValidFromPrecision))
		if r.Site != "" {
			siteID, err := w.site(q+".site", r.Site)
			if err != nil {
				return 0, err
			}
			b.SetEstablishmentID(siteID)
		}
		if err := b.Exec(w.ctx); err != nil {
			return 0, w.f.Errorf(q, "%v", err)
		}
		w.rep.Added["filiereRole"]++
	}
	return created.ID, nil
}
