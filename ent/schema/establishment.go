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

// Establishment is a FINESS établissement (ET): a site, with an address
// and a position. Maps show sites; cooperation binds their legal entities.
type Establishment struct{ ent.Schema }

// Mixin of Establishment.
func (Establishment) Mixin() []ent.Mixin {
	return []ent.Mixin{SearchableName{}, Validity{}, Provenance{}, Described{}, Rights{Class: rights.Register}}
}

// Fields of Establishment.
func (Establishment) Fields() []ent.Field {
	return []ent.Field{
		field.String("finess").
			Validate(finess.CheckFormat).
			Immutable().
			Comment("FINESS number of the site (9 characters, kept as a string).").
			Annotations(entgql.OrderField("FINESS")),
		field.Int("legal_entity_id").
			Comment("Identifier of the legal entity that runs the site.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("long_name").Optional().
			Comment("Long name (raison sociale longue) where the register gives one."),
		field.String("category_code").
			Comment("FINESS category code, e.g. `101` Centre Hospitalier Régional, `355` Centre Hospitalier.").
			Annotations(entgql.OrderField("CATEGORY_CODE")),
		field.String("category_label").
			Comment("FINESS category label."),
		field.String("category_group_code").Optional().
			Comment("FINESS aggregate category code (catégorie d'agrégat), e.g. `1101`."),
		field.String("category_group_label").Optional().
			Comment("FINESS aggregate category label."),
		field.String("ape_code").Optional().Comment("APE activity code (NAF), e.g. `8610Z`."),
		field.String("sph_code").Optional().Comment("Code of participation in the public hospital service (codesph)."),
		field.String("sph_label").Optional().Comment("Label of participation in the public hospital service, e.g. \"Etablissement public de santé\"."),
		field.String("siret").Optional().Comment("SIRET number of the site (14 digits)."),
		field.String("address").Optional().Comment("Street address as the register writes it."),
		field.String("postal_code").Optional().Comment("Postal code (or CEDEX code) of the address."),
		field.String("city").Optional().Comment("City line of the address (ligne d'acheminement without the postal code)."),
		field.String("phone").Optional().Comment("Telephone number."),
		field.Time("register_updated_on").Optional().Nillable().
			Comment("Date the register last updated this site (datemaj).").
			Annotations(entgql.Type("Date")),
		field.Float("latitude").Optional().Nillable().
			Comment("Latitude (WGS84, degrees).").
			Annotations(entgql.OrderField("LATITUDE")),
		field.Float("longitude").Optional().Nillable().
			Comment("Longitude (WGS84, degrees)."),
		field.String("commune_code").Optional().
			Comment("INSEE code of the commune the site lies in."),
		field.String("department_code").Optional().
			Comment("INSEE code of the site's département.").
			Annotations(entgql.OrderField("DEPARTMENT_CODE")),
		field.String("region_code").Optional().
			Comment("INSEE code of the site's région."),
		field.Int("commune_id").Optional().Nillable().
			Comment("Identifier of the commune territory.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of Establishment.
func (Establishment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("legal_entity", LegalEntity.Type).
			Field("legal_entity_id").Unique().Required().
			Comment("The legal entity (FINESS EJ) that runs this site."),
		edge.To("commune", Territory.Type).
			Field("commune_id").Unique().
			Comment("The commune the site lies in."),
		edge.From("memberships", Membership.Type).Ref("sites").
			Comment("Memberships that name this site explicitly."),
		edge.From("convention_parties", ConventionParty.Type).Ref("sites").
			Comment("Convention parties that name this site explicitly (a site may be named by many conventions)."),
		edge.From("team_sites", TeamSite.Type).Ref("establishment").
			Comment("Medical teams working on this site, with their time share."),
		edge.From("groupings", Grouping.Type).Ref("establishments").
			Comment("Groupings registered in FINESS with this site as one of their own sites."),
	}
}

// Indexes of Establishment.
func (Establishment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("finess").Unique(),
		// An entity's sites and a commune's sites are read through these.
		index.Fields("legal_entity_id"),
		index.Fields("commune_id"),
		index.Fields("category_code"),
		// A territory's sites are listed a page at a time in ID order
		// (entgql's cursors): with the ID in the index, a page reads its
		// own rows, not all the territory's sorted (thousands in a large
		// département, on every page).
		index.Fields("department_code", "id"),
		index.Fields("region_code", "id"),
		index.Fields("commune_code"),
		index.Fields("postal_code"),
	}
}

// Annotations of Establishment.
func (Establishment) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
	}
}
