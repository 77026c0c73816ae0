// Command postgen finishes gqlgen's executor: `go generate` runs it
// after gqlgen (see generate.go). gqlgen's template has no options for
// what it rewrites in graph/generated/generated.go, each toward a
// function written by hand beside it:
//
//   - lists of objects: graphql.MarshalSliceConcurrently, which starts a
//     goroutine per element, becomes marshalList (lists.go), which
//     marshals cheap elements on the request's goroutine;
//   - objects: their deferred group (graphql.NewDeferredGroup computes the
//     object's path and allocates a field set and a map, for @defer,
//     which the API refuses) becomes deferredGroup, and the field set
//     they return is written by objectWriter (objects.go), which writes
//     its fields without the map and the iterator gqlgen allocates per
//     object;
//   - plain fields: a field that reads a loaded record's struct field,
//     with no arguments, directives or resolver, is answered directly and
//     charged to the request's budget (graph/spend), instead of through
//     the field middlewares, a deferred recover and four closures; a
//     scalar or enum whose marshaller cannot fail without even a field
//     context, an object (or a marshaller that may report an error) with
//     its field context, so that errors below it name their path;
//   - objects' fields: graphql.CollectFields, which builds its cache key
//     for every object, becomes the execution context's collected.collect
//     (fields.go), which remembers the operation's few selection sets;
//   - edges to one record: a field entgql answers by obj.N(ctx), which
//     reads the edge when it was loaded with the record (eager loading,
//     joins) and queries it otherwise, is answered like a plain object
//     field when the edge is loaded, and through gqlgen's path (field
//     middlewares included) when it is not;
//   - the operation's data: written into a bytes.Buffer that grew from
//     nothing by doubling (about twice the answer allocated per request),
//     it is written by marshalData (answers.go), through a pooled buffer.
//
// It fails when a rewrite finds nothing to rewrite, so that a gqlgen
// whose output changed is noticed rather than silently left slow.
package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

const file = "graph/generated/generated.go"

func main() {
	src, err := os.ReadFile(file)
	if err != nil {
		fail(err)
	}
	for _, rewrite := range []func([]byte) ([]byte, error){lists, objects, collected, leaves, answers} {
		if src, err = rewrite(src); err != nil {
			fail(fmt.Errorf("%s: %w", file, err))
		}
	}
	src, err = format.Source(src)
	if err != nil {
		fail(fmt.Errorf("%s: %w", file, err))
	}
	if err := os.WriteFile(file, src, 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "postgen:", err)
	os.Exit(1)
}

// replaceAll replaces every from by to, failing when there is none.
func replaceAll(src []byte, from, to string) ([]byte, error) {
	if !bytes.Contains(src, []byte(from)) {
		return nil, fmt.Errorf("no %q left to rewrite: has gqlgen's output changed?", from)
	}
	return bytes.ReplaceAll(src, []byte(from), []byte(to)), nil
}

func lists(src []byte) ([]byte, error) {
	return replaceAll(src, "graphql.MarshalSliceConcurrently(", "marshalList(")
}

func objects(src []byte) ([]byte, error) {
	src, err := replaceAll(src, "deferred := graphql.NewDeferredGroup(ctx)", "deferred := deferredGroup(ctx)")
	if err != nil {
		return nil, err
	}
	// Every object function ends by returning its field set, after the
	// deferred group; nothing else in the file has that ending.
	return replaceAll(src, "\t\tec.ProcessDeferredGroup(deferred)\n\t}\n\n\treturn out\n}", "\t\tec.ProcessDeferredGroup(deferred)\n\t}\n\n\treturn objectWriter{fields, out}\n}")
}

func collected(src []byte) ([]byte, error) {
	src, err := replaceAll(src, "type executionContext struct {\n\t*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]\n}",
		"type executionContext struct {\n\t*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]\n\tcollected *collectedFields\n}")
	if err != nil {
		return nil, err
	}
	// Exec's context only: Complexity makes one per field priced.
	if src, err = replaceAll(src, "\tec := newExecutionContext(opCtx, e, make(chan graphql.DeferredResult))\n",
		"\tec := newExecutionContext(opCtx, e, make(chan graphql.DeferredResult))\n\tec.collected = new(collectedFields)\n"); err != nil {
		return nil, err
	}
	return replaceAll(src, "graphql.CollectFields(ec.OperationContext, sel, ", "ec.collected.collect(ec.OperationContext, sel, ")
}

func answers(src []byte) ([]byte, error) {
	src, err := replaceAll(src, "\t\t\tvar buf bytes.Buffer\n\t\t\tdata.MarshalGQL(&buf)\n\t\t\tresponse.Data = buf.Bytes()\n",
		"\t\t\tresponse.Data = marshalData(data)\n")
	if err != nil {
		return nil, err
	}
	src, err = replaceAll(src, "\t\t\tvar buf bytes.Buffer\n\t\t\tdata.MarshalGQL(&buf)\n\n\t\t\treturn &graphql.Response{\n\t\t\t\tData: buf.Bytes(),\n",
		"\t\t\treturn &graphql.Response{\n\t\t\t\tData: marshalData(data),\n")
	if err != nil {
		return nil, err
	}
	if bytes.Contains(src, []byte("bytes.")) {
		return src, nil
	}
	return replaceAll(src, "\t\"bytes\"\n", "") // no longer used
}

// failing are the calls by which a marshaller reports an error, which
// needs the field's own context: a leaf whose marshaller makes one keeps
// gqlgen's path.
var failing = []string{"AddInvalidNull", "AddError", "GetFieldContext", "HasFieldError", "ec.Error("}

// neverNull are the marshallers whose error branch is dead: gqlgen's
// MarshalString, MarshalInt, MarshalBoolean and scalar.MarshalCursor
// never answer null.
var neverNull = map[string]bool{
	"marshalNString2string": true,
	"marshalNInt2int":       true,
	"marshalNBoolean2bool":  true,
	"marshalNCursor2entgoᚗioᚋcontribᚋentgqlᚐCursor": true,
}

func leaves(src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, 0)
	if err != nil {
		return nil, err
	}
	safe := map[string]bool{}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || !strings.HasPrefix(fn.Name.Name, "marshal") {
			continue
		}
		body := string(src[fset.Position(fn.Body.Pos()).Offset:fset.Position(fn.Body.End()).Offset])
		ok = neverNull[fn.Name.Name]
		if !ok {
			// A leaf's marshaller calls graphql's, never the executor's
			// (an object's, a list's).
			ok = !strings.Contains(body, "ec.") && !strings.Contains(body, "marshalList(")
			for _, call := range failing {
				if strings.Contains(body, call) {
					ok = false
				}
			}
		}
		safe[fn.Name.Name] = ok
	}
	type edit struct {
		start, end int
		text       string
	}
	var edits []edit
	loaded, err := loadedEdges()
	if err != nil {
		return nil, err
	}
	edges := 0
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || !strings.HasPrefix(fn.Name.Name, "_") {
			continue
		}
		f, ok := resolveFieldCall(fn)
		if !ok {
			continue
		}
		var text string
		if recordField, ok := plainField(f); ok {
			text = fmt.Sprintf("{\n\tv := obj.%s\n\tif !spend.Charge(ctx, v) {\n\t\treturn graphql.Null\n\t}\n\treturn ec.%s(ctx, field.Selections, v)\n}",
				recordField, f.marshal)
			if !safe[f.marshal] {
				// Its marshaller may report an error (a null where the schema
				// forbids one), or it is an object whose fields' errors and
				// paths name it: it gets its field context, as gqlgen gives.
				text = fmt.Sprintf("{\nv := obj.%s\n%s}", recordField, answerInContext(f))
			}
		} else if edge, record, ok := edgeField(fn, f); ok && loaded[record+"Edges."+edge] {
			// An edge loaded with its record is answered as a plain object
			// field; one not loaded keeps gqlgen's path (a query, which
			// may fail, through the field middlewares).
			resolve := fset.Position(fn.Body.List[0].Pos()).Offset
			text = fmt.Sprintf("{\nif v, err := obj.Edges.%sOrErr(); err == nil {\n%s}\n%s\n}",
				edge, answerInContext(f), src[resolve:fset.Position(fn.Body.List[0].End()).Offset])
			edges++
		} else {
			continue
		}
		edits = append(edits, edit{
			start: fset.Position(fn.Body.Pos()).Offset,
			end:   fset.Position(fn.Body.End()).Offset,
			text:  text,
		})
	}
	if edges == 0 {
		return nil, fmt.Errorf("no loaded edge to rewrite: has gqlgen's or ent's output changed?")
	}
	if len(edits) == 0 {
		return nil, fmt.Errorf("no plain leaf to rewrite: has gqlgen's output changed?")
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	for _, e := range edits {
		src = append(src[:e.start:e.start], append([]byte(e.text), src[e.end:]...)...)
	}
	return addImport(src, `"github.com/maillage/maillage/graph/spend"`)
}

// answerInContext is the statements that answer v, a field's value, in
// the field's own context (format.Source indents them).
func answerInContext(f resolvedField) string {
	return fmt.Sprintf("fc, err := ec.%s(ctx, field)\nif err != nil {\nreturn graphql.Null\n}\nctx = graphql.WithFieldContext(ctx, fc)\nif !spend.Charge(ctx, v) {\nreturn graphql.Null\n}\nfc.Result = v\nreturn ec.%s(ctx, field.Selections, v)\n",
		f.fieldContext, f.marshal)
}

// edgeGetter is how ent names the accessor of an edge to one record
// loaded with it: func (e TEdges) NOrErr() (*U, error).
var edgeGetter = regexp.MustCompile(`(?m)^func \(e (\w+)Edges\) (\w+)OrErr\(\) \(\*\w+, error\)`)

// loadedEdges lists ent's edges to one record, as "TEdges.N".
func loadedEdges() (map[string]bool, error) {
	files, err := filepath.Glob("ent/*.go")
	if err != nil {
		return nil, err
	}
	edges := map[string]bool{}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		for _, m := range edgeGetter.FindAllSubmatch(src, -1) {
			edges[string(m[1])+"Edges."+string(m[2])] = true
		}
	}
	return edges, nil
}

// resolvedField is what a field function generated as
//
//	return graphql.ResolveField(ctx, ec.OperationContext, field, init,
//		func(ctx context.Context) (any, error) { return R... },
//		nil,
//		func(ctx context.Context, selections ast.SelectionSet, v T) graphql.Marshaler {
//			return ec.M(ctx, selections, v)
//		}, true, nonNull)
//
// says: the field context function init calls, the resolver's results
// R and the marshaller M.
type resolvedField struct {
	fieldContext string
	results      []ast.Expr
	marshal      string
}

// resolveFieldCall recognises a field function of that shape.
func resolveFieldCall(fn *ast.FuncDecl) (resolvedField, bool) {
	if len(fn.Body.List) != 1 {
		return resolvedField{}, false
	}
	ret, ok := fn.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return resolvedField{}, false
	}
	call, ok := ret.Results[0].(*ast.CallExpr)
	if !ok || !isSelector(call.Fun, "graphql", "ResolveField") || len(call.Args) != 9 {
		return resolvedField{}, false
	}
	if id, ok := call.Args[5].(*ast.Ident); !ok || id.Name != "nil" { // directives
		return resolvedField{}, false
	}
	resolver, ok := call.Args[4].(*ast.FuncLit)
	if !ok {
		return resolvedField{}, false
	}
	results, ok := onlyReturn(resolver)
	if !ok {
		return resolvedField{}, false
	}
	marshaller, ok := call.Args[6].(*ast.FuncLit)
	if !ok {
		return resolvedField{}, false
	}
	res, ok := onlyReturn(marshaller)
	if !ok || len(res) != 1 {
		return resolvedField{}, false
	}
	mcall, ok := res[0].(*ast.CallExpr)
	if !ok || len(mcall.Args) != 3 {
		return resolvedField{}, false
	}
	msel, ok := mcall.Fun.(*ast.SelectorExpr)
	if !ok {
		return resolvedField{}, false
	}
	if ec, ok := msel.X.(*ast.Ident); !ok || ec.Name != "ec" {
		return resolvedField{}, false
	}
	init, ok := call.Args[3].(*ast.FuncLit)
	if !ok {
		return resolvedField{}, false
	}
	res, ok = onlyReturn(init)
	if !ok || len(res) != 1 {
		return resolvedField{}, false
	}
	icall, ok := res[0].(*ast.CallExpr)
	if !ok {
		return resolvedField{}, false
	}
	isel, ok := icall.Fun.(*ast.SelectorExpr)
	if !ok || !strings.HasPrefix(isel.Sel.Name, "fieldContext_") {
		return resolvedField{}, false
	}
	return resolvedField{fieldContext: isel.Sel.Name, results: results, marshal: msel.Sel.Name}, true
}

// plainField recognises a field whose resolver returns obj.F, nil, and
// returns F.
func plainField(f resolvedField) (recordField string, ok bool) {
	if len(f.results) != 2 {
		return "", false
	}
	if id, ok := f.results[1].(*ast.Ident); !ok || id.Name != "nil" {
		return "", false
	}
	return objSelector(f.results[0])
}

// objSelector recognises obj.X and returns X.
func objSelector(e ast.Expr) (string, bool) {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	if obj, ok := sel.X.(*ast.Ident); !ok || obj.Name != "obj" {
		return "", false
	}
	return sel.Sel.Name, true
}

// edgeField recognises a field whose resolver returns obj.N(ctx), an
// edge entgql reads from the record's loaded edges (or else queries),
// and returns N and the record's type T (obj is a *ent.T).
func edgeField(fn *ast.FuncDecl, f resolvedField) (edge, record string, ok bool) {
	if len(f.results) != 1 {
		return "", "", false
	}
	call, ok := f.results[0].(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return "", "", false
	}
	if arg, ok := call.Args[0].(*ast.Ident); !ok || arg.Name != "ctx" {
		return "", "", false
	}
	edge, ok = objSelector(call.Fun)
	if !ok {
		return "", "", false
	}
	params := fn.Type.Params.List
	if len(params) != 3 || len(params[2].Names) != 1 || params[2].Names[0].Name != "obj" {
		return "", "", false
	}
	star, ok := params[2].Type.(*ast.StarExpr)
	if !ok {
		return "", "", false
	}
	typ, ok := star.X.(*ast.SelectorExpr)
	if !ok {
		return "", "", false
	}
	if pkg, ok := typ.X.(*ast.Ident); !ok || pkg.Name != "ent" {
		return "", "", false
	}
	return edge, typ.Sel.Name, true
}

func onlyReturn(fn *ast.FuncLit) ([]ast.Expr, bool) {
	if len(fn.Body.List) != 1 {
		return nil, false
	}
	ret, ok := fn.Body.List[0].(*ast.ReturnStmt)
	if !ok {
		return nil, false
	}
	return ret.Results, true
}

func isSelector(e ast.Expr, pkg, name string) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == pkg
}

// addImport adds path to the file's import block.
func addImport(src []byte, path string) ([]byte, error) {
	return replaceAll(src, "import (\n", "import (\n\t"+path+"\n")
}
