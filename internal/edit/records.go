package edit

// One editable per type, and the functions resolvers call.

import (
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/conventionparty"
	"github.com/maillage/maillage/ent/filiererole"
	"github.com/maillage/maillage/ent/membership"
	"github.com/maillage/maillage/ent/teamsite"
)

var groupings = &editable[*ent.Grouping, ent.CreateGroupingInput, ent.UpdateGroupingInput]{
	typ:      "Grouping",
	db:       bind(func(c *ent.Client) *ent.GroupingClient { return c.Grouping }),
	meta:     func(r *ent.Grouping) (int, int, *time.Time) { return r.ID, r.Version, r.ValidTo },
	sourceOf: func(in ent.UpdateGroupingInput) *int { return in.SourceID },
	refsIn: func(r *refs, in ent.CreateGroupingInput) *refs {
		return r.one("sourceID", ref.source, &in.SourceID).one("legalEntityID", ref.legalEntity, in.LegalEntityID).one("territoryID", ref.territory, in.TerritoryID)
	},
	refsUp: func(r *refs, in ent.UpdateGroupingInput) *refs {
		return r.one("sourceID", ref.source, in.SourceID).one("legalEntityID", ref.legalEntity, in.LegalEntityID).one("territoryID", ref.territory, in.TerritoryID)
	},
	check: checkGrouping,
	parts: []part{{memberships, membership.FieldGroupingID}},
}

var CreateGrouping, UpdateGrouping, CloseGrouping = groupings.Create, groupings.Update, groupings.Close

var memberships = &editable[*ent.Membership, ent.CreateMembershipInput, ent.UpdateMembershipInput]{
	typ:      "Membership",
	db:       bind(func(c *ent.Client) *ent.MembershipClient { return c.Membership }),
	meta:     func(r *ent.Membership) (int, int, *time.Time) { return r.ID, r.Version, r.ValidTo },
	sourceOf: func(in ent.UpdateMembershipInput) *int { return in.SourceID },
	refsIn: func(r *refs, in ent.CreateMembershipInput) *refs {
		return r.one("sourceID", ref.source, &in.SourceID).one("groupingID", ref.grouping, &in.GroupingID).
			one("legalEntityID", ref.legalEntity, in.LegalEntityID).all("siteIDs", ref.site, in.SiteIDs...)
	},
	refsUp: func(r *refs, in ent.UpdateMembershipInput) *refs {
		return r.one("sourceID", ref.source, in.SourceID).one("groupingID", ref.grouping, in.GroupingID).
			one("legalEntityID", ref.legalEntity, in.LegalEntityID).all("addSiteIDs", ref.site, in.AddSiteIDs...)
	},
	check: checkMembership,
}

var CreateMembership, UpdateMembership, CloseMembership = memberships.Create, memberships.Update, memberships.Close

var conventions = &editable[*ent.Convention, ent.CreateConventionInput, ent.UpdateConventionInput]{
	typ:      "Convention",
	db:       bind(func(c *ent.Client) *ent.ConventionClient { return c.Convention }),
	meta:     func(r *ent.Convention) (int, int, *time.Time) { return r.ID, r.Version, r.ValidTo },
	sourceOf: func(in ent.UpdateConventionInput) *int { return in.SourceID },
	refsIn: func(r *refs, in ent.CreateConventionInput) *refs {
		return r.one("sourceID", ref.source, &in.SourceID).one("territoryID", ref.territory, in.TerritoryID)
	},
	refsUp: func(r *refs, in ent.UpdateConventionInput) *refs {
		return r.one("sourceID", ref.source, in.SourceID).one("territoryID", ref.territory, in.TerritoryID)
	},
	parts: []part{{conventionParties, conventionparty.FieldConventionID}},
}

var CreateConvention, UpdateConvention, CloseConvention = conventions.Create, conventions.Update, conventions.Close

var conventionParties = &editable[*ent.ConventionParty, ent.CreateConventionPartyInput, ent.UpdateConventionPartyInput]{
	typ:      "ConventionParty",
	db:       bind(func(c *ent.Client) *ent.ConventionPartyClient { return c.ConventionParty }),
	meta:     func(r *ent.ConventionParty) (int, int, *time.Time) { return r.ID, r.Version, r.ValidTo },
	sourceOf: func(in ent.UpdateConventionPartyInput) *int { return in.SourceID },
	refsIn: func(r *refs, in ent.CreateConventionPartyInput) *refs {
		return r.one("sourceID", ref.source, &in.SourceID).one("conventionID", ref.convention, &in.ConventionID).
			one("legalEntityID", ref.legalEntity, &in.LegalEntityID).all("siteIDs", ref.site, in.SiteIDs...)
	},
	refsUp: func(r *refs, in ent.UpdateConventionPartyInput) *refs {
		return r.one("sourceID", ref.source, in.SourceID).one("conventionID", ref.convention, in.ConventionID).
			one("legalEntityID", ref.legalEntity, in.LegalEntityID).all("addSiteIDs", ref.site, in.AddSiteIDs...)
	},
	check: checkConventionParty,
}

var CreateConventionParty, UpdateConventionParty, CloseConventionParty = conventionParties.Create, conventionParties.Update, conventionParties.Close

var filieres = &editable[*ent.Filiere, ent.CreateFiliereInput, ent.UpdateFiliereInput]{
	typ:      "Filiere",
	db:       bind(func(c *ent.Client) *ent.FiliereClient { return c.Filiere }),
	meta:     func(r *ent.Filiere) (int, int, *time.Time) { return r.ID, r.Version, r.ValidTo },
	sourceOf: func(in ent.UpdateFiliereInput) *int { return in.SourceID },
	refsIn: func(r *refs, in ent.CreateFiliereInput) *refs {
		return r.one("sourceID", ref.source, &in.SourceID).one("conventionID", ref.convention, in.ConventionID).one("territoryID", ref.territory, in.TerritoryID)
	},
	refsUp: func(r *refs, in ent.UpdateFiliereInput) *refs {
		return r.one("sourceID", ref.source, in.SourceID).one("conventionID", ref.convention, in.ConventionID).one("territoryID", ref.territory, in.TerritoryID)
	},
	parts: []part{{filiereRoles, filiererole.FieldFiliereID}},
}

var CreateFiliere, UpdateFiliere, CloseFiliere = filieres.Create, filieres.Update, filieres.Close

var filiereRoles = &editable[*ent.FiliereRole, ent.CreateFiliereRoleInput, ent.UpdateFiliereRoleInput]{
	typ:      "FiliereRole",
	db:       bind(func(c *ent.Client) *ent.FiliereRoleClient { return c.FiliereRole }),
	meta:     func(r *ent.FiliereRole) (int, int, *time.Time) { return r.ID, r.Version, r.ValidTo },
	sourceOf: func(in ent.UpdateFiliereRoleInput) *int { return in.SourceID },
	refsIn: func(r *refs, in ent.CreateFiliereRoleInput) *refs {
		return r.one("sourceID", ref.source, &in.SourceID).one("filiereID", ref.filiere, &in.FiliereID).
			one("legalEntityID", ref.legalEntity, &in.LegalEntityID).one("establishmentID", ref.site, in.EstablishmentID)
	},
	refsUp: func(r *refs, in ent.UpdateFiliereRoleInput) *refs {
		return r.one("sourceID", ref.source, in.SourceID).one("filiereID", ref.filiere, in.FiliereID).
			one("legalEntityID", ref.legalEntity, in.LegalEntityID).one("establishmentID", ref.site, in.EstablishmentID)
	},
	check: checkFiliereRole,
}

var CreateFiliereRole, UpdateFiliereRole, CloseFiliereRole = filiereRoles.Create, filiereRoles.Update, filiereRoles.Close

var medicalTeams = &editable[*ent.MedicalTeam, ent.CreateMedicalTeamInput, ent.UpdateMedicalTeamInput]{
	typ:      "MedicalTeam",
	db:       bind(func(c *ent.Client) *ent.MedicalTeamClient { return c.MedicalTeam }),
	meta:     func(r *ent.MedicalTeam) (int, int, *time.Time) { return r.ID, r.Version, r.ValidTo },
	sourceOf: func(in ent.UpdateMedicalTeamInput) *int { return in.SourceID },
	refsIn: func(r *refs, in ent.CreateMedicalTeamInput) *refs {
		return r.one("sourceID", ref.source, &in.SourceID).one("conventionID", ref.convention, in.ConventionID).one("groupingID", ref.grouping, in.GroupingID)
	},
	refsUp: func(r *refs, in ent.UpdateMedicalTeamInput) *refs {
		return r.one("sourceID", ref.source, in.SourceID).one("conventionID", ref.convention, in.ConventionID).one("groupingID", ref.grouping, in.GroupingID)
	},
	parts: []part{{teamSites, teamsite.FieldTeamID}},
}

var CreateMedicalTeam, UpdateMedicalTeam, CloseMedicalTeam = medicalTeams.Create, medicalTeams.Update, medicalTeams.Close

var teamSites = &editable[*ent.TeamSite, ent.CreateTeamSiteInput, ent.UpdateTeamSiteInput]{
	typ:      "TeamSite",
	db:       bind(func(c *ent.Client) *ent.TeamSiteClient { return c.TeamSite }),
	meta:     func(r *ent.TeamSite) (int, int, *time.Time) { return r.ID, r.Version, r.ValidTo },
	sourceOf: func(in ent.UpdateTeamSiteInput) *int { return in.SourceID },
	refsIn: func(r *refs, in ent.CreateTeamSiteInput) *refs {
		return r.one("sourceID", ref.source, &in.SourceID).one("teamID", ref.team, &in.TeamID).one("establishmentID", ref.site, &in.EstablishmentID)
	},
	refsUp: func(r *refs, in ent.UpdateTeamSiteInput) *refs {
		return r.one("sourceID", ref.source, in.SourceID).one("teamID", ref.team, in.TeamID).one("establishmentID", ref.site, in.EstablishmentID)
	},
}

var CreateTeamSite, UpdateTeamSite, CloseTeamSite = teamSites.Create, teamSites.Update, teamSites.Close
