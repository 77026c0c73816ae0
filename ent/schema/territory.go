package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/maillage/maillage/internal/rights"
)

// Territory is a région, a département, a commune or a named health
// territory, identified by its INSEE code within its kind.
type Territory struct{ ent.Schema }

// Mixin of Territory.
func (Territory) Mixin() []ent.Mixin {
	return []ent.Mixin{SearchableName{}, Provenance{}, Rights{Class: rights.Register}}
}

// Fields of Territory.
func (Territory) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").
			Values("REGION", "DEPARTMENT", "COMMUNE", "HEALTH_TERRITORY").
			Comment("Level of the territory: région, département, commune or named health territory.").
			Annotations(entgql.OrderField("KIND")),
		field.String("code").
			NotEmpty().
			Comment("INSEE code within the kind: région `84`, département `42`, `2A` or `971`, commune `42218`.").
			Annotations(entgql.OrderField("CODE")),
		field.Float("latitude").Optional().Nillable().Comment("Latitude (WGS84) of the territory's centre."),
		field.Float("longitude").Optional().Nillable().Comment("Longitude (WGS84) of the territory's centre."),
		field.Int("population").Optional().Nillable().Comment("Population (INSEE, 2021) where known."),
		field.String("postal_codes").Optional().
			Comment("Postal codes of a commune, space separated."),
		field.Text("boundary").Optional().Nillable().
			Comment("Boundary as a GeoJSON geometry (WGS84), for régions and départements.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		field.Int("parent_id").Optional().Nillable().
			Comment("Identifier of the enclosing territory.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of Territory.
func (Territory) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("children", Territory.Type).
			Comment("Territories directly inside this one (départements of a région, communes of a département).").
			Annotations(
				entgql.RelayConnection(),
				// A resolver, so that a page without first or last is the
				// default page, not every commune (graph/bounds.go).
				entgql.Directives(entgql.NewDirective("goField", &ast.Argument{Name: "forceResolver", Value: &ast.Value{Kind: ast.BooleanValue, Raw: "true"}})),
			).
			From("parent").Field("parent_id").Unique().
			Comment("The enclosing territory: région of a département, département of a commune."),
		// The other side of AuditEvent.territories, which makes it
		// many-to-many; not in the API, and set only with the event.
		edge.From("audit_events", AuditEvent.Type).Ref("territories").Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of Territory.
func (Territory) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("kind", "code").Unique(),
		index.Fields("code"),
		index.Fields("parent_id"), // a territory's children
	}
}

// Annotations of Territory.
func (Territory) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
	}
}
