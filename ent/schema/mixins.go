package schema

import (
	"context"
	"fmt"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"

	"github.com/maillage/maillage/internal/period"
	"github.com/maillage/maillage/internal/textnorm"
)

// Validity dates a record: it holds from ValidFrom (inclusive) until
// ValidTo (exclusive). Half-open periods let a successor start on the day
// its predecessor ends without overlapping it.
type Validity struct{ mixin.Schema }

// Fields of the Validity mixin.
func (Validity) Fields() []ent.Field {
	return []ent.Field{
		field.Time("valid_from").
			Optional().Nillable().
			Comment("First day the record holds (inclusive). Null when the source gives no start date.").
			Annotations(entgql.Type("Date"), entgql.OrderField("VALID_FROM")),
		field.Time("valid_to").
			Optional().Nillable().
			Comment("Day from which the record no longer holds (exclusive). Null while it still holds. Closing a record sets this date; history is never deleted.").
			Annotations(entgql.Type("Date"), entgql.OrderField("VALID_TO")),
		field.Enum("valid_from_precision").
			Values("DAY", "MONTH", "YEAR").
			Optional().Nillable().
			Comment("How precise validFrom is when the source only gives a month or a year (validFrom is then the first day of that month or year). Null means DAY."),
	}
}

// Indexes of the Validity mixin: "as of" reads filter on both bounds.
func (Validity) Indexes() []ent.Index {
	return []ent.Index{index.Fields("valid_from", "valid_to")}
}

// Hooks of the Validity mixin.
func (Validity) Hooks() []ent.Hook {
	return []ent.Hook{checkPeriodOrder}
}

// checkPeriodOrder rejects a period whose end is not after its start,
// looking at the stored value of the bound a mutation leaves unchanged.
func checkPeriodOrder(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		from, okFrom := boundOf(ctx, m, "valid_from")
		to, okTo := boundOf(ctx, m, "valid_to")
		if okFrom && okTo {
			if err := period.CheckOrder(from, to); err != nil {
				return nil, err
			}
		}
		return next.Mutate(ctx, m)
	})
}

// boundOf returns the new value of a date field, or for an update of one
// record the stored value when the mutation does not touch it.
func boundOf(ctx context.Context, m ent.Mutation, name string) (time.Time, bool) {
	if v, ok := m.Field(name); ok {
		t, ok := v.(time.Time)
		return t, ok
	}
	for _, cleared := range m.ClearedFields() {
		if cleared == name {
			return time.Time{}, false
		}
	}
	if !m.Op().Is(ent.OpUpdateOne) {
		return time.Time{}, false
	}
	old, err := m.OldField(ctx, name)
	if err != nil {
		return time.Time{}, false
	}
	switch t := old.(type) {
	case *time.Time:
		if t == nil {
			return time.Time{}, false
		}
		return *t, true
	case time.Time:
		return t, true
	}
	return time.Time{}, false
}

// Provenance links a record to the Source it comes from: a register
// import, a legal text or convention, or an edit.
type Provenance struct{ mixin.Schema }

// Fields of the Provenance mixin.
func (Provenance) Fields() []ent.Field {
	return []ent.Field{
		field.Int("source_id").
			Comment("Identifier of the source of this record.").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput)),
	}
}

// Edges of the Provenance mixin.
func (Provenance) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("source", Source.Type).
			Field("source_id").
			Unique().Required().
			Comment("Where this record comes from: a register import (file and extract date), a legal text or convention (reference, URL), or an edit (who, when)."),
	}
}

// SearchableName gives a record a display name and a normalised key
// (accents, case, punctuation and register abbreviations folded) that
// lookups and search match against.
type SearchableName struct{ mixin.Schema }

// Fields of the SearchableName mixin.
func (SearchableName) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			NotEmpty().
			Comment("Name as the source writes it.").
			Annotations(entgql.OrderField("NAME")),
		field.String("name_key").
			Optional().
			Comment("Normalised name used for matching: lower case, no accents, punctuation as spaces, register abbreviations expanded. Maintained by the server.").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipOrderField)),
	}
}

// Indexes of the SearchableName mixin.
func (SearchableName) Indexes() []ent.Index {
	return []ent.Index{index.Fields("name_key")}
}

// Hooks of the SearchableName mixin.
func (SearchableName) Hooks() []ent.Hook {
	return []ent.Hook{setNameKey}
}

// setNameKey keeps name_key in step with name on every write path.
func setNameKey(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		if v, ok := m.Field("name"); ok {
			name, isString := v.(string)
			if !isString {
				return nil, fmt.Errorf("name: unexpected type %T", v)
			}
			if err := m.SetField("name_key", textnorm.Key(name)); err != nil {
				return nil, err
			}
		}
		return next.Mutate(ctx, m)
	})
}

// Versioned gives an editable record a version for optimistic
// concurrency: 1 when created, one more after every update, whoever
// makes it (an edit or an import). An edit names the version it read;
// a stale one is refused.
type Versioned struct{ mixin.Schema }

// Fields of the Versioned mixin.
func (Versioned) Fields() []ent.Field {
	return []ent.Field{
		field.Int("version").
			Default(1).
			Comment("Version of the record: 1 when created, one more after every change. Updates and closes name the version they read (`expectedVersion`); a stale one is refused with code `CONFLICT`.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField)),
	}
}

// Hooks of the Versioned mixin.
func (Versioned) Hooks() []ent.Hook {
	return []ent.Hook{bumpVersion}
}

// bumpVersion adds one to the version of every record an update
// touches, in the same statement; one more source describing the record
// changes none of its values, and no version.
func bumpVersion(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		if m.Op().Is(ent.OpUpdate|ent.OpUpdateOne) && !onlyNewSources(m) {
			if _, set := m.Field("version"); !set {
				if err := m.AddField("version", 1); err != nil {
					return nil, err
				}
			}
		}
		return next.Mutate(ctx, m)
	})
}

// Described lets a register record name every source that describes it:
// the same legal entity, site, grouping or membership read from FINESS+,
// an etalab extract and the DGOS GHT list is one record with several
// sources, not several records. Provenance's source stays the one the
// record was last updated from.
type Described struct{ mixin.Schema }

// Edges of the Described mixin.
func (Described) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("sources", Source.Type).
			Comment("Every source that describes this record, the one it was last updated from included: the same record read from FINESS+, an etalab extract and the DGOS GHT list names all three.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
	}
}

// onlyNewSources reports whether a mutation only adds sources.
func onlyNewSources(m ent.Mutation) bool {
	added := m.AddedEdges()
	return len(m.Fields()) == 0 && len(m.AddedFields()) == 0 && len(m.ClearedFields()) == 0 &&
		len(m.RemovedEdges()) == 0 && len(m.ClearedEdges()) == 0 && len(added) == 1 && added[0] == "sources"
}
