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

// Source is where records come from: a register import, a legal text, a
// convention or press document, or an edit.
type Source struct{ ent.Schema }

// Mixin of Source.
func (Source) Mixin() []ent.Mixin {
	return []ent.Mixin{Rights{Class: rights.Source}}
}

// Fields of Source.
func (Source) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").
			Values("REGISTER", "DATASET", "LEGAL_TEXT", "CONVENTION", "PRESS", "REPORT", "EDIT", "SYNTHETIC").
			Comment("Kind of source: REGISTER (an import of an official register file), DATASET (another public dataset), LEGAL_TEXT (decree, arrêté), CONVENTION (the agreement itself), PRESS (press release or article), REPORT (official or academic report), EDIT (a change made in Maillage), SYNTHETIC (made up by `maillage gen synthetic` for tests and benchmarks: nothing it says exists).").
			Annotations(entgql.OrderField("KIND")),
		field.String("key").
			NotEmpty().
			Comment("Stable identifier of the source, e.g. the imported file's name and extract date; loading the same source twice finds it again.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput)),
		field.String("title").
			NotEmpty().
			Comment("Human-readable title.").
			Annotations(entgql.OrderField("TITLE")),
		field.String("reference").Optional().
			Comment("Official reference: NOR of a legal text, convention number, file name."),
		field.String("url").Optional().
			Comment("Where the source can be read."),
		field.String("publisher").Optional().
			Comment("Who published the source."),
		field.Time("published_on").Optional().Nillable().
			Comment("Publication date, or the extract date of a register file.").
			Annotations(entgql.Type("Date"), entgql.OrderField("PUBLISHED_ON")),
		field.String("author").Optional().
			Comment("Who made the edit or ran the import.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput)),
		field.Time("recorded_at").
			Comment("When Maillage recorded the source.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput), entgql.OrderField("RECORDED_AT")),
		field.Text("note").Optional().
			Comment("What the source says that the records do not: caveats, derivations."),
		field.Text("report").Optional().
			Comment("For a file import: what the import did (added, updated, closed, unchanged, warnings).").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput)),
	}
}

// Edges of Source: the register records it describes (their sources
// edge, many to many).
func (Source) Edges() []ent.Edge {
	skip := entgql.Skip(entgql.SkipAll)
	return []ent.Edge{
		edge.From("legal_entities", LegalEntity.Type).Ref("sources").Annotations(skip),
		edge.From("establishments", Establishment.Type).Ref("sources").Annotations(skip),
		edge.From("groupings", Grouping.Type).Ref("sources").Annotations(skip),
		edge.From("memberships", Membership.Type).Ref("sources").Annotations(skip),
	}
}

// Indexes of Source.
func (Source) Indexes() []ent.Index {
	return []ent.Index{index.Fields("key").Unique()}
}

// Annotations of Source.
func (Source) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate()),
	}
}
