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

// LegalEntity is a FINESS entité juridique (EJ): the legal person that
// signs conventions and joins groupings.
type LegalEntity struct{ ent.Schema }

// Mixin of LegalEntity.
func (LegalEntity) Mixin() []ent.Mixin {
	return []ent.Mixin{SearchableName{}, Validity{}, Provenance{}, Described{}, Rights{Class: rights.Register}}
}

// Fields of LegalEntity.
func (LegalEntity) Fields() []ent.Field {
	return []ent.Field{
		field.String("finess").
			Validate(finess.CheckFormat).
			Immutable().
			Comment("FINESS number of the legal entity (9 characters, kept as a string).").
			Annotations(entgql.OrderField("FINESS")),
		field.Bool("name_derived").
			Default(false).
			Comment("True while the name is provisional, derived from the names of the entity's sites because the loaded register gave none. A legal-entity register import replaces it; so does the name a cooperation's source gives the entity (a convention party's designation), and that source is then among the entity's sources."),
		field.String("siren").Optional().
			Comment("SIREN number (9 digits), from the SIRET of the entity's sites."),
		field.String("legal_status").Optional().
			Comment("Legal status (statut juridique) as the register labels it."),
		field.String("public_status").Optional().
			Comment("Service public hospitalier participation of its sites (codesph label), e.g. \"Etablissement public de santé\"."),
		field.String("department_code").Optional().
			Comment("INSEE code of the département the entity is numbered in.").
			Annotations(entgql.OrderField("DEPARTMENT_CODE")),
	}
}

// Edges of LegalEntity.
func (LegalEntity) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("establishments", Establishment.Type).Ref("legal_entity").
			Comment("Sites (FINESS ET) run by this legal entity.").
			// GraphQL: sites, the name every record's sites go by;
			// establishments kept, deprecated (ent/entc.go).
			Annotations(entgql.MapsTo("sites", "establishments")),
		edge.From("memberships", Membership.Type).Ref("legal_entity").
			Comment("Memberships of this entity in groupings (GHT, GCS…), past and present."),
		edge.From("convention_parties", ConventionParty.Type).Ref("legal_entity").
			Comment("Conventions and charters this entity is a party to."),
		edge.From("filiere_roles", FiliereRole.Type).Ref("legal_entity").
			Comment("Roles of this entity in care pathways (filières)."),
		edge.From("groupings", Grouping.Type).Ref("legal_entity").
			Comment("Groupings whose own legal person this entity is (a GCS registered in FINESS)."),
	}
}

// Indexes of LegalEntity.
func (LegalEntity) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("finess").Unique(),
		index.Fields("department_code"),
	}
}

// Annotations of LegalEntity.
func (LegalEntity) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
	}
}
