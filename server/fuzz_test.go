package server_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/maillage/maillage/graph"
	"github.com/maillage/maillage/internal/memstat"
	"github.com/maillage/maillage/server"
)

// The schema fuzzer: `make test` runs a fixed seed for a bounded number
// of documents; `make fuzz` runs many more, seeded by the clock.
var (
	fuzzDocuments = flag.Int("schemafuzz.n", 600, "documents the schema fuzzer sends per database")
	fuzzSeed      = flag.Uint64("schemafuzz.seed", 20261201, "seed of the schema fuzzer")
	fuzzAll       = flag.Bool("schemafuzz.all", false, "fuzz every database (default: the first only)")
)

// fuzzMemoryBound is the most resident memory one request may add to the
// test process (VmHWM over the resident set before it): the server's
// budget admits at most RequestMemory (512 MB) of answers at once.
const fuzzMemoryBound = 512 << 20

// TestSchemaFuzzer sends random valid documents generated from the
// schema — random depth, aliases, fragments, every argument with extreme
// values — to a server on the shipped data and checks that none is
// answered 5xx or INTERNAL_SERVER_ERROR, none takes longer than the
// query timeout, none adds more resident memory than fuzzMemoryBound,
// and none resolves more fields than its complexity (the price is an
// upper bound on the work, whatever the data holds).
func TestSchemaFuzzer(t *testing.T) {
	es := graph.NewSchema(nil, nil)
	schema := es.Schema()
	cfg := server.DefaultConfig()
	cfg.AnonymousRate, cfg.TokenRate = 0, 0
	cfg.ResponseCacheBytes = 0     // every document runs
	cfg.QueryTimeout = time.Minute // a busy machine is no reason for a 504
	var resolved atomic.Int64
	count := server.WithFieldsObserver(func(fields int64) { resolved.Store(fields) })
	dbs := backends
	if !*fuzzAll {
		dbs = backends[:1]
	}
	for _, b := range dbs {
		t.Run(b.name, func(t *testing.T) {
			h := server.New(b.db, discard, prometheus.NewRegistry(), server.WithConfig(cfg), count)
			g := &docGen{schema: schema, rnd: rand.New(rand.NewPCG(*fuzzSeed, 7)), ids: fuzzIDs(t, b)}
			var worst struct {
				rss      float64
				fields   int
				duration time.Duration
				doc      string
			}
			codes, clean := map[string]int{}, 0
			processPeak := 0.0 // MB
			// The graph index is built once per server: build it before
			// measuring what requests add.
			warm := httptest.NewRecorder()
			warmReq := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(gqlBody(`{ cooperationGraph(filter: {limit: 1}) { totalNodes } }`, nil)))
			warmReq.Header.Set("Content-Type", "application/json")
			h.ServeHTTP(warm, warmReq)
			if warm.Code != http.StatusOK {
				t.Fatalf("warming the graph index: %d %s", warm.Code, warm.Body.String())
			}
			for i := range *fuzzDocuments {
				doc := g.document()
				parsed, errs := gqlparser.LoadQueryWithRules(schema, doc, nil)
				if errs != nil {
					t.Fatalf("document %d is not valid: %v\n%s", i, errs, doc)
				}
				cost := graph.Cost(context.Background(), es, parsed.Operations[0], nil)
				resolved.Store(0)
				before := memstat.Field("VmRSS:")
				memstat.ResetPeak()
				start := time.Now()
				rec := httptest.NewRecorder()
				req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(gqlBody(doc, nil)))
				req.Header.Set("Content-Type", "application/json")
				h.ServeHTTP(rec, req)
				took := time.Since(start)
				peak := memstat.Field("VmHWM:")
				grew := peak - before
				processPeak = max(processPeak, peak)
				var resp gqlResponse
				if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
					t.Fatalf("document %d: answer is not JSON (%d): %.300s\n%s", i, rec.Code, rec.Body.String(), doc)
				}
				if len(resp.Errors) == 0 {
					clean++
				}
				for _, e := range resp.Errors {
					code, _ := e.Extensions["code"].(string)
					codes[code]++
					if code == "INTERNAL_SERVER_ERROR" || code == "" {
						t.Errorf("document %d: error %q (%s) at %v\n%s", i, e.Message, code, e.Path, doc)
					}
				}
				if rec.Code >= 500 {
					t.Errorf("document %d: status %d: %.300s\n%s", i, rec.Code, rec.Body.String(), doc)
				}
				if took > cfg.QueryTimeout+5*time.Second {
					t.Errorf("document %d: answered in %s, past the query timeout %s\n%s", i, took, cfg.QueryTimeout, doc)
				}
				if n := int(resolved.Load()); cost <= cfg.Limits.MaxComplexity && n > cost {
					t.Errorf("document %d: resolved %d fields, more than its complexity %d: a list's price is not its bound\n%s", i, n, cost, doc)
				}
				if grew*(1<<20) > fuzzMemoryBound {
					t.Errorf("document %d: the process grew %.0f MB, more than %d MB\n%s", i, grew, fuzzMemoryBound>>20, doc)
				}
				if grew > worst.rss {
					worst.rss, worst.doc = grew, doc
				}
				worst.fields = max(worst.fields, int(resolved.Load()))
				worst.duration = max(worst.duration, took)
			}
			t.Logf("%d documents (seed %d), %d answered without an error; error codes %v; at most %d fields resolved, %s, %.0f MB of resident memory added by one request",
				*fuzzDocuments, *fuzzSeed, clean, codes, worst.fields, worst.duration.Round(time.Millisecond), worst.rss)
			t.Logf("the request that added the most memory:\n%s", worst.doc)
			// The whole test process — both databases' shipped data, their
			// graph indexes, this server's — stays within the memory a
			// deployment is told to give one server, twice over.
			if processPeak > 2*1024 {
				t.Errorf("the test process peaked at %.0f MB, more than 2 GiB", processPeak)
			}
			t.Logf("the test process peaked at %.0f MB (both databases loaded, their graph indexes built)", processPeak)
			if t.Failed() {
				return
			}
			if raw := string(b.data(t, `{ establishment(finess: "420782559") { finess } }`, nil)); !strings.Contains(raw, "420782559") {
				t.Errorf("lookup after the fuzzer: %s", raw)
			}
		})
	}
}

// fuzzIDs are real global IDs of every kind of record, so that node(id:)
// and the graph queries reach data, plus a few that are not.
func fuzzIDs(t *testing.T, b *backend) []string {
	t.Helper()
	raw := b.data(t, `{
		a: establishments(first: 3) { edges { node { id } } }
		b: legalEntities(first: 3, where: {finess: "420784878"}) { edges { node { id } } }
		c: groupings(first: 3) { edges { node { id } } }
		d: conventions(first: 3) { edges { node { id } } }
		e: filieres(first: 3) { edges { node { id } } }
		f: territories(first: 3) { edges { node { id } } }
		g: memberships(first: 3) { edges { node { id } } }
	}`, nil)
	var ids []string
	for _, part := range strings.Split(string(raw), `"id":"`)[1:] {
		ids = append(ids, part[:strings.IndexByte(part, '"')])
	}
	return append(ids, "0", "-1", "999999999999", "abc", "1e9")
}

// docGen writes random valid documents of a schema.
type docGen struct {
	schema    *ast.Schema
	rnd       *rand.Rand
	ids       []string
	fragments []string
	nextName  int
	prefix    []string // the types of the inline fragments the generator is in
}

func (g *docGen) pick(n int) int        { return g.rnd.IntN(n) }
func (g *docGen) chance(p float64) bool { return g.rnd.Float64() < p }

func (g *docGen) document() string {
	g.fragments = g.fragments[:0]
	root := g.schema.Query
	op := "query"
	if g.schema.Mutation != nil && g.chance(0.05) {
		root, op = g.schema.Mutation, "mutation"
	}
	body := g.selection(root, 2+g.pick(6))
	return op + " " + body + "\n" + strings.Join(g.fragments, "\n")
}

// selection writes a selection set on def, nesting at most depth more.
func (g *docGen) selection(def *ast.Definition, depth int) string {
	var parts []string
	switch def.Kind {
	case ast.Interface, ast.Union:
		parts = append(parts, "__typename")
		for _, impl := range g.schema.GetPossibleTypes(def) {
			if g.chance(0.4) {
				// Fields of two types under one name may conflict: each
				// type's get aliases of their own.
				g.prefix = append(g.prefix, impl.Name)
				parts = append(parts, "... on "+impl.Name+" "+g.selection(impl, depth))
				g.prefix = g.prefix[:len(g.prefix)-1]
			}
		}
		return "{ " + strings.Join(parts, " ") + " }"
	}
	fields := g.usable(def)
	n := 1 + g.pick(min(len(fields), 5))
	asked := map[string]bool{}
	for range n {
		f := fields[g.pick(len(fields))]
		// A field asked twice without an alias must have the same
		// arguments: alias every repeat.
		parts = append(parts, g.field(f, depth, asked[f.Name]))
		asked[f.Name] = true
	}
	if g.chance(0.15) {
		// the same selection again, as a named fragment
		name := fmt.Sprintf("F%d", g.nextName)
		g.nextName++
		g.fragments = append(g.fragments, "fragment "+name+" on "+def.Name+" { "+strings.Join(parts, " ")+" }")
		return "{ ..." + name + " }"
	}
	return "{ " + strings.Join(parts, " ") + " }"
}

// usable are the fields of def the generator asks for: introspection and
// fields whose type needs a selection it could not nest are left out at
// the last level.
func (g *docGen) usable(def *ast.Definition) []*ast.FieldDefinition {
	var out []*ast.FieldDefinition
	for _, f := range def.Fields {
		if strings.HasPrefix(f.Name, "__") {
			continue
		}
		out = append(out, f)
	}
	return out
}

func (g *docGen) field(f *ast.FieldDefinition, depth int, alias bool) string {
	var b strings.Builder
	switch {
	case len(g.prefix) > 0:
		fmt.Fprintf(&b, "%s_%d: ", strings.Join(g.prefix, "_"), g.pick(1_000_000))
	case alias || g.chance(0.2):
		fmt.Fprintf(&b, "a%d: ", g.pick(1_000_000))
	}
	b.WriteString(f.Name)
	var args []string
	for _, a := range f.Arguments {
		if a.Type.NonNull || g.chance(0.35) {
			args = append(args, a.Name+": "+g.value(a.Type, 3))
		}
	}
	if len(args) > 0 {
		b.WriteString("(" + strings.Join(args, ", ") + ")")
	}
	target := g.schema.Types[f.Type.Name()]
	if target.Kind == ast.Object || target.Kind == ast.Interface || target.Kind == ast.Union {
		if depth <= 0 {
			b.WriteString(" { __typename }")
		} else {
			b.WriteString(" " + g.selection(target, depth-1))
		}
	}
	return b.String()
}

// Argument values: most are plausible, so that documents reach the data;
// one in eight is extreme or malformed.
var (
	fuzzInts       = []string{"0", "1", "2", "3", "5", "10", "50", "100"}
	fuzzBadInts    = []string{"999", "1000", "1001", "5000", "20000", "20001", "-1", "2147483647", "-2147483648"}
	fuzzFloats     = []string{"0", "1.5", "45.43", "4.39", "-61.5"}
	fuzzBadFloats  = []string{"-90", "91", "-181", "1e300", "-0.0"}
	fuzzStrings    = []string{`"42"`, `"84"`, `"420782559"`, `"420784878"`, `"2A"`, `"42218"`, `"saint etienne"`, `"centre hospitalier"`, `"CH"`, `"G4-LOIRE-2016"`, `"MAILLAGE-GCS-OLORON"`, `"public-hospital-without-ght"`}
	fuzzBadStrings = []string{`""`, `"%"`, `"_"`, `"é"`, `"REGION:84"`, `"` + strings.Repeat("x", 300) + `"`}
	fuzzDates      = []string{`"2020-01-01"`, `"2016-01-01"`, `"2014-01-16"`, `"2024-06-30"`}
	fuzzBadDates   = []string{`"1900-01-01"`, `"9999-12-31"`, `"2020-02-30"`, `"2020"`, `"yesterday"`}
	fuzzCursors    = []string{`"garbage"`, `""`, `"gaFpzQ=="`, `"AAAA"`}
)

// either picks from good values, or one time in eight from bad ones.
func (g *docGen) either(good, bad []string) string {
	if g.chance(0.125) {
		return g.oneOf(bad)
	}
	return g.oneOf(good)
}

func (g *docGen) oneOf(values []string) string { return values[g.pick(len(values))] }

// value writes a literal of type t.
func (g *docGen) value(t *ast.Type, depth int) string {
	if t.Elem != nil {
		n := g.pick(4)
		if !t.NonNull && g.chance(0.1) {
			return "null"
		}
		vals := make([]string, n)
		for i := range vals {
			vals[i] = g.value(t.Elem, depth-1)
		}
		return "[" + strings.Join(vals, ", ") + "]"
	}
	if !t.NonNull && g.chance(0.05) {
		return "null"
	}
	def := g.schema.Types[t.NamedType]
	switch def.Kind {
	case ast.Enum:
		return def.EnumValues[g.pick(len(def.EnumValues))].Name
	case ast.InputObject:
		var fields []string
		for _, f := range def.Fields {
			required := f.Type.NonNull && f.DefaultValue == nil
			if required || (depth > 0 && g.chance(0.04)) {
				fields = append(fields, f.Name+": "+g.value(f.Type, depth-1))
			}
		}
		return "{" + strings.Join(fields, ", ") + "}"
	}
	switch def.Name {
	case "Int":
		return g.either(fuzzInts, fuzzBadInts)
	case "Float":
		return g.either(fuzzFloats, fuzzBadFloats)
	case "Boolean":
		return g.oneOf([]string{"true", "false"})
	case "ID":
		return `"` + g.ids[g.pick(len(g.ids))] + `"`
	case "Date":
		return g.either(fuzzDates, fuzzBadDates)
	case "Time":
		return g.oneOf([]string{`"2020-01-01T00:00:00Z"`, `"bad"`})
	case "Cursor":
		return g.oneOf(fuzzCursors)
	}
	return g.either(fuzzStrings, fuzzBadStrings)
}
