package edit

// One kit per editable type, and the functions resolvers call.

import (
	"context"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/convention"
	"github.com/maillage/maillage/ent/conventionparty"
	"github.com/maillage/maillage/ent/filiere"
	"github.com/maillage/maillage/ent/filiererole"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/medicalteam"
	"github.com/maillage/maillage/ent/membership"
	"github.com/maillage/maillage/ent/teamsite"
)

var groupings = kit[*ent.Grouping, ent.CreateGroupingInput, ent.UpdateGroupingInput]{
	typ: "Grouping",
	get: func(ctx context.Context, c *ent.Client, id int) (*ent.Grouping, error) {
		return c.Grouping.Get(ctx, id)
	},
	meta:     func(r *ent.Grouping) (int, int) { return r.ID, r.Version },
	validTo:  func(r *ent.Grouping) *time.Time { return r.ValidTo },
	sourceOf: func(in ent.UpdateGroupingInput) *int { return in.SourceID },
	create: func(ctx context.Context, c *ent.Client, in ent.CreateGroupingInput) (*ent.Grouping, error) {
		if err := newRefs(ctx, c).source("sourceID", &in.SourceID).legalEntity("legalEntityID", in.LegalEntityID).territory("territoryID", in.TerritoryID).err; err != nil {
			return nil, err
		}
		return c.Grouping.Create().SetInput(in).Save(ctx)
	},
	update: func(ctx context.Context, c *ent.Client, id, version int, in ent.UpdateGroupingInput) (*ent.Grouping, error) {
		if err := newRefs(ctx, c).source("sourceID", in.SourceID).legalEntity("legalEntityID", in.LegalEntityID).territory("territoryID", in.TerritoryID).err; err != nil {
			return nil, err
		}
		return c.Grouping.UpdateOneID(id).Where(grouping.Version(version)).SetInput(in).Save(ctx)
	},
	close: func(ctx context.Context, c *ent.Client, id, version int, at time.Time, sourceID int) (*ent.Grouping, error) {
		return c.Grouping.UpdateOneID(id).Where(grouping.Version(version)).SetValidTo(at).SetSourceID(sourceID).Save(ctx)
	},
	check: checkGrouping,
}

func init() {
	groupings.cascade = func(ctx context.Context, c *ent.Client, j *journal, id int, at time.Time, sourceID int) error {
		open, err := c.Membership.Query().Where(membership.GroupingID(id),
			membership.Or(membership.ValidToIsNil(), membership.ValidToGT(at)),
			membership.Or(membership.ValidFromIsNil(), membership.ValidFromLT(at))).All(ctx)
		if err != nil {
			return err
		}
		for _, part := range open {
			if part.ValidTo != nil {
				continue // ends later: left for an editor to decide
			}
			if err := memberships.closeTx(ctx, c, j, part.ID, part.Version, at, sourceID); err != nil {
				return err
			}
		}
		return nil
	}
}

// CreateGrouping records a new Grouping.
func CreateGrouping(ctx context.Context, c *ent.Client, in ent.CreateGroupingInput) (*ent.Grouping, error) {
	return groupings.Create(ctx, c, in)
}

// UpdateGrouping changes the Grouping with this ID, read at version expected.
func UpdateGrouping(ctx context.Context, c *ent.Client, id, expected int, in ent.UpdateGroupingInput) (*ent.Grouping, error) {
	return groupings.Update(ctx, c, id, expected, in)
}

// CloseGrouping ends the Grouping with this ID, read at version expected, on day at.
func CloseGrouping(ctx context.Context, c *ent.Client, id, expected int, at time.Time, sourceID int) (*ent.Grouping, error) {
	return groupings.Close(ctx, c, id, expected, at, sourceID)
}

var memberships = kit[*ent.Membership, ent.CreateMembershipInput, ent.UpdateMembershipInput]{
	typ: "Membership",
	get: func(ctx context.Context, c *ent.Client, id int) (*ent.Membership, error) {
		return c.Membership.Get(ctx, id)
	},
	meta:     func(r *ent.Membership) (int, int) { return r.ID, r.Version },
	validTo:  func(r *ent.Membership) *time.Time { return r.ValidTo },
	sourceOf: func(in ent.UpdateMembershipInput) *int { return in.SourceID },
	create: func(ctx context.Context, c *ent.Client, in ent.CreateMembershipInput) (*ent.Membership, error) {
		if err := newRefs(ctx, c).source("sourceID", &in.SourceID).grouping("groupingID", &in.GroupingID).legalEntity("legalEntityID", in.LegalEntityID).site("siteIDs", in.SiteIDs...).err; err != nil {
			return nil, err
		}
		return c.Membership.Create().SetInput(in).Save(ctx)
	},
	update: func(ctx context.Context, c *ent.Client, id, version int, in ent.UpdateMembershipInput) (*ent.Membership, error) {
		if err := newRefs(ctx, c).source("sourceID", in.SourceID).grouping("groupingID", in.GroupingID).legalEntity("legalEntityID", in.LegalEntityID).site("addSiteIDs", in.AddSiteIDs...).err; err != nil {
			return nil, err
		}
		return c.Membership.UpdateOneID(id).Where(membership.Version(version)).SetInput(in).Save(ctx)
	},
	close: func(ctx context.Context, c *ent.Client, id, version int, at time.Time, sourceID int) (*ent.Membership, error) {
		return c.Membership.UpdateOneID(id).Where(membership.Version(version)).SetValidTo(at).SetSourceID(sourceID).Save(ctx)
	},
	check: checkMembership,
}

// CreateMembership records a new Membership.
func CreateMembership(ctx context.Context, c *ent.Client, in ent.CreateMembershipInput) (*ent.Membership, error) {
	return memberships.Create(ctx, c, in)
}

// UpdateMembership changes the Membership with this ID, read at version expected.
func UpdateMembership(ctx context.Context, c *ent.Client, id, expected int, in ent.UpdateMembershipInput) (*ent.Membership, error) {
	return memberships.Update(ctx, c, id, expected, in)
}

// CloseMembership ends the Membership with this ID, read at version expected, on day at.
func CloseMembership(ctx context.Context, c *ent.Client, id, expected int, at time.Time, sourceID int) (*ent.Membership, error) {
	return memberships.Close(ctx, c, id, expected, at, sourceID)
}

var conventions = kit[*ent.Convention, ent.CreateConventionInput, ent.UpdateConventionInput]{
	typ: "Convention",
	get: func(ctx context.Context, c *ent.Client, id int) (*ent.Convention, error) {
		return c.Convention.Get(ctx, id)
	},
	meta:     func(r *ent.Convention) (int, int) { return r.ID, r.Version },
	validTo:  func(r *ent.Convention) *time.Time { return r.ValidTo },
	sourceOf: func(in ent.UpdateConventionInput) *int { return in.SourceID },
	create: func(ctx context.Context, c *ent.Client, in ent.CreateConventionInput) (*ent.Convention, error) {
		if err := newRefs(ctx, c).source("sourceID", &in.SourceID).territory("territoryID", in.TerritoryID).err; err != nil {
			return nil, err
		}
		return c.Convention.Create().SetInput(in).Save(ctx)
	},
	update: func(ctx context.Context, c *ent.Client, id, version int, in ent.UpdateConventionInput) (*ent.Convention, error) {
		if err := newRefs(ctx, c).source("sourceID", in.SourceID).territory("territoryID", in.TerritoryID).err; err != nil {
			return nil, err
		}
		return c.Convention.UpdateOneID(id).Where(convention.Version(version)).SetInput(in).Save(ctx)
	},
	close: func(ctx context.Context, c *ent.Client, id, version int, at time.Time, sourceID int) (*ent.Convention, error) {
		return c.Convention.UpdateOneID(id).Where(convention.Version(version)).SetValidTo(at).SetSourceID(sourceID).Save(ctx)
	},
}

func init() {
	conventions.cascade = func(ctx context.Context, c *ent.Client, j *journal, id int, at time.Time, sourceID int) error {
		open, err := c.ConventionParty.Query().Where(conventionparty.ConventionID(id),
			conventionparty.Or(conventionparty.ValidToIsNil(), conventionparty.ValidToGT(at)),
			conventionparty.Or(conventionparty.ValidFromIsNil(), conventionparty.ValidFromLT(at))).All(ctx)
		if err != nil {
			return err
		}
		for _, part := range open {
			if part.ValidTo != nil {
				continue // ends later: left for an editor to decide
			}
			if err := conventionParties.closeTx(ctx, c, j, part.ID, part.Version, at, sourceID); err != nil {
				return err
			}
		}
		return nil
	}
}

// CreateConvention records a new Convention.
func CreateConvention(ctx context.Context, c *ent.Client, in ent.CreateConventionInput) (*ent.Convention, error) {
	return conventions.Create(ctx, c, in)
}

// UpdateConvention changes the Convention with this ID, read at version expected.
func UpdateConvention(ctx context.Context, c *ent.Client, id, expected int, in ent.UpdateConventionInput) (*ent.Convention, error) {
	return conventions.Update(ctx, c, id, expected, in)
}

// CloseConvention ends the Convention with this ID, read at version expected, on day at.
func CloseConvention(ctx context.Context, c *ent.Client, id, expected int, at time.Time, sourceID int) (*ent.Convention, error) {
	return conventions.Close(ctx, c, id, expected, at, sourceID)
}

var conventionParties = kit[*ent.ConventionParty, ent.CreateConventionPartyInput, ent.UpdateConventionPartyInput]{
	typ: "ConventionParty",
	get: func(ctx context.Context, c *ent.Client, id int) (*ent.ConventionParty, error) {
		return c.ConventionParty.Get(ctx, id)
	},
	meta:     func(r *ent.ConventionParty) (int, int) { return r.ID, r.Version },
	validTo:  func(r *ent.ConventionParty) *time.Time { return r.ValidTo },
	sourceOf: func(in ent.UpdateConventionPartyInput) *int { return in.SourceID },
	create: func(ctx context.Context, c *ent.Client, in ent.CreateConventionPartyInput) (*ent.ConventionParty, error) {
		if err := newRefs(ctx, c).source("sourceID", &in.SourceID).convention("conventionID", &in.ConventionID).legalEntity("legalEntityID", &in.LegalEntityID).site("siteIDs", in.SiteIDs...).err; err != nil {
			return nil, err
		}
		return c.ConventionParty.Create().SetInput(in).Save(ctx)
	},
	update: func(ctx context.Context, c *ent.Client, id, version int, in ent.UpdateConventionPartyInput) (*ent.ConventionParty, error) {
		if err := newRefs(ctx, c).source("sourceID", in.SourceID).convention("conventionID", in.ConventionID).legalEntity("legalEntityID", in.LegalEntityID).site("addSiteIDs", in.AddSiteIDs...).err; err != nil {
			return nil, err
		}
		return c.ConventionParty.UpdateOneID(id).Where(conventionparty.Version(version)).SetInput(in).Save(ctx)
	},
	close: func(ctx context.Context, c *ent.Client, id, version int, at time.Time, sourceID int) (*ent.ConventionParty, error) {
		return c.ConventionParty.UpdateOneID(id).Where(conventionparty.Version(version)).SetValidTo(at).SetSourceID(sourceID).Save(ctx)
	},
	check: checkConventionParty,
}

// CreateConventionParty records a new ConventionParty.
func CreateConventionParty(ctx context.Context, c *ent.Client, in ent.CreateConventionPartyInput) (*ent.ConventionParty, error) {
	return conventionParties.Create(ctx, c, in)
}

// UpdateConventionParty changes the ConventionParty with this ID, read at version expected.
func UpdateConventionParty(ctx context.Context, c *ent.Client, id, expected int, in ent.UpdateConventionPartyInput) (*ent.ConventionParty, error) {
	return conventionParties.Update(ctx, c, id, expected, in)
}

// CloseConventionParty ends the ConventionParty with this ID, read at version expected, on day at.
func CloseConventionParty(ctx context.Context, c *ent.Client, id, expected int, at time.Time, sourceID int) (*ent.ConventionParty, error) {
	return conventionParties.Close(ctx, c, id, expected, at, sourceID)
}

var filieres = kit[*ent.Filiere, ent.CreateFiliereInput, ent.UpdateFiliereInput]{
	typ:      "Filiere",
	get:      func(ctx context.Context, c *ent.Client, id int) (*ent.Filiere, error) { return c.Filiere.Get(ctx, id) },
	meta:     func(r *ent.Filiere) (int, int) { return r.ID, r.Version },
	validTo:  func(r *ent.Filiere) *time.Time { return r.ValidTo },
	sourceOf: func(in ent.UpdateFiliereInput) *int { return in.SourceID },
	create: func(ctx context.Context, c *ent.Client, in ent.CreateFiliereInput) (*ent.Filiere, error) {
		if err := newRefs(ctx, c).source("sourceID", &in.SourceID).convention("conventionID", in.ConventionID).territory("territoryID", in.TerritoryID).err; err != nil {
			return nil, err
		}
		return c.Filiere.Create().SetInput(in).Save(ctx)
	},
	update: func(ctx context.Context, c *ent.Client, id, version int, in ent.UpdateFiliereInput) (*ent.Filiere, error) {
		if err := newRefs(ctx, c).source("sourceID", in.SourceID).convention("conventionID", in.ConventionID).territory("territoryID", in.TerritoryID).err; err != nil {
			return nil, err
		}
		return c.Filiere.UpdateOneID(id).Where(filiere.Version(version)).SetInput(in).Save(ctx)
	},
	close: func(ctx context.Context, c *ent.Client, id, version int, at time.Time, sourceID int) (*ent.Filiere, error) {
		return c.Filiere.UpdateOneID(id).Where(filiere.Version(version)).SetValidTo(at).SetSourceID(sourceID).Save(ctx)
	},
}

func init() {
	filieres.cascade = func(ctx context.Context, c *ent.Client, j *journal, id int, at time.Time, sourceID int) error {
		open, err := c.FiliereRole.Query().Where(filiererole.FiliereID(id),
			filiererole.Or(filiererole.ValidToIsNil(), filiererole.ValidToGT(at)),
			filiererole.Or(filiererole.ValidFromIsNil(), filiererole.ValidFromLT(at))).All(ctx)
		if err != nil {
			return err
		}
		for _, part := range open {
			if part.ValidTo != nil {
				continue // ends later: left for an editor to decide
			}
			if err := filiereRoles.closeTx(ctx, c, j, part.ID, part.Version, at, sourceID); err != nil {
				return err
			}
		}
		return nil
	}
}

// CreateFiliere records a new Filiere.
func CreateFiliere(ctx context.Context, c *ent.Client, in ent.CreateFiliereInput) (*ent.Filiere, error) {
	return filieres.Create(ctx, c, in)
}

// UpdateFiliere changes the Filiere with this ID, read at version expected.
func UpdateFiliere(ctx context.Context, c *ent.Client, id, expected int, in ent.UpdateFiliereInput) (*ent.Filiere, error) {
	return filieres.Update(ctx, c, id, expected, in)
}

// CloseFiliere ends the Filiere with this ID, read at version expected, on day at.
func CloseFiliere(ctx context.Context, c *ent.Client, id, expected int, at time.Time, sourceID int) (*ent.Filiere, error) {
	return filieres.Close(ctx, c, id, expected, at, sourceID)
}

var filiereRoles = kit[*ent.FiliereRole, ent.CreateFiliereRoleInput, ent.UpdateFiliereRoleInput]{
	typ: "FiliereRole",
	get: func(ctx context.Context, c *ent.Client, id int) (*ent.FiliereRole, error) {
		return c.FiliereRole.Get(ctx, id)
	},
	meta:     func(r *ent.FiliereRole) (int, int) { return r.ID, r.Version },
	validTo:  func(r *ent.FiliereRole) *time.Time { return r.ValidTo },
	sourceOf: func(in ent.UpdateFiliereRoleInput) *int { return in.SourceID },
	create: func(ctx context.Context, c *ent.Client, in ent.CreateFiliereRoleInput) (*ent.FiliereRole, error) {
		if err := newRefs(ctx, c).source("sourceID", &in.SourceID).filiere("filiereID", &in.FiliereID).legalEntity("legalEntityID", &in.LegalEntityID).site("establishmentID", ptrs(in.EstablishmentID)...).err; err != nil {
			return nil, err
		}
		return c.FiliereRole.Create().SetInput(in).Save(ctx)
	},
	update: func(ctx context.Context, c *ent.Client, id, version int, in ent.UpdateFiliereRoleInput) (*ent.FiliereRole, error) {
		if err := newRefs(ctx, c).source("sourceID", in.SourceID).filiere("filiereID", in.FiliereID).legalEntity("legalEntityID", in.LegalEntityID).site("establishmentID", ptrs(in.EstablishmentID)...).err; err != nil {
			return nil, err
		}
		return c.FiliereRole.UpdateOneID(id).Where(filiererole.Version(version)).SetInput(in).Save(ctx)
	},
	close: func(ctx context.Context, c *ent.Client, id, version int, at time.Time, sourceID int) (*ent.FiliereRole, error) {
		return c.FiliereRole.UpdateOneID(id).Where(filiererole.Version(version)).SetValidTo(at).SetSourceID(sourceID).Save(ctx)
	},
	check: checkFiliereRole,
}

// CreateFiliereRole records a new FiliereRole.
func CreateFiliereRole(ctx context.Context, c *ent.Client, in ent.CreateFiliereRoleInput) (*ent.FiliereRole, error) {
	return filiereRoles.Create(ctx, c, in)
}

// UpdateFiliereRole changes the FiliereRole with this ID, read at version expected.
func UpdateFiliereRole(ctx context.Context, c *ent.Client, id, expected int, in ent.UpdateFiliereRoleInput) (*ent.FiliereRole, error) {
	return filiereRoles.Update(ctx, c, id, expected, in)
}

// CloseFiliereRole ends the FiliereRole with this ID, read at version expected, on day at.
func CloseFiliereRole(ctx context.Context, c *ent.Client, id, expected int, at time.Time, sourceID int) (*ent.FiliereRole, error) {
	return filiereRoles.Close(ctx, c, id, expected, at, sourceID)
}

var medicalTeams = kit[*ent.MedicalTeam, ent.CreateMedicalTeamInput, ent.UpdateMedicalTeamInput]{
	typ: "MedicalTeam",
	get: func(ctx context.Context, c *ent.Client, id int) (*ent.MedicalTeam, error) {
		return c.MedicalTeam.Get(ctx, id)
	},
	meta:     func(r *ent.MedicalTeam) (int, int) { return r.ID, r.Version },
	validTo:  func(r *ent.MedicalTeam) *time.Time { return r.ValidTo },
	sourceOf: func(in ent.UpdateMedicalTeamInput) *int { return in.SourceID },
	create: func(ctx context.Context, c *ent.Client, in ent.CreateMedicalTeamInput) (*ent.MedicalTeam, error) {
		if err := newRefs(ctx, c).source("sourceID", &in.SourceID).convention("conventionID", in.ConventionID).grouping("groupingID", in.GroupingID).err; err != nil {
			return nil, err
		}
		return c.MedicalTeam.Create().SetInput(in).Save(ctx)
	},
	update: func(ctx context.Context, c *ent.Client, id, version int, in ent.UpdateMedicalTeamInput) (*ent.MedicalTeam, error) {
		if err := newRefs(ctx, c).source("sourceID", in.SourceID).convention("conventionID", in.ConventionID).grouping("groupingID", in.GroupingID).err; err != nil {
			return nil, err
		}
		return c.MedicalTeam.UpdateOneID(id).Where(medicalteam.Version(version)).SetInput(in).Save(ctx)
	},
	close: func(ctx context.Context, c *ent.Client, id, version int, at time.Time, sourceID int) (*ent.MedicalTeam, error) {
		return c.MedicalTeam.UpdateOneID(id).Where(medicalteam.Version(version)).SetValidTo(at).SetSourceID(sourceID).Save(ctx)
	},
}

func init() {
	medicalTeams.cascade = func(ctx context.Context, c *ent.Client, j *journal, id int, at time.Time, sourceID int) error {
		open, err := c.TeamSite.Query().Where(teamsite.TeamID(id),
			teamsite.Or(teamsite.ValidToIsNil(), teamsite.ValidToGT(at)),
			teamsite.Or(teamsite.ValidFromIsNil(), teamsite.ValidFromLT(at))).All(ctx)
		if err != nil {
			return err
		}
		for _, part := range open {
			if part.ValidTo != nil {
				continue // ends later: left for an editor to decide
			}
			if err := teamSites.closeTx(ctx, c, j, part.ID, part.Version, at, sourceID); err != nil {
				return err
			}
		}
		return nil
	}
}

// CreateMedicalTeam records a new MedicalTeam.
func CreateMedicalTeam(ctx context.Context, c *ent.Client, in ent.CreateMedicalTeamInput) (*ent.MedicalTeam, error) {
	return medicalTeams.Create(ctx, c, in)
}

// UpdateMedicalTeam changes the MedicalTeam with this ID, read at version expected.
func UpdateMedicalTeam(ctx context.Context, c *ent.Client, id, expected int, in ent.UpdateMedicalTeamInput) (*ent.MedicalTeam, error) {
	return medicalTeams.Update(ctx, c, id, expected, in)
}

// CloseMedicalTeam ends the MedicalTeam with this ID, read at version expected, on day at.
func CloseMedicalTeam(ctx context.Context, c *ent.Client, id, expected int, at time.Time, sourceID int) (*ent.MedicalTeam, error) {
	return medicalTeams.Close(ctx, c, id, expected, at, sourceID)
}

var teamSites = kit[*ent.TeamSite, ent.CreateTeamSiteInput, ent.UpdateTeamSiteInput]{
	typ: "TeamSite",
	get: func(ctx context.Context, c *ent.Client, id int) (*ent.TeamSite, error) {
		return c.TeamSite.Get(ctx, id)
	},
	meta:     func(r *ent.TeamSite) (int, int) { return r.ID, r.Version },
	validTo:  func(r *ent.TeamSite) *time.Time { return r.ValidTo },
	sourceOf: func(in ent.UpdateTeamSiteInput) *int { return in.SourceID },
	create: func(ctx context.Context, c *ent.Client, in ent.CreateTeamSiteInput) (*ent.TeamSite, error) {
		if err := newRefs(ctx, c).source("sourceID", &in.SourceID).team("teamID", &in.TeamID).site("establishmentID", in.EstablishmentID).err; err != nil {
			return nil, err
		}
		return c.TeamSite.Create().SetInput(in).Save(ctx)
	},
	update: func(ctx context.Context, c *ent.Client, id, version int, in ent.UpdateTeamSiteInput) (*ent.TeamSite, error) {
		if err := newRefs(ctx, c).source("sourceID", in.SourceID).team("teamID", in.TeamID).site("establishmentID", ptrs(in.EstablishmentID)...).err; err != nil {
			return nil, err
		}
		return c.TeamSite.UpdateOneID(id).Where(teamsite.Version(version)).SetInput(in).Save(ctx)
	},
	close: func(ctx context.Context, c *ent.Client, id, version int, at time.Time, sourceID int) (*ent.TeamSite, error) {
		return c.TeamSite.UpdateOneID(id).Where(teamsite.Version(version)).SetValidTo(at).SetSourceID(sourceID).Save(ctx)
	},
}

// CreateTeamSite records a new TeamSite.
func CreateTeamSite(ctx context.Context, c *ent.Client, in ent.CreateTeamSiteInput) (*ent.TeamSite, error) {
	return teamSites.Create(ctx, c, in)
}

// UpdateTeamSite changes the TeamSite with this ID, read at version expected.
func UpdateTeamSite(ctx context.Context, c *ent.Client, id, expected int, in ent.UpdateTeamSiteInput) (*ent.TeamSite, error) {
	return teamSites.Update(ctx, c, id, expected, in)
}

// CloseTeamSite ends the TeamSite with this ID, read at version expected, on day at.
func CloseTeamSite(ctx context.Context, c *ent.Client, id, expected int, at time.Time, sourceID int) (*ent.TeamSite, error) {
	return teamSites.Close(ctx, c, id, expected, at, sourceID)
}
