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

// AuditEvent records one change made through the API: who made it, when,
// to which record, and the record before and after. It is written in the
// same transaction as the change, and never changed afterwards. It is
// linked to the régions and départements where the changed record lies,
// so that a territory's feed is a query.
type AuditEvent struct{ ent.Schema }

// Mixin of AuditEvent.
func (AuditEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{Rights{Class: rights.Audit}}
}

// Fields of AuditEvent.
func (AuditEvent) Fields() []ent.Field {
	return []ent.Field{
		field.String("actor").NotEmpty().Immutable().
			Comment("Who made the change: the name of the token used.").
			Annotations(entgql.OrderField("ACTOR")),
		field.Int("token_id").Optional().Nillable().Immutable().
			Comment("Identifier of the token used, when there was one.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("at").Immutable().
			Comment("When the change was committed.").
			Annotations(entgql.OrderField("AT")),
		field.Enum("operation").Values("CREATE", "UPDATE", "CLOSE").Immutable().
			Comment("What was done: CREATE, UPDATE, or CLOSE (an end date set; nothing is ever deleted).").
			Annotations(entgql.OrderField("OPERATION")),
		field.String("entity_type").NotEmpty().Immutable().
			Comment("Type of the record changed, e.g. `Membership`.").
			Annotations(entgql.OrderField("ENTITY_TYPE")),
		field.Int("entity_id").Immutable().
			Comment("ID of the record changed (a global ID: `node(id:)` finds it).").
			Annotations(entgql.Type("ID")),
		field.JSON("before", map[string]any{}).Optional().Immutable().
			Comment("The record before the change; null for a creation.").
			Annotations(entgql.Type("Map")),
		field.JSON("after", map[string]any{}).Optional().Immutable().
			Comment("The record after the change.").
			Annotations(entgql.Type("Map")),
	}
}

// Edges of AuditEvent.
func (AuditEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("territories", Territory.Type).Immutable().
			Comment("The régions and départements where the changed record lies, as the rights check locates it " +
				"(its territory, parties and sites; for a membership, party, role or team site, those of its grouping, " +
				"convention, filière or team), before or after the change: both the région and the département of each place. " +
				"A territory's feed is `auditEvents(where: {hasTerritoriesWith: {id: …}})`; a région's includes its départements' events. " +
				"Empty for a source, for a record with no located party (which only an admin writes), " +
				"and for the events recorded before 2026-12-01, which were not located.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of AuditEvent.
func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("entity_id"),
		index.Fields("at"),
		index.Fields("actor"),
	}
}

// Annotations of AuditEvent.
func (AuditEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
	}
}
