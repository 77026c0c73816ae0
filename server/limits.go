package server

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/maillage/maillage/graph"
	"github.com/maillage/maillage/graph/scalar"
	"github.com/maillage/maillage/internal/apperr"
)

func init() {
	// Refused documents answer 422, as gqlgen's parse and validation
	// errors do.
	errcode.RegisterErrorType(apperr.CodeLimitExceeded, errcode.KindProtocol)
	errcode.RegisterErrorType(apperr.CodeComplexityExceeded, errcode.KindProtocol)
}

// queryLimits checks a parsed and validated operation before it runs:
// mutations only over POST; selection depth, aliases and fields counted
// with fragments expanded (each fragment priced once, so that a document
// of fragments doubling each other is refused in linear time); then its
// cost (fields × page sizes, graph queries by their limit); then page
// sizes and input values (NUL bytes, invalid UTF-8, NaN, latitudes and
// longitudes out of range, input objects nested too deep). It records
// the operation's name and cost for metrics.
type queryLimits struct {
	limits        Limits
	introspection bool
	es            graphql.ExecutableSchema
}

var _ interface {
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = &queryLimits{}

func (*queryLimits) ExtensionName() string { return "QueryLimits" }

func (q *queryLimits) Validate(es graphql.ExecutableSchema) error {
	q.es = es
	return nil
}

func limitError(code, field, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": code}
	if field != "" {
		err.Extensions["field"] = field
	}
	return err
}

func (q *queryLimits) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	st := stateOf(ctx)
	op := opCtx.Operation
	name := op.Name
	st.setOperation(name, 0)
	if op.Operation == ast.Query && !namesCaller(op.SelectionSet, map[string]bool{}) {
		st.markQuery() // a query's answer may be cached unless it says who asked
	}
	if op.Operation != ast.Query && st.method != http.MethodPost {
		st.setStatus(http.StatusMethodNotAllowed)
		return limitError(apperr.CodeMethodNotAllowed, "", "%ss are only accepted over POST", op.Operation)
	}
	w := &walker{q: q, vars: opCtx.Variables, doc: opCtx.Doc, memo: map[string]*selStats{}}
	s := w.selections(op.SelectionSet)
	if w.err != nil {
		return w.err
	}
	l := q.limits
	switch {
	case l.MaxDepth > 0 && s.depth > l.MaxDepth:
		return limitError(apperr.CodeLimitExceeded, "", "the query is nested %d levels deep, more than the limit of %d", s.depth, l.MaxDepth)
	case l.MaxFields > 0 && s.fields > l.MaxFields:
		return limitError(apperr.CodeLimitExceeded, "", "the query asks for %s fields once fragments are expanded, more than the limit of %d", atLeast(s.fields), l.MaxFields)
	case l.MaxAliases > 0 && s.aliases > l.MaxAliases:
		return limitError(apperr.CodeLimitExceeded, "", "the query uses %s aliases, more than the limit of %d", atLeast(s.aliases), l.MaxAliases)
	}
	if err := aliasedEdge(opCtx, q.es.Schema(), op.SelectionSet, q.es.Schema().Types[rootType(op)]); err != nil {
		return err
	}
	cost := graph.Cost(ctx, q.es, op, opCtx.Variables)
	st.setOperation(name, cost)
	if l.MaxComplexity > 0 && cost > l.MaxComplexity {
		return limitError(apperr.CodeComplexityExceeded, "", "operation has complexity %d, which exceeds the limit of %d", cost, l.MaxComplexity)
	}
	return w.inputErr // page sizes and values, once the cost is known to be fine
}

// saturated stands for "too many to count".
const saturated = math.MaxInt32

func atLeast(n int) string {
	if n >= saturated {
		return "more than 2 billion"
	}
	return fmt.Sprint(n)
}

func add(a, b int) int { return min(a+b, saturated) }

type selStats struct {
	fields, aliases, depth int
	done                   bool
}

type walker struct {
	q        *queryLimits
	vars     map[string]any
	doc      *ast.QueryDocument
	memo     map[string]*selStats // by fragment name
	err      *gqlerror.Error      // refuses the document
	inputErr *gqlerror.Error      // refuses its values
}

func (w *walker) selections(set ast.SelectionSet) selStats {
	var s selStats
	for _, sel := range set {
		if w.err != nil {
			return s
		}
		var child selStats
		switch sel := sel.(type) {
		case *ast.Field:
			if !w.q.introspection && (sel.Name == "__schema" || sel.Name == "__type") {
				w.err = limitError(apperr.CodeIntrospectionOff, "", "introspection is disabled on this server")
				return s
			}
			s.fields = add(s.fields, 1)
			if sel.Alias != "" && sel.Alias != sel.Name {
				s.aliases = add(s.aliases, 1)
			}
			w.arguments(sel)
			child = w.selections(sel.SelectionSet)
			child.depth++
		case *ast.InlineFragment:
			w.noDefer(sel.Directives)
			child = w.selections(sel.SelectionSet)
		case *ast.FragmentSpread:
			w.noDefer(sel.Directives)
			child = w.fragment(sel.Name)
		}
		s.fields = add(s.fields, child.fields)
		s.aliases = add(s.aliases, child.aliases)
		s.depth = max(s.depth, child.depth)
	}
	return s
}

// noDefer refuses @defer, which gqlgen's schema declares: every
// transport here answers in one response, in which a deferred field
// would be null without a word (and the executor assumes none is,
// graph/generated/objects.go).
func (w *walker) noDefer(directives ast.DirectiveList) {
	if directives.ForName("defer") != nil && w.err == nil {
		w.err = limitError(apperr.CodeValidationFailed, "", "@defer is not supported: this API answers every request in one response; remove @defer")
	}
}

func (w *walker) fragment(name string) selStats {
	if m, ok := w.memo[name]; ok {
		if !m.done { // validation refuses cycles first; never loop anyway
			w.err = limitError(apperr.CodeBadRequest, "", "fragment %s spreads itself", name)
		}
		return *m
	}
	def := w.doc.Fragments.ForName(name)
	if def == nil {
		w.err = limitError(apperr.CodeBadRequest, "", "unknown fragment %s", name)
		return selStats{}
	}
	w.memo[name] = &selStats{}
	s := w.selections(def.SelectionSet)
	s.done = true
	w.memo[name] = &s
	return s
}

// arguments checks one field's argument values, variables resolved.
func (w *walker) arguments(f *ast.Field) {
	if w.inputErr != nil || len(f.Arguments) == 0 || f.Definition == nil {
		return
	}
	args := f.ArgumentMap(w.vars)
	if args["first"] != nil && args["last"] != nil && f.Definition.Arguments.ForName("last") != nil {
		w.inputErr = limitError(apperr.CodeBadInput, "last", "first and last: give one of them, not both")
		return
	}
	for name, v := range args {
		var typ *ast.Type
		if def := f.Definition.Arguments.ForName(name); def != nil {
			typ = def.Type
		}
		if msg := w.value(name, v, typ, 1); msg != "" {
			code := apperr.CodeBadInput
			if strings.Contains(msg, "nested deeper") {
				code = apperr.CodeLimitExceeded
			}
			w.inputErr = limitError(code, name, "%s: %s", name, msg)
			return
		}
	}
}

// value returns what is wrong with an input value of type typ (nil when
// unknown), "" when nothing.
func (w *walker) value(key string, v any, typ *ast.Type, depth int) string {
	if max := w.q.limits.MaxJSONDepth; max > 0 && depth > max {
		return fmt.Sprintf("nested deeper than %d levels", max)
	}
	var elem *ast.Type
	var fields ast.FieldList
	if typ != nil {
		elem = typ.Elem
		if def := w.q.es.Schema().Types[typ.Name()]; def != nil && typ.Elem == nil {
			fields = def.Fields
			if def.Kind == ast.Scalar && (def.Name == "Float" || def.Name == "Int") {
				if s, ok := v.(string); ok { // gqlgen parses numbers given as strings
					f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
					if err != nil {
						return fmt.Sprintf("%q is not a number", s)
					}
					v = f
				}
			}
		}
	}
	if typ != nil && typ.Elem == nil && typ.Name() == "Cursor" && v != nil {
		// Checked before the query runs: entgql's loader of nested
		// connections reads cursors itself and fails on one that does
		// not decode.
		if _, err := scalar.UnmarshalCursor(v); err != nil {
			return "is not a cursor this API gave: use the endCursor or startCursor of a page"
		}
	}
	switch x := v.(type) {
	case string:
		if strings.IndexByte(x, 0) >= 0 {
			return "contains a NUL character"
		}
		if !utf8.ValidString(x) {
			return "is not valid UTF-8"
		}
	case map[string]any:
		for k, e := range x {
			var ft *ast.Type
			if fd := fields.ForName(k); fd != nil {
				ft = fd.Type
			}
			if msg := w.value(k, e, ft, depth+1); msg != "" {
				return k + ": " + msg
			}
		}
	case []any:
		if max := w.q.limits.MaxPage; max > 0 && len(x) > max {
			return fmt.Sprintf("holds %d values, more than the longest list accepted, %d", len(x), max)
		}
		for _, e := range x {
			if msg := w.value(key, e, elem, depth+1); msg != "" {
				return msg
			}
		}
	default:
		f, ok := number(v)
		if !ok {
			return ""
		}
		lower := strings.ToLower(key)
		switch {
		case math.IsNaN(f) || math.IsInf(f, 0):
			return "is not a finite number"
		case (lower == "first" || lower == "last") && f < 0:
			return "must not be negative"
		case (lower == "first" || lower == "last") && w.q.limits.MaxPage > 0 && f > float64(w.q.limits.MaxPage):
			return fmt.Sprintf("%v is more than the largest page, %d", f, w.q.limits.MaxPage)
		case strings.HasPrefix(lower, "latitude") && (f < -90 || f > 90):
			return fmt.Sprintf("latitude %v is not between -90 and 90", f)
		case strings.HasPrefix(lower, "longitude") && (f < -180 || f > 180):
			return fmt.Sprintf("longitude %v is not between -180 and 180", f)
		}
	}
	return ""
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

func rootType(op *ast.OperationDefinition) string {
	switch op.Operation {
	case ast.Mutation:
		return "Mutation"
	case ast.Subscription:
		return "Subscription"
	}
	return "Query"
}

// aliasedEdge refuses a field that leads to records ent loads with
// their parent — a record's link to one other record (a site's
// legalEntity, a record's source…), a page's edges, an edge's node —
// asked under two aliases in one selection: ent's loader keeps one
// selection of columns and links per such field, so the answer under
// the other alias would miss the fields it asked for (an empty title,
// say) rather than say anything true. The walk sees what gqlgen will
// execute: fragments expanded, fields of one alias merged, each
// concrete type of an interface in turn; the document's size is already
// bounded, and so is the walk.
func aliasedEdge(opCtx *graphql.OperationContext, schema *ast.Schema, set ast.SelectionSet, def *ast.Definition) *gqlerror.Error {
	if def == nil || len(set) == 0 {
		return nil
	}
	types := []*ast.Definition{def}
	if def.Kind == ast.Interface || def.Kind == ast.Union {
		types = schema.GetPossibleTypes(def)
	}
	for _, t := range types {
		satisfies := append([]string{t.Name}, t.Interfaces...)
		first := map[string]string{} // field → the alias it was first asked under
		for _, f := range graphql.CollectFields(opCtx, set, satisfies) {
			if f.Definition == nil {
				continue
			}
			target := schema.Types[f.Definition.Type.Name()]
			if pagination(t, f.Name) && f.Alias != f.Name {
				return limitError(apperr.CodeBadInput, f.Alias, "%s.%s cannot be renamed (%s): pages are read by these fields' own names (edges, node, pageInfo, totalCount); ask for %s without an alias", t.Name, f.Name, f.Alias, f.Name)
			}
			if sameRecords(t, f.Name) || isRecordLink(t, f.Definition, target) {
				if alias, ok := first[f.Name]; ok && alias != f.Alias {
					return limitError(apperr.CodeBadInput, f.Alias, "%s.%s is asked under two aliases (%s, %s): ask it once, with every field you need", t.Name, f.Name, alias, f.Alias)
				}
				first[f.Name] = f.Alias
			}
			if err := aliasedEdge(opCtx, schema, f.Selections, target); err != nil {
				return err
			}
		}
	}
	return nil
}

// pagination reports whether field name of type t is one entgql's
// pagination looks up by its response name: under an alias it is taken
// as not asked, and the answer is wrong without a word (no edges, a
// totalCount of 0, a pageInfo saying there is no next page).
func pagination(t *ast.Definition, name string) bool {
	switch {
	case strings.HasSuffix(t.Name, "Connection"):
		return name == "edges" || name == "pageInfo" || name == "totalCount"
	case strings.HasSuffix(t.Name, "Edge"):
		return name == "node"
	}
	return false
}

// sameRecords reports whether every alias of field name of type t
// leads to the same records: a connection's edges, an edge's node.
func sameRecords(t *ast.Definition, name string) bool {
	return (strings.HasSuffix(t.Name, "Connection") && name == "edges") || (strings.HasSuffix(t.Name, "Edge") && name == "node")
}

// isRecordLink reports whether field of record type t leads to one
// other record, loaded with t by ent.
func isRecordLink(t *ast.Definition, field *ast.FieldDefinition, target *ast.Definition) bool {
	return target != nil && target.Kind == ast.Object && field.Type.Elem == nil && len(field.Arguments) == 0 &&
		slices.Contains(t.Interfaces, "Node") && slices.Contains(target.Interfaces, "Node")
}

// namesCaller tells whether a root selection asks for `viewer`, whose
// answer depends on the token (partners' answers are otherwise shared).
func namesCaller(set ast.SelectionSet, seen map[string]bool) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "viewer" {
				return true
			}
		case *ast.InlineFragment:
			if namesCaller(s.SelectionSet, seen) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition != nil && !seen[s.Name] {
				seen[s.Name] = true
				if namesCaller(s.Definition.SelectionSet, seen) {
					return true
				}
			}
		}
	}
	return false
}
