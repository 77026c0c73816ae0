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

// Filiere is a care pathway (filière) organised across organisations with
// a gradation: proximité → recours → référence.
type Filiere struct{ ent.Schema }

// Mixin of Filiere.
func (Filiere) Mixin() []ent.Mixin {
	return []ent.Mixin{SearchableName{}, Validity{}, Provenance{}, Versioned{}, Rights{Class: rights.Cooperation}}
}

// Fields of Filiere.
func (Filiere) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("specialty").
			Values("OBSTETRICS_PAEDIATRICS", "SURGERY_ANAESTHESIA", "EMERGENCY", "BIOLOGY", "REHABILITATION", "STROKE", "CYSTIC_FIBROSIS", "GERIATRICS", "PSYCHIATRY", "ONCOLOGY", "IMAGING", "OTHER").
			Comment("Field of care of the pathway: OBSTETRICS_PAEDIATRICS (maternités, pédiatrie), SURGERY_ANAESTHESIA, EMERGENCY (urgences), BIOLOGY, REHABILITATION (soins de suite et de réadaptation), STROKE (AVC), CYSTIC_FIBROSIS (mucoviscidose), GERIATRICS, PSYCHIATRY, ONCOLOGY, IMAGING, OTHER.").
			Annotations(entgql.OrderField("SPECIALTY")),
		field.Text("description").Optional().
			Comment("What the pathway organises, in the words of its source."),
		field.Bool("designations").Default(false).
			Comment("The source designates its participants one by one (a list of designated centres, as an arrêté gives it) without saying they cooperate with one another: the organisations projection does not link them through it."),
		field.Int("convention_id").Optional().Nillable().
			Comment("Identifier of the convention organising the pathway.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("territory_id").Optional().Nillable().
			Comment("Identifier of the pathway's territory.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of Filiere.
func (Filiere) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("convention", Convention.Type).
			Field("convention_id").Unique().
			Comment("The convention or charter that organises the pathway, if any."),
		edge.To("territory", Territory.Type).
			Field("territory_id").Unique().
			Comment("The territory of the pathway; none for a national one."),
		edge.From("roles", FiliereRole.Type).Ref("filiere").
			Comment("Organisations in the pathway with their level.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of Filiere.
func (Filiere) Indexes() []ent.Index {
	return []ent.Index{index.Fields("specialty")}
}

// Annotations of Filiere.
func (Filiere) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// FiliereRole is an organisation's place in a care pathway.
type FiliereRole struct{ ent.Schema }

// Mixin of FiliereRole.
func (FiliereRole) Mixin() []ent.Mixin {
	return []ent.Mixin{Validity{}, Provenance{}, Versioned{}, Rights{Class: rights.Cooperation}}
}

// Fields of FiliereRole.
func (FiliereRole) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("level").
			Values("PROXIMITY", "RECOURS", "REFERENCE").
			Optional().Nillable().
			Comment("Gradation level: PROXIMITY (proximité), RECOURS, REFERENCE (référence). Null when the source does not say."),
		field.String("detail").Optional().
			Comment("Detail of the role, e.g. \"maternité type 2A\" or \"CRCM mixte\"."),
		field.Int("filiere_id").
			Comment("Identifier of the pathway.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("legal_entity_id").
			Comment("Identifier of the organisation.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("establishment_id").Optional().Nillable().
			Comment("Identifier of the site, when the role is a site's.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of FiliereRole.
func (FiliereRole) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("filiere", Filiere.Type).
			Field("filiere_id").Unique().Required().
			Comment("The care pathway."),
		edge.To("legal_entity", LegalEntity.Type).
			Field("legal_entity_id").Unique().Required().
			Comment("The organisation."),
		edge.To("establishment", Establishment.Type).
			Field("establishment_id").Unique().
			Comment("The site holding the role, when the source names one."),
	}
}

// Indexes of FiliereRole.
func (FiliereRole) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("filiere_id"),
		index.Fields("legal_entity_id"),
	}
}

// Annotations of FiliereRole.
func (FiliereRole) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
