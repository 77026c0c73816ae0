package edit

// One editable per type: its ent client, its check, the parts closed
// with it. The IDs its inputs name are checked by field (references).

import (
	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/conventionparty"
	"github.com/maillage/maillage/ent/filiererole"
	"github.com/maillage/maillage/ent/membership"
	"github.com/maillage/maillage/ent/teamsite"
)

var (
	groupings = declare(func(c *ent.Client) *ent.GroupingClient { return c.Grouping },
		checkGrouping, part{memberships, membership.FieldGroupingID})
	memberships = declare(func(c *ent.Client) *ent.MembershipClient { return c.Membership },
		checkMembership)
	conventions = declare(func(c *ent.Client) *ent.ConventionClient { return c.Convention },
		nil, part{conventionParties, conventionparty.FieldConventionID})
	conventionParties = declare(func(c *ent.Client) *ent.ConventionPartyClient { return c.ConventionParty },
		checkConventionParty)
	filieres = declare(func(c *ent.Client) *ent.FiliereClient { return c.Filiere },
		nil, part{filiereRoles, filiererole.FieldFiliereID})
	filiereRoles = declare(func(c *ent.Client) *ent.FiliereRoleClient { return c.FiliereRole },
		checkFiliereRole)
	medicalTeams = declare(func(c *ent.Client) *ent.MedicalTeamClient { return c.MedicalTeam },
		nil, part{teamSites, teamsite.FieldTeamID})
	teamSites = declare(func(c *ent.Client) *ent.TeamSiteClient { return c.TeamSite },
		nil)
)

// The functions resolvers call.
var (
	CreateGrouping, UpdateGrouping, CloseGrouping                      = groupings.Create, groupings.Update, groupings.Close
	CreateMembership, UpdateMembership, CloseMembership                = memberships.Create, memberships.Update, memberships.Close
	CreateConvention, UpdateConvention, CloseConvention                = conventions.Create, conventions.Update, conventions.Close
	CreateConventionParty, UpdateConventionParty, CloseConventionParty = conventionParties.Create, conventionParties.Update, conventionParties.Close
	CreateFiliere, UpdateFiliere, CloseFiliere                         = filieres.Create, filieres.Update, filieres.Close
	CreateFiliereRole, UpdateFiliereRole, CloseFiliereRole             = filiereRoles.Create, filiereRoles.Update, filiereRoles.Close
	CreateMedicalTeam, UpdateMedicalTeam, CloseMedicalTeam             = medicalTeams.Create, medicalTeams.Update, medicalTeams.Close
	CreateTeamSite, UpdateTeamSite, CloseTeamSite                      = teamSites.Create, teamSites.Update, teamSites.Close
)
