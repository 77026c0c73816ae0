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

// Membership binds a legal entity to a grouping with a role, for a period.
type Membership struct{ ent.Schema }

// Mixin of Membership.
func (Membership) Mixin() []ent.Mixin {
	return []ent.Mixin{Validity{}, Provenance{}, Described{}, Versioned{}, Rights{Class: rights.Cooperation}}
}

// Fields of Membership.
func (Membership) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("role").
			Values("SUPPORT", "MEMBER", "ASSOCIATE", "PARTNER").
			Comment("Role in the grouping: SUPPORT (établissement support of a GHT, siège of a CHT), MEMBER, ASSOCIATE (e.g. a CHU associated to a GHT), PARTNER (private or médico-social partner).").
			Annotations(entgql.OrderField("ROLE")),
		field.String("note").Optional().
			Comment("What the source says of this membership, when it adds to the role."),
		field.Int("grouping_id").
			Comment("Identifier of the grouping.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("legal_entity_id").Optional().Nillable().
			Comment("Identifier of the member legal entity; empty while the register's reference to it is unresolved.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("member_ref").Optional().
			Comment("The register's own reference to the member when it could not be resolved to a FINESS legal entity (e.g. \"FINESS+ pmSmsseId 14967\"); a later import that resolves it links the legal entity."),
	}
}

// Edges of Membership.
func (Membership) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("grouping", Grouping.Type).
			Field("grouping_id").Unique().Required().
			Comment("The grouping."),
		edge.To("legal_entity", LegalEntity.Type).
			Field("legal_entity_id").Unique().
			Comment("The member legal entity; null while the register's reference (memberRef) is unresolved."),
		edge.To("sites", Establishment.Type).
			Comment("The member's sites the membership names, when it names some; empty means the whole entity."),
	}
}

// Indexes of Membership.
func (Membership) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("grouping_id", "legal_entity_id"),
		index.Fields("legal_entity_id"),
	}
}

// Annotations of Membership.
func (Membership) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
