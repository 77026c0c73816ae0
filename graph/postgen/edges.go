package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
)

// entEdges is the file where entgql writes the records' edge methods.
const entEdges = "ent/gql_edge.go"

// loadedEdges rewrites the fields whose resolver is an ent edge method
// that starts from the loaded edge (…OrErr): when the record is loaded,
// it is answered as an object plain field is (field context, charged to
// the budget, marshalled); otherwise gqlgen's path runs the method.
func loadedEdges(src []byte) ([]byte, error) {
	methods, err := edgeMethods(entEdges)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, 0)
	if err != nil {
		return nil, err
	}
	var edits []edit
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || !strings.HasPrefix(fn.Name.Name, "_") {
			continue
		}
		fieldContext, record, method, marshal, ok := edgeField(fn)
		if !ok {
			continue
		}
		orErr, ok := methods[record+"."+method]
		if !ok {
			continue
		}
		body := string(src[fset.Position(fn.Body.Pos()).Offset+1 : fset.Position(fn.Body.End()).Offset-1])
		text := fmt.Sprintf("{\n\tif v, err := obj.Edges.%s(); err == nil && v != nil {\n\t\tfc, err := ec.%s(ctx, field)\n\t\tif err != nil {\n\t\t\treturn graphql.Null\n\t\t}\n\t\tctx = graphql.WithFieldContext(ctx, fc)\n\t\tif !spend.Charge(ctx, v) {\n\t\t\treturn graphql.Null\n\t\t}\n\t\tfc.Result = v\n\t\treturn ec.%s(ctx, field.Selections, v)\n\t}\n%s\n}",
			orErr, fieldContext, marshal, body)
		edits = append(edits, edit{
			start: fset.Position(fn.Body.Pos()).Offset,
			end:   fset.Position(fn.Body.End()).Offset,
			text:  text,
		})
	}
	if len(edits) == 0 {
		return nil, fmt.Errorf("no edge field to rewrite: has gqlgen's or entgql's output changed?")
	}
	return applyEdits(src, edits), nil
}

// edgeMethods reads the edge methods of ent's records that start from
// the loaded edge,
//
//	func (_m *T) M(ctx context.Context) (*R, error) {
//		result, err := _m.Edges.MOrErr()
//		…
//
// by "T.M", with the name of the …OrErr accessor.
func edgeMethods(path string) (map[string]string, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := parser.ParseFile(token.NewFileSet(), path, src, 0)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || len(fn.Recv.List) != 1 || fn.Type.Params.NumFields() != 1 || len(fn.Body.List) == 0 {
			continue
		}
		star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
		if !ok || fn.Type.Results.NumFields() != 2 {
			continue
		}
		if _, one := fn.Type.Results.List[0].Type.(*ast.StarExpr); !one { // an edge to one record
			continue
		}
		record, ok := star.X.(*ast.Ident)
		if !ok {
			continue
		}
		assign, ok := fn.Body.List[0].(*ast.AssignStmt)
		if !ok || len(assign.Rhs) != 1 {
			continue
		}
		call, ok := assign.Rhs[0].(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			continue
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != fn.Name.Name+"OrErr" {
			continue
		}
		if edges, ok := sel.X.(*ast.SelectorExpr); !ok || edges.Sel.Name != "Edges" {
			continue
		}
		out[record.Name+"."+fn.Name.Name] = sel.Sel.Name
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no edge method starts from its loaded edge: has entgql's output changed?", path)
	}
	return out, nil
}

// edgeField recognises
//
//	func (ec *executionContext) _T_f(ctx context.Context, field graphql.CollectedField, obj *ent.T) (ret graphql.Marshaler) {
//		return graphql.ResolveField(ctx, ec.OperationContext, field, init,
//			func(ctx context.Context) (any, error) { return obj.M(ctx) },
//			nil,
//			func(ctx context.Context, selections ast.SelectionSet, v V) graphql.Marshaler {
//				return ec.Marshal(ctx, selections, v)
//			}, true, nonNull)
//	}
//
// and returns the field context function init calls, T, M and Marshal.
func edgeField(fn *ast.FuncDecl) (fieldContext, record, method, marshal string, ok bool) {
	params := fn.Type.Params.List
	if len(params) != 3 || len(fn.Body.List) != 1 {
		return "", "", "", "", false
	}
	star, ok := params[2].Type.(*ast.StarExpr)
	if !ok {
		return "", "", "", "", false
	}
	typ, ok := star.X.(*ast.SelectorExpr)
	if !ok || !isSelector(typ, "ent", typ.Sel.Name) {
		return "", "", "", "", false
	}
	ret, ok := fn.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return "", "", "", "", false
	}
	call, ok := ret.Results[0].(*ast.CallExpr)
	if !ok || !isSelector(call.Fun, "graphql", "ResolveField") || len(call.Args) != 9 {
		return "", "", "", "", false
	}
	if id, ok := call.Args[5].(*ast.Ident); !ok || id.Name != "nil" { // directives
		return "", "", "", "", false
	}
	resolver, ok := call.Args[4].(*ast.FuncLit)
	if !ok {
		return "", "", "", "", false
	}
	res, ok := onlyReturn(resolver)
	if !ok || len(res) != 1 {
		return "", "", "", "", false
	}
	mcall, ok := res[0].(*ast.CallExpr)
	if !ok || len(mcall.Args) != 1 {
		return "", "", "", "", false
	}
	if arg, ok := mcall.Args[0].(*ast.Ident); !ok || arg.Name != "ctx" {
		return "", "", "", "", false
	}
	msel, ok := mcall.Fun.(*ast.SelectorExpr)
	if !ok {
		return "", "", "", "", false
	}
	if obj, ok := msel.X.(*ast.Ident); !ok || obj.Name != "obj" {
		return "", "", "", "", false
	}
	marshaller, ok := call.Args[6].(*ast.FuncLit)
	if !ok {
		return "", "", "", "", false
	}
	res, ok = onlyReturn(marshaller)
	if !ok || len(res) != 1 {
		return "", "", "", "", false
	}
	marshalCall, ok := res[0].(*ast.CallExpr)
	if !ok || len(marshalCall.Args) != 3 {
		return "", "", "", "", false
	}
	marshalSel, ok := marshalCall.Fun.(*ast.SelectorExpr)
	if !ok {
		return "", "", "", "", false
	}
	if ec, ok := marshalSel.X.(*ast.Ident); !ok || ec.Name != "ec" {
		return "", "", "", "", false
	}
	init, ok := call.Args[3].(*ast.FuncLit)
	if !ok {
		return "", "", "", "", false
	}
	res, ok = onlyReturn(init)
	if !ok || len(res) != 1 {
		return "", "", "", "", false
	}
	icall, ok := res[0].(*ast.CallExpr)
	if !ok {
		return "", "", "", "", false
	}
	isel, ok := icall.Fun.(*ast.SelectorExpr)
	if !ok || !strings.HasPrefix(isel.Sel.Name, "fieldContext_") {
		return "", "", "", "", false
	}
	return isel.Sel.Name, typ.Sel.Name, msel.Sel.Name, marshalSel.Sel.Name, true
}
