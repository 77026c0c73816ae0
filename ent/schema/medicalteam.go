package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/maillage/maillage/internal/rights"
)

// MedicalTeam is an équipe médicale de territoire: practitioners who work
// on several sites, with a share of time per site.
type MedicalTeam struct{ ent.Schema }

// Mixin of MedicalTeam.
func (MedicalTeam) Mixin() []ent.Mixin {
	return []ent.Mixin{SearchableName{}, Validity{}, Provenance{}, Versioned{}, Rights{Class: rights.Cooperation}}
}

// Fields of MedicalTeam.
func (MedicalTeam) Fields() []ent.Field {
	return []ent.Field{
		field.String("specialty").Optional().
			Comment("Medical specialty of the team, e.g. \"anesthésie\"."),
		field.Text("description").Optional().
			Comment("What the team does, in the words of its source."),
		field.Int("convention_id").Optional().Nillable().
			Comment("Identifier of the convention that sets up the team.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("grouping_id").Optional().Nillable().
			Comment("Identifier of the grouping the team belongs to.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of MedicalTeam.
func (MedicalTeam) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("convention", Convention.Type).
			Field("convention_id").Unique().
			Comment("The convention or charter that sets up the team."),
		edge.To("grouping", Grouping.Type).
			Field("grouping_id").Unique().
			Comment("The grouping (GHT…) the team belongs to."),
		edge.From("sites", TeamSite.Type).Ref("team").
			Comment("Sites the team works on, with time shares.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Annotations of MedicalTeam.
func (MedicalTeam) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// TeamSite is a site a medical team works on, with its share of time.
type TeamSite struct{ ent.Schema }

// Mixin of TeamSite.
func (TeamSite) Mixin() []ent.Mixin {
	return []ent.Mixin{Validity{}, Provenance{}, Versioned{}, Rights{Class: rights.Cooperation}}
}

// Fields of TeamSite.
func (TeamSite) Fields() []ent.Field {
	return []ent.Field{
		field.Float("time_share").Optional().Nillable().
			Range(0, 1).
			Comment("Share of the team's time spent on the site, between 0 and 1; null when the source does not say."),
		field.Int("team_id").
			Comment("Identifier of the team.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("establishment_id").
			Comment("Identifier of the site.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of TeamSite.
func (TeamSite) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("team", MedicalTeam.Type).
			Field("team_id").Unique().Required().
			Comment("The medical team."),
		edge.To("establishment", Establishment.Type).
			Field("establishment_id").Unique().Required().
			Comment("The site."),
	}
}

// Indexes of TeamSite.
func (TeamSite) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("team_id"),
		index.Fields("establishment_id"),
	}
}

// Annotations of TeamSite.
func (TeamSite) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
