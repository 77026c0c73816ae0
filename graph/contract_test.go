package graph

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
)

// contractFile is the committed snapshot of the public schema: what
// partners' queries are written against.
const contractFile = "../docs/schema.graphql"

var updateContract = flag.Bool("update-contract", false, "rewrite docs/schema.graphql from the schema (after a deliberate change, with a line in docs/api-changelog.md)")

// TestPublicContract fails when the schema differs from its committed
// snapshot. A breaking change — a type, field, argument or enum value
// removed or renamed, a type changed, a required argument added — is
// refused unless what goes was deprecated in the snapshot first; any
// other change asks for the snapshot to be updated on purpose:
//
//	go test ./graph -run TestPublicContract -update-contract
func TestPublicContract(t *testing.T) {
	current := NewSchema(nil, nil).Schema()
	var buf bytes.Buffer
	formatter.NewFormatter(&buf, formatter.WithComments()).FormatSchema(current)
	if *updateContract {
		if err := os.WriteFile(contractFile, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	raw, err := os.ReadFile(contractFile)
	if err != nil {
		t.Fatalf("%v: write it with -update-contract", err)
	}
	committed, gqlErr := gqlparser.LoadSchema(&ast.Source{Name: contractFile, Input: string(raw)})
	if gqlErr != nil {
		t.Fatalf("%s: %v", contractFile, gqlErr)
	}
	for _, b := range breakingChanges(committed, current) {
		t.Errorf("breaking change to the public schema: %s (deprecate first, keep the old name working, then update the snapshot)", b)
	}
	if !t.Failed() && !bytes.Equal(raw, buf.Bytes()) {
		t.Errorf("the schema changed without breaking anything: run `go test ./graph -run TestPublicContract -update-contract`, commit %s and say what changed in docs/api-changelog.md", contractFile)
	}
}

// breakingChanges lists what a client of old may find broken in new.
func breakingChanges(old, new *ast.Schema) []string {
	var out []string
	for name, o := range old.Types {
		if strings.HasPrefix(name, "__") {
			continue
		}
		n := new.Types[name]
		switch {
		case n == nil:
			out = append(out, fmt.Sprintf("type %s removed", name))
			continue
		case n.Kind != o.Kind:
			out = append(out, fmt.Sprintf("type %s is now %s, was %s", name, n.Kind, o.Kind))
			continue
		}
		for _, of := range o.Fields {
			nf := n.Fields.ForName(of.Name)
			if nf == nil {
				if of.Directives.ForName("deprecated") == nil {
					out = append(out, fmt.Sprintf("%s.%s removed without being deprecated first", name, of.Name))
				}
				continue
			}
			if !compatible(o.Kind, of.Type, nf.Type) {
				out = append(out, fmt.Sprintf("%s.%s is %s, was %s", name, of.Name, nf.Type, of.Type))
			}
			for _, oa := range of.Arguments {
				na := nf.Arguments.ForName(oa.Name)
				switch {
				case na == nil:
					out = append(out, fmt.Sprintf("%s.%s(%s) removed", name, of.Name, oa.Name))
				case na.Type.String() != oa.Type.String():
					out = append(out, fmt.Sprintf("%s.%s(%s) is %s, was %s", name, of.Name, oa.Name, na.Type, oa.Type))
				}
			}
			for _, na := range nf.Arguments {
				if of.Arguments.ForName(na.Name) == nil && na.Type.NonNull && na.DefaultValue == nil {
					out = append(out, fmt.Sprintf("%s.%s(%s) is a new required argument", name, of.Name, na.Name))
				}
			}
		}
		for _, ov := range o.EnumValues {
			if n.EnumValues.ForName(ov.Name) == nil && ov.Directives.ForName("deprecated") == nil {
				out = append(out, fmt.Sprintf("enum value %s.%s removed without being deprecated first", name, ov.Name))
			}
		}
		if o.Kind == ast.InputObject {
			for _, nf := range n.Fields {
				if o.Fields.ForName(nf.Name) == nil && nf.Type.NonNull && nf.DefaultValue == nil {
					out = append(out, fmt.Sprintf("%s.%s is a new required input field", name, nf.Name))
				}
			}
		}
		for _, iface := range o.Interfaces {
			if !slices.Contains(n.Interfaces, iface) {
				out = append(out, fmt.Sprintf("%s no longer implements %s", name, iface))
			}
		}
	}
	slices.Sort(out)
	return out
}

// compatible reports whether a field typed old may now be typed new
// without breaking a client: an output may become non-null, an input
// may become nullable; otherwise the type stays as it was.
func compatible(kind ast.DefinitionKind, old, new *ast.Type) bool {
	if old.String() == new.String() {
		return true
	}
	if (old.Elem == nil) != (new.Elem == nil) || old.NamedType != new.NamedType {
		return false
	}
	if kind == ast.InputObject {
		if new.NonNull && !old.NonNull {
			return false
		}
	} else if old.NonNull && !new.NonNull {
		return false
	}
	if old.Elem != nil {
		return compatible(kind, old.Elem, new.Elem)
	}
	return true
}

func TestBreakingChanges(t *testing.T) {
	load := func(s string) *ast.Schema {
		t.Helper()
		schema, err := gqlparser.LoadSchema(&ast.Source{Input: s})
		if err != nil {
			t.Fatal(err)
		}
		return schema
	}
	base := `type Query { a: String b: Int @deprecated(reason: "use a") c(x: Int): [String!] }
enum E { ONE TWO THREE @deprecated }`
	tests := []struct {
		name, new string
		breaking  int
	}{
		{"same", base, 0},
		{"a field added", `type Query { a: String b: Int c(x: Int): [String!] d: ID } enum E { ONE TWO THREE }`, 0},
		{"a deprecated field removed", `type Query { a: String c(x: Int): [String!] } enum E { ONE TWO }`, 0},
		{"a field removed", `type Query { b: Int c(x: Int): [String!] } enum E { ONE TWO THREE }`, 1},
		{"a type changed", `type Query { a: Int b: Int c(x: Int): [String!] } enum E { ONE TWO THREE }`, 1},
		{"made non-null: fine for an output", `type Query { a: String! b: Int c(x: Int): [String!]! } enum E { ONE TWO THREE }`, 0},
		{"made nullable: breaks an output", `type Query { a: String b: Int c(x: Int): [String] } enum E { ONE TWO THREE }`, 1},
		{"an argument removed", `type Query { a: String b: Int c: [String!] } enum E { ONE TWO THREE }`, 1},
		{"a required argument added", `type Query { a(y: Int!): String b: Int c(x: Int): [String!] } enum E { ONE TWO THREE }`, 1},
		{"an enum value removed", `type Query { a: String b: Int c(x: Int): [String!] } enum E { ONE THREE }`, 1},
	}
	for _, tt := range tests {
		if got := breakingChanges(load(base), load(tt.new)); len(got) != tt.breaking {
			t.Errorf("%s: %d breaking changes %v, want %d", tt.name, len(got), got, tt.breaking)
		}
	}
}
