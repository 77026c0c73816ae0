package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/maillage/maillage/internal/rights"
)

// Token is an API access token: only its hash is stored; the token itself
// is shown once, when created. Tokens are managed from the command line
// and never exposed through the API.
type Token struct{ ent.Schema }

// Mixin of Token.
func (Token) Mixin() []ent.Mixin {
	return []ent.Mixin{Rights{Class: rights.Token}}
}

// Fields of Token.
func (Token) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().
			Comment("Who the token is for; recorded as the author of its edits."),
		field.Enum("role").Values("partner", "editor", "admin").
			Comment("partner reads with a higher quota; editor also writes within its territories; admin also manages tokens."),
		field.Strings("territories").Optional().
			Comment("Région or département codes an editor may write in."),
		field.String("hash").NotEmpty().Sensitive().Immutable().
			Comment("SHA-256 of the token, hexadecimal."),
		field.Time("created_at").Immutable(),
		field.Time("expires_at").Optional().Nillable().
			Comment("After this instant the token is refused."),
		field.Time("revoked_at").Optional().Nillable().
			Comment("When the token was revoked; it is refused from then on."),
	}
}

// Indexes of Token.
func (Token) Indexes() []ent.Index {
	return []ent.Index{index.Fields("hash").Unique(), index.Fields("name")}
}

// Annotations of Token.
func (Token) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
