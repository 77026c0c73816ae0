package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/rights"
)

// Grouping is a cooperation structure that legal entities join: a GHT,
// a GCS, a CPTS, a former CHT… It is a hub of the cooperation graph.
type Grouping struct{ ent.Schema }

// Mixin of Grouping.
func (Grouping) Mixin() []ent.Mixin {
	return []ent.Mixin{SearchableName{}, Validity{}, Provenance{}, Described{}, Versioned{}, Rights{Class: rights.Cooperation}}
}

// Fields of Grouping.
func (Grouping) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").
			Values("GHT", "CHT", "GCS", "GCS_ES", "GCSMS", "GIP", "FMIH", "CPT", "CPTS", "MSP", "HEALTH_CENTRE", "SIH", "UNION", "NETWORK", "OTHER").
			Comment("Kind of grouping: GHT (groupement hospitalier de territoire), CHT (communauté hospitalière de territoire), GCS (de moyens), GCS_ES (GCS établissement de santé), GCSMS, GIP, FMIH, CPT, CPTS, MSP (maison de santé), HEALTH_CENTRE (centre de santé), SIH (syndicat inter-hospitalier), UNION, NETWORK (réseau), OTHER.").
			Annotations(entgql.OrderField("KIND")),
		field.String("code").
			Optional().Nillable().
			Comment("Official code where one exists (GHT code such as `NA-04`), else the FINESS number of a grouping registered in FINESS, else a Maillage code.").
			Annotations(entgql.OrderField("CODE")),
		field.String("finess").
			Optional().Nillable().
			Validate(finess.CheckFormat).
			Comment("FINESS number of the grouping when it is registered (a GCS or CPTS has its own)."),
		field.String("register_id").
			Optional().Nillable().
			Comment("The grouping's identifier in the FINESS+ register (\"GCC-1\", \"GCO-403\"), kept beside its code when another register (the DGOS GHT list) gives the official one.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Text("description").Optional().
			Comment("What the grouping does, in the words of its source."),
		field.String("department_code").Optional().
			Comment("INSEE code of the grouping's département, where it has one."),
		field.Int("legal_entity_id").Optional().Nillable().
			Comment("Identifier of the grouping's own legal person.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("territory_id").Optional().Nillable().
			Comment("Identifier of the grouping's territory.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of Grouping.
func (Grouping) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("legal_entity", LegalEntity.Type).
			Field("legal_entity_id").Unique().
			Comment("The grouping's own legal person in FINESS, when it has one (a GCS does, a GHT does not)."),
		edge.To("establishments", Establishment.Type).
			Comment("The grouping's own sites registered in FINESS.").
			// GraphQL: sites, the name every record's sites go by;
			// establishments kept, deprecated (ent/entc.go).
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entgql.MapsTo("sites", "establishments")),
		edge.To("territory", Territory.Type).
			Field("territory_id").Unique().
			Comment("The territory the grouping covers."),
		edge.From("memberships", Membership.Type).Ref("grouping").
			Comment("Members of the grouping with their role and period, past and present.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("medical_teams", MedicalTeam.Type).Ref("grouping").
			Comment("Medical teams set up within the grouping.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of Grouping.
func (Grouping) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("code").Unique(),
		index.Fields("finess"),
		index.Fields("register_id").Unique(),
		index.Fields("kind"),
		index.Fields("department_code"),
		index.Fields("legal_entity_id"), // the groupings an entity is the legal person of
	}
}

// Annotations of Grouping.
func (Grouping) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
