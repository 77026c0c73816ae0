//go:build ignore

// entc generates the ent client and, through entgql, the GraphQL schema
// graph/ent.graphqls from the schemas in ./schema.
package main

import (
	"log"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
	"github.com/vektah/gqlparser/v2/ast"
)

func main() {
	ex, err := entgql.NewExtension(
		entgql.WithConfigPath("gqlgen.yml"),
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("graph/ent.graphqls"),
		entgql.WithWhereInputs(true),
		entgql.WithSchemaHook(addAsOfArguments),
	)
	if err != nil {
		log.Fatalf("creating entgql extension: %v", err)
	}
	err = entc.Generate("./ent/schema", &gen.Config{
		Features: []gen.Feature{gen.FeatureGlobalID, gen.FeatureUpsert, gen.FeatureModifier, gen.FeatureExecQuery, gen.FeaturePrivacy, gen.FeatureEntQL},
	}, entc.Extensions(ex), entc.TemplateDir("./ent/template"))
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
}

// addAsOfArguments gives every list field of dated records (those with
// validFrom and validTo) an `asOf: Date` argument, so any read can be
// asked "as of" a day, and a `first: Int` bound, so that every list is
// bounded and priced by its bound (graph/bounds.go). The edges stay
// eager-loaded by entgql; resolvers filter the loaded records by date,
// cap them and always return a list.
func addAsOfArguments(_ *gen.Graph, s *ast.Schema) error {
	dated := func(name string) bool {
		def := s.Types[name]
		return def != nil && def.Fields.ForName("validFrom") != nil && def.Fields.ForName("validTo") != nil
	}
	for _, def := range s.Types {
		if def.Kind != ast.Object || def.Name == "Query" {
			continue
		}
		for _, f := range def.Fields {
			if f.Name == "establishments" && def.Fields.ForName("sites") != nil {
				// One name for a record's sites: the old one is kept for
				// the partners' queries that use it.
				f.Directives = append(f.Directives, &ast.Directive{
					Name:      "deprecated",
					Arguments: ast.ArgumentList{{Name: "reason", Value: &ast.Value{Kind: ast.StringValue, Raw: "Use sites."}}},
				})
			}
			// A record's sources and an audit event's territories: lists of
			// undated records, bounded by a first argument.
			if (f.Name == "sources" || def.Name == "AuditEvent" && f.Name == "territories") && f.Type.Elem != nil && len(f.Arguments) == 0 {
				f.Type.NonNull = true
				f.Directives = append(f.Directives, &ast.Directive{Name: "goField", Arguments: ast.ArgumentList{
					{Name: "forceResolver", Value: &ast.Value{Kind: ast.BooleanValue, Raw: "true"}}}})
				f.Arguments = append(f.Arguments, firstArgument())
				continue
			}
			if f.Type.Elem == nil || !dated(f.Type.Elem.Name()) || len(f.Arguments) > 0 {
				continue
			}
			f.Type.NonNull = true
			// The asOf argument needs a resolver: gqlgen would otherwise bind
			// the ent getter and silently ignore the argument.
			force := &ast.Argument{Name: "forceResolver", Value: &ast.Value{Kind: ast.BooleanValue, Raw: "true"}}
			if d := f.Directives.ForName("goField"); d != nil { // a field mapped to an edge of another name
				if a := d.Arguments.ForName(force.Name); a != nil {
					a.Value = force.Value
				} else {
					d.Arguments = append(d.Arguments, force)
				}
			} else {
				f.Directives = append(f.Directives, &ast.Directive{Name: "goField", Arguments: ast.ArgumentList{force}})
			}
			f.Arguments = append(f.Arguments, &ast.ArgumentDefinition{
				Name:        "asOf",
				Description: "Only the records that hold on this day. Omitted: every record, past and present.",
				Type:        ast.NamedType("Date", nil),
			}, firstArgument())
		}
	}
	return nil
}

// firstArgument bounds a list field.
func firstArgument() *ast.ArgumentDefinition {
	return &ast.ArgumentDefinition{
		Name: "first",
		Description: "At most this many records, in the order they were made (1 to 1000; omitted: 1000). " +
			"A list cut short is named in the response's `extensions.truncated`. " +
			"A query is priced by this bound, so a small `first` lets lists nest.",
		Type: ast.NamedType("Int", nil),
	}
}
