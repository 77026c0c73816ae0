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

// ConventionDomains are the shared functions a convention may cover.
var ConventionDomains = []string{
	"INFORMATION_SYSTEM", "HUMAN_RESOURCES", "CARE_ORGANISATION", "PURCHASING_LOGISTICS",
	"FINANCE", "QUALITY_SAFETY", "MEDICAL_PROJECT", "TRAINING", "RESEARCH",
	"BIOLOGY", "IMAGING", "PHARMACY", "TELEMEDICINE", "MEDICAL_DEMOGRAPHY",
}

// Convention is an agreement between parties: a convention, a charter, a
// constitutive agreement… dated, on domains and care pathways.
type Convention struct{ ent.Schema }

// Mixin of Convention.
func (Convention) Mixin() []ent.Mixin {
	return []ent.Mixin{SearchableName{}, Validity{}, Provenance{}, Versioned{}, Rights{Class: rights.Cooperation}}
}

// Fields of Convention.
func (Convention) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").
			Values("CHARTER", "CONVENTION", "CONSTITUTIVE", "PARTNERSHIP", "OTHER").
			Comment("Kind of agreement: CHARTER (charte), CONVENTION (convention de coopération), CONSTITUTIVE (convention constitutive of a GHT or GCS), PARTNERSHIP (convention de partenariat), OTHER.").
			Annotations(entgql.OrderField("KIND")),
		field.String("code").Optional().Nillable().
			Comment("Short code of the agreement, e.g. `G4-LOIRE-2016`."),
		field.Strings("domains").Optional().
			Validate(validateDomains).
			Comment("Shared functions the agreement covers: INFORMATION_SYSTEM, HUMAN_RESOURCES, CARE_ORGANISATION, PURCHASING_LOGISTICS, FINANCE, QUALITY_SAFETY, MEDICAL_PROJECT, TRAINING, RESEARCH, BIOLOGY, IMAGING, PHARMACY, TELEMEDICINE, MEDICAL_DEMOGRAPHY."),
		field.Text("description").Optional().
			Comment("What the agreement sets up, in the words of its source."),
		field.Time("signed_on").Optional().Nillable().
			Comment("Date of signature, when the source gives it.").
			Annotations(entgql.Type("Date")),
		field.Int("territory_id").Optional().Nillable().
			Comment("Identifier of the agreement's territory.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of Convention.
func (Convention) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("territory", Territory.Type).
			Field("territory_id").Unique().
			Comment("The territory the agreement covers."),
		edge.From("parties", ConventionParty.Type).Ref("convention").
			Comment("Parties to the agreement.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("filieres", Filiere.Type).Ref("convention").
			Comment("Care pathways the agreement organises.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("medical_teams", MedicalTeam.Type).Ref("convention").
			Comment("Medical teams the agreement sets up.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of Convention.
func (Convention) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("code").Unique(),
		index.Fields("kind"),
	}
}

// Annotations of Convention.
func (Convention) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// ConventionParty is a legal entity's part in a convention.
type ConventionParty struct{ ent.Schema }

// Mixin of ConventionParty.
func (ConventionParty) Mixin() []ent.Mixin {
	return []ent.Mixin{Validity{}, Provenance{}, Versioned{}, Rights{Class: rights.Cooperation}}
}

// Fields of ConventionParty.
func (ConventionParty) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("role").
			Values("SIGNATORY", "COORDINATOR", "ADHERENT").
			Default("SIGNATORY").
			Comment("Part taken: SIGNATORY, COORDINATOR (pilots the agreement), ADHERENT (joined later)."),
		field.String("designation").Optional().
			Comment("How the source names the party, e.g. \"Hôpital Le Corbusier\"."),
		field.Int("convention_id").
			Comment("Identifier of the convention.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("legal_entity_id").
			Comment("Identifier of the party.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of ConventionParty.
func (ConventionParty) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("convention", Convention.Type).
			Field("convention_id").Unique().Required().
			Comment("The convention."),
		edge.To("legal_entity", LegalEntity.Type).
			Field("legal_entity_id").Unique().Required().
			Comment("The party."),
		edge.To("sites", Establishment.Type).
			Comment("The party's sites the convention names, when it names some."),
	}
}

// Indexes of ConventionParty.
func (ConventionParty) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("convention_id", "legal_entity_id"),
		index.Fields("legal_entity_id"),
	}
}

// Annotations of ConventionParty.
func (ConventionParty) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
