package coopgraph_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/convention"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/internal/cooperation"
	"github.com/maillage/maillage/internal/coopgraph"
	"github.com/maillage/maillage/internal/ingest/importer"
	"github.com/maillage/maillage/internal/shippedtest"
)

var databases []shippedtest.Database

func TestMain(m *testing.M) { os.Exit(shippedtest.Main(m, &databases)) }

func day(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

// ids of the records the tests name.
type fixture struct {
	firminySite, forezSite, chu, g4 int
}

func load(t *testing.T, c *ent.Client) (*coopgraph.Graph, fixture) {
	t.Helper()
	ctx := context.Background()
	g, err := coopgraph.Build(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	var f fixture
	f.firminySite = c.Establishment.Query().Where(establishment.Finess("420000234")).OnlyIDX(ctx)
	f.forezSite = c.Establishment.Query().Where(establishment.Finess("420000226")).OnlyIDX(ctx)
	f.chu = c.LegalEntity.Query().Where(legalentity.Finess("420784878")).OnlyIDX(ctx)
	f.g4 = c.Convention.Query().Where(convention.Code("G4-LOIRE-2016")).OnlyIDX(ctx)
	return g, f
}

func labels(r *coopgraph.Result) []string {
	var out []string
	for _, n := range r.Nodes {
		out = append(out, n.Kind+":"+n.Label)
	}
	return out
}

func TestPathThroughTheG4Charter(t *testing.T) {
	for _, d := range databases {
		t.Run(d.Name, func(t *testing.T) {
			g, f := load(t, d.DB.Client)
			tests := []struct {
				name      string
				filter    coopgraph.Filter
				want      []string // node kinds along the path; nil: no path
				throughG4 bool
			}{
				{"legal entities, 2020", coopgraph.Filter{AsOf: day("2020-06-01")}, []string{"LEGAL_ENTITY", "*", "LEGAL_ENTITY"}, true},
				// The charter names no site: at site level the path goes
				// through each site's legal entity.
				{"sites, 2020", coopgraph.Filter{AsOf: day("2020-06-01"), Level: coopgraph.Site}, []string{"SITE", "LEGAL_ENTITY", "*", "LEGAL_ENTITY", "SITE"}, true},
				{"before the charter", coopgraph.Filter{AsOf: day("2015-06-01")}, nil, false},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					r, err := g.Path(f.firminySite, f.forezSite, tt.filter)
					if err != nil {
						t.Fatal(err)
					}
					if tt.want == nil {
						if r != nil {
							t.Errorf("a path in 2015: %v", labels(r))
						}
						return
					}
					if r == nil {
						t.Fatal("no path")
					}
					if len(r.Nodes) != len(tt.want) || len(r.Edges) != len(r.Nodes)-1 {
						t.Fatalf("path %v with %d edges", labels(r), len(r.Edges))
					}
					for i, k := range tt.want {
						if k != "*" && r.Nodes[i].Kind != k {
							t.Errorf("node %d is %s, want %s", i, r.Nodes[i].Kind, k)
						}
					}
					through := r.Nodes[len(r.Nodes)/2]
					if tt.throughG4 && through.ID != f.g4 && !strings.HasPrefix(through.Label, "G4 –") {
						t.Errorf("the path goes through %s, not the G4 charter or one of its filières", through.Label)
					}
				})
			}
		})
	}
}

func TestNeighborhoodOfTheCHU(t *testing.T) {
	for _, d := range databases {
		t.Run(d.Name, func(t *testing.T) {
			g, f := load(t, d.DB.Client)
			r, err := g.Neighborhood(f.chu, 1, coopgraph.Filter{AsOf: day("2020-06-01")})
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(labels(r), "\n")
			if !strings.Contains(got, "CONVENTION:Charte de confiance") {
				t.Errorf("neighbourhood lacks the charter:\n%s", got)
			}
			two, err := g.Neighborhood(f.chu, 2, coopgraph.Filter{AsOf: day("2020-06-01")})
			if err != nil {
				t.Fatal(err)
			}
			// The filières are the charter's (the article names no party
			// per filière): two hops away, like the other parties.
			gotTwo := strings.Join(labels(two), "\n")
			for _, want := range []string{"LEGAL_ENTITY:Hôpital Le Corbusier (CH de Firminy)", "FILIERE:G4 – Urgences", "FILIERE:G4 – Biologie"} {
				if !strings.Contains(gotTwo, want) {
					t.Errorf("depth 2 lacks %s:\n%s", want, gotTwo)
				}
			}
			before, err := g.Neighborhood(f.chu, 1, coopgraph.Filter{AsOf: day("2015-06-01")})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(strings.Join(labels(before), "\n"), "Charte") {
				t.Error("the charter shows in 2015")
			}
			if _, err := g.Neighborhood(f.chu, 4, coopgraph.Filter{}); err == nil {
				t.Error("depth 4 accepted")
			}
			small, err := g.Neighborhood(f.chu, 2, coopgraph.Filter{AsOf: day("2020-06-01"), Limit: 3})
			if err != nil || len(small.Nodes) != 3 || !small.Truncated {
				t.Errorf("limit 3: %d nodes, truncated %v (%v)", len(small.Nodes), small.Truncated, err)
			}
		})
	}
}

func TestCooperationOfTheLoire(t *testing.T) {
	for _, d := range databases {
		t.Run(d.Name, func(t *testing.T) {
			g, f := load(t, d.DB.Client)
			for _, level := range []coopgraph.Kind{coopgraph.LegalEntity, coopgraph.Site} {
				r, err := g.Cooperation(coopgraph.Filter{AsOf: day("2020-06-01"), Territories: []string{"42"}, Level: level, Kinds: []coopgraph.Kind{coopgraph.Convention}})
				if err != nil {
					t.Fatal(err)
				}
				parties := map[int]bool{}
				for _, e := range r.Edges {
					if e.Target == f.g4 {
						parties[e.Source] = true
					}
				}
				// The charter names no site: at site level too, its four
				// parties are drawn at their legal entities.
				if len(parties) != 4 {
					t.Errorf("%s: the G4 charter has %d participants, want 4", level, len(parties))
				}
				for _, n := range r.Nodes {
					if n.Kind != string(level) && n.Kind != "CONVENTION" && n.Kind != "LEGAL_ENTITY" {
						t.Errorf("%s: node of kind %s with kinds = [CONVENTION]", level, n.Kind)
						break
					}
				}
			}
			old, err := g.Cooperation(coopgraph.Filter{AsOf: day("2015-06-01"), Territories: []string{"42"}, Kinds: []coopgraph.Kind{coopgraph.Convention}})
			if err != nil || len(old.Nodes) != 0 {
				t.Errorf("2015: %v (%v)", labels(old), err)
			}
		})
	}
}

// TestStoreFollowsImports: a graph read after an import of this process
// sees it at once; a write by another client (raw SQL on other
// connections, as another process would) is seen once signalled.
func TestStoreFollowsImports(t *testing.T) {
	ctx := context.Background()
	for _, d := range databases {
		t.Run(d.Name, func(t *testing.T) {
			store := coopgraph.NewStore(d.DB.Client, d.DB.Version)
			first, err := store.Graph(ctx)
			if err != nil {
				t.Fatal(err)
			}
			again, err := store.Graph(ctx)
			if err != nil || again != first {
				t.Fatalf("rebuilt without a change (%v)", err)
			}
			file, err := cooperation.Parse("x.yaml", []byte(`sources:
  - {key: store-test, kind: EDIT, title: Test}
groupings:
  - {code: STORE-TEST-`+d.Name+`, kind: GCS, name: GCS de test, source: store-test, members: [{finess: "420784878", role: MEMBER}]}
`))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := importer.New(d.DB.Client).Cooperation(ctx, file); err != nil {
				t.Fatal(err)
			}
			after, err := store.Graph(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if after == first || after.Edges() != first.Edges()+1 {
				t.Errorf("after the import: same graph %v, edges %d → %d", after == first, first.Edges(), after.Edges())
			}

			// SQLite's data_version tells that another connection of
			// the pool committed, not what: there every commit rebuilds.
			if d.Name == "postgres" && !coopgraph.SameRegisters(first, after) {
				t.Error("postgres: a cooperation import rebuilt the register layer")
			}

			// Writes by another client (raw SQL on other connections, as
			// another process would): PostgreSQL names the table, so a
			// cooperation write keeps the register layer; SQLite only says something
			// changed.
			eventually := func(search, kind string) *coopgraph.Graph {
				t.Helper()
				deadline := time.Now().Add(10 * time.Second)
				for {
					g, err := store.Graph(ctx)
					if err != nil {
						t.Fatal(err)
					}
					hits, err := g.Search(search, 1, []string{kind})
					if err != nil {
						t.Fatal(err)
					}
					if len(hits) == 1 {
						return g
					}
					if time.Now().After(deadline) {
						t.Fatalf("a write by another connection never reached the graph (%q)", search)
					}
					time.Sleep(20 * time.Millisecond)
				}
			}
			rename := `UPDATE groupings SET name = 'GCS renommé ailleurs' WHERE code = 'STORE-TEST-` + d.Name + `'`
			if _, err := d.DB.SQL.ExecContext(ctx, rename); err != nil {
				t.Fatal(err)
			}
			renamed := eventually("renomme ailleurs", "GROUPING")
			if d.Name == "postgres" && !coopgraph.SameRegisters(after, renamed) {
				t.Error("postgres: a write to groupings rebuilt the register layer")
			}
			relabel := `UPDATE establishments SET name = 'HOPITAL RENOMME AILLEURS' WHERE finess = '420000234'`
			if _, err := d.DB.SQL.ExecContext(ctx, relabel); err != nil {
				t.Fatal(err)
			}
			relabelled := eventually("hopital renomme ailleurs", "SITE")
			if coopgraph.SameRegisters(renamed, relabelled) {
				t.Error("a write to establishments kept the old register layer")
			}
			if _, err := d.DB.SQL.ExecContext(ctx, `UPDATE establishments SET name = 'CH DE FIRMINY' WHERE finess = '420000234'`); err != nil {
				t.Fatal(err)
			}
			eventually("ch de firminy", "SITE")
		})
	}
}

func hitsText(hits []coopgraph.Hit) string {
	var b strings.Builder
	for _, h := range hits {
		fmt.Fprintf(&b, "%d %s %s %.3f", h.ID, h.Kind, h.Label, h.Score)
		if h.Finess != nil {
			b.WriteString(" " + *h.Finess)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestRebuildOnRegistersEqualsBuild: objects read again over a register layer give the
// graph a full build gives.
func TestRebuildOnRegistersEqualsBuild(t *testing.T) {
	ctx := context.Background()
	for _, d := range databases {
		t.Run(d.Name, func(t *testing.T) {
			full, err := coopgraph.Build(ctx, d.DB.Client)
			if err != nil {
				t.Fatal(err)
			}
			again, err := full.Rebuild(ctx, d.DB.Client)
			if err != nil {
				t.Fatal(err)
			}
			if !coopgraph.SameRegisters(full, again) || full.Nodes() != again.Nodes() || full.Edges() != again.Edges() {
				t.Fatalf("rebuild: %d nodes %d edges, build: %d nodes %d edges", again.Nodes(), again.Edges(), full.Nodes(), full.Edges())
			}
			for _, text := range []string{"saint etienne", "g4 loire", "420782559", "42000", "charte"} {
				a, errA := full.Search(text, 20, nil)
				b, errB := again.Search(text, 20, nil)
				if errA != nil || errB != nil || hitsText(a) != hitsText(b) {
					t.Errorf("search %q: build\n%s\nrebuild\n%s(%v %v)", text, hitsText(a), hitsText(b), errA, errB)
				}
			}
			day := time.Now()
			f := coopgraph.Filter{AsOf: &day, Territories: []string{"42"}, Level: coopgraph.Site}
			ra, errA := full.Cooperation(f)
			rb, errB := again.Cooperation(f)
			if errA != nil || errB != nil || len(ra.Nodes) != len(rb.Nodes) || len(ra.Edges) != len(rb.Edges) {
				t.Errorf("Loire graph: build %d/%d, rebuild %d/%d (%v %v)", len(ra.Nodes), len(ra.Edges), len(rb.Nodes), len(rb.Edges), errA, errB)
			}
		})
	}
}

func TestSearch(t *testing.T) {
	for _, d := range databases {
		t.Run(d.Name, func(t *testing.T) {
			g, f := load(t, d.DB.Client)
			first := func(t *testing.T, hits []coopgraph.Hit, kinds ...string) coopgraph.Hit {
				t.Helper()
				for _, h := range hits {
					if slices.Contains(kinds, h.Kind) {
						return h
					}
				}
				t.Fatalf("no hit of kind %v in %v", kinds, hits)
				return coopgraph.Hit{}
			}
			for _, text := range []string{"saint etienne", "ST ETIENNE", "Saint-Étienne"} {
				hits, err := g.Search(text, 20, nil)
				if err != nil {
					t.Fatal(err)
				}
				if h := first(t, hits, "LEGAL_ENTITY", "SITE"); h.ID != f.chu {
					t.Errorf("%q: first organisation is %s (%s), want CHU de Saint-Étienne", text, h.Label, h.Kind)
				}
				if h := first(t, hits, "COMMUNE"); h.Label != "Saint-Étienne" {
					t.Errorf("%q: first commune is %s", text, h.Label)
				}
			}
			tests := []struct {
				text      string
				kinds     []string
				wantFirst string // label prefix or FINESS of the first hit
			}{
				{"420782559", nil, "420782559"},
				{"centre hospitalier firminy", nil, "CH DE FIRMINY"},
				{"ch firminy", []string{"SITE"}, "CH DE FIRMINY"},
				{"g4 loire", []string{"CONVENTION"}, "Charte de confiance"},
				{"42000", []string{"COMMUNE"}, "Saint-Étienne"},
				{"mucoviscidose", []string{"FILIERE"}, "Centres de ressources"},
			}
			for _, tt := range tests {
				hits, err := g.Search(tt.text, 10, tt.kinds)
				if err != nil {
					t.Fatal(err)
				}
				if len(hits) == 0 {
					t.Errorf("%q: nothing found", tt.text)
					continue
				}
				h := hits[0]
				if !strings.HasPrefix(h.Label, tt.wantFirst) && (h.Finess == nil || *h.Finess != tt.wantFirst) {
					t.Errorf("%q: first hit %s (%s), want %s", tt.text, h.Label, h.Kind, tt.wantFirst)
				}
				for _, h := range hits {
					if len(tt.kinds) > 0 && !slices.Contains(tt.kinds, h.Kind) {
						t.Errorf("%q: hit of kind %s outside %v", tt.text, h.Kind, tt.kinds)
					}
				}
			}
			prefix, err := g.Search("4207825", 50, nil)
			if err != nil || len(prefix) < 2 {
				t.Fatalf("FINESS prefix: %d hits (%v)", len(prefix), err)
			}
			for _, h := range prefix {
				if h.Finess == nil || !strings.HasPrefix(*h.Finess, "4207825") {
					t.Errorf("FINESS prefix: hit %s", h.Label)
				}
			}
			if _, err := g.Search("x", 51, nil); err == nil {
				t.Error("first: 51 accepted")
			}
			if _, err := g.Search("x", 10, []string{"HOSPITAL"}); err == nil {
				t.Error("an unknown kind accepted")
			}
		})
	}
}

func TestProjectionAndFilters(t *testing.T) {
	for _, d := range databases {
		t.Run(d.Name, func(t *testing.T) {
			g, f := load(t, d.DB.Client)
			loire := coopgraph.Filter{AsOf: day("2020-06-01"), Territories: []string{"42"}, Kinds: []coopgraph.Kind{coopgraph.Convention}}
			loire.Projection = coopgraph.Organisations
			r, err := g.Cooperation(loire)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Nodes) != 4 || len(r.Edges) != 6 {
				t.Fatalf("the G4 as organisations: %d nodes, %d edges, want 4 and 6", len(r.Nodes), len(r.Edges))
			}
			for _, e := range r.Edges {
				if e.Weight == nil || *e.Weight != 1 || !slices.Equal(e.Shared, []int{f.g4}) {
					t.Errorf("edge %s: weight %v, shared %v", e.ID, e.Weight, e.Shared)
				}
			}
			chr := coopgraph.Filter{AsOf: day("2020-06-01"), Territories: []string{"42"}, Level: coopgraph.Site, Categories: []string{"101"}}
			r, err = g.Cooperation(chr)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range r.Nodes {
				if n.Kind == "SITE" && (n.Category == nil || !strings.Contains(*n.Category, "C.H.R.")) {
					t.Errorf("site %s of category %v with categories = [101]", n.Label, n.Category)
				}
			}
			if len(r.Nodes) == 0 {
				t.Error("no CHR site of the Loire in a cooperation")
			}
			onlyBiology := coopgraph.Filter{AsOf: day("2020-06-01"), Territories: []string{"42"}, Kinds: []coopgraph.Kind{coopgraph.Filiere}, Specialties: []string{"BIOLOGY"}}
			r, err = g.Cooperation(onlyBiology)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range r.Nodes {
				if n.Kind == "FILIERE" && n.Label != "G4 – Biologie" {
					t.Errorf("filière %s kept with specialties = [BIOLOGY]", n.Label)
				}
			}
			if _, err := g.Cooperation(coopgraph.Filter{Projection: "TREE"}); err == nil {
				t.Error("an unknown projection accepted")
			}
		})
	}
}

func TestStatsOfTheLoire(t *testing.T) {
	ctx := context.Background()
	for _, d := range databases {
		t.Run(d.Name, func(t *testing.T) {
			g, _ := load(t, d.DB.Client)
			st, err := g.Stats(coopgraph.Filter{AsOf: day("2020-06-01"), Territories: []string{"DEPARTMENT:42"}})
			if err != nil {
				t.Fatal(err)
			}
			want, err := d.DB.Client.Establishment.Query().Where(establishment.DepartmentCode("42"), establishment.ValidToIsNil(),
				establishment.Or(establishment.ValidFromIsNil(), establishment.ValidFromLTE(*day("2020-06-01")))).Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Sites != want {
				t.Errorf("%d sites, the database has %d in the Loire", st.Sites, want)
			}
			if st.CooperatingLegalEntities < 4 || st.CooperatingShare <= 0 || st.CooperatingShare >= 1 {
				t.Errorf("cooperating: %d (%.3f)", st.CooperatingLegalEntities, st.CooperatingShare)
			}
			for _, n := range st.Isolated {
				if n.Finess != nil && slices.Contains([]string{"420784878", "420013831", "420002495", "420780652"}, *n.Finess) {
					t.Errorf("G4 member %s listed as isolated", *n.Finess)
				}
			}
			if st.IsolatedCount == 0 || len(st.ByCategory) == 0 || len(st.ByLegalStatus) == 0 {
				t.Errorf("stats: %+v", st)
			}
			region, err := g.Stats(coopgraph.Filter{AsOf: day("2020-06-01"), Territories: []string{"REGION:84"}})
			if err != nil {
				t.Fatal(err)
			}
			vaucluse, err := g.Stats(coopgraph.Filter{AsOf: day("2020-06-01"), Territories: []string{"DEPARTMENT:84"}})
			if err != nil {
				t.Fatal(err)
			}
			if region.Sites <= st.Sites || vaucluse.Sites >= region.Sites || vaucluse.Sites == 0 {
				t.Errorf("région 84: %d sites, département 84: %d, Loire: %d", region.Sites, vaucluse.Sites, st.Sites)
			}
		})
	}
}

func TestDiffOfTheLoire(t *testing.T) {
	for _, d := range databases {
		t.Run(d.Name, func(t *testing.T) {
			g, f := load(t, d.DB.Client)
			loire := coopgraph.Filter{Territories: []string{"42"}, Kinds: []coopgraph.Kind{coopgraph.Convention, coopgraph.Filiere}}
			r, err := g.Diff(loire, *day("2015-01-01"), *day("2017-01-01"))
			if err != nil {
				t.Fatal(err)
			}
			parties := 0
			for _, c := range r.Changes {
				if c.Kind != "STARTED" || c.Date.Format(time.DateOnly) != "2016-01-01" {
					t.Errorf("change %s on %s", c.Kind, c.Date)
				}
				if c.Target.ID == f.g4 {
					parties++
				}
			}
			if parties != 4 {
				t.Errorf("%d G4 parties started in 2016, want 4", parties)
			}
			later, err := g.Diff(loire, *day("2017-01-01"), *day("2020-01-01"))
			if err != nil || later.Total != 0 {
				t.Errorf("2017-2020: %d changes (%v)", later.Total, err)
			}
			if _, err := g.Diff(loire, *day("2020-01-01"), *day("2019-01-01")); err == nil {
				t.Error("to before from accepted")
			}
		})
	}
}

// TestShippedDataSaysWhatItsSourcesSay: no grouping counts its own legal
// entity as a member; the CRCM designations are dated from the arrêté,
// drawn at the sites it names (Foch) or at the legal entities, and link
// no two centres in the organisations projection.
func TestShippedDataSaysWhatItsSourcesSay(t *testing.T) {
	for _, d := range databases {
		t.Run(d.Name, func(t *testing.T) {
			g, _ := load(t, d.DB.Client)
			all, err := g.Cooperation(coopgraph.Filter{AsOf: day("2021-01-08"), Limit: coopgraph.MaxLimit})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range all.Edges {
				if *e.Role == "REGISTERED" {
					t.Fatalf("edge %s: a registered grouping's own legal entity drawn as its member", e.ID)
				}
			}
			crcm := coopgraph.Filter{Level: coopgraph.Site, Kinds: []coopgraph.Kind{coopgraph.Filiere}, Specialties: []string{"CYSTIC_FIBROSIS"}, Limit: coopgraph.MaxLimit}
			crcm.AsOf = day("2014-01-15")
			if r, err := g.Cooperation(crcm); err != nil || len(r.Edges) != 0 {
				t.Errorf("CRCM the day before the arrêté: %d edges (%v)", len(r.Edges), err)
			}
			crcm.AsOf = day("2014-01-16")
			r, err := g.Cooperation(crcm)
			if err != nil {
				t.Fatal(err)
			}
			kinds := map[int]string{}
			for _, n := range r.Nodes {
				kinds[n.ID] = n.Kind
			}
			sites := 0
			for _, e := range r.Edges {
				switch kinds[e.Source] {
				case "SITE":
					sites++
				case "LEGAL_ENTITY":
				default:
					t.Errorf("edge %s from a %s", e.ID, kinds[e.Source])
				}
			}
			if len(r.Edges) != 30 || sites != 1 {
				t.Errorf("CRCM at site level: %d edges, %d to named sites; want the 30 designated legal entities, one at its named site (Foch)", len(r.Edges), sites)
			}
			crcm.Level, crcm.Projection = coopgraph.LegalEntity, coopgraph.Organisations
			if r, err := g.Cooperation(crcm); err != nil || len(r.Edges) != 0 {
				t.Errorf("the CRCM designations link %d pairs of centres (%v)", len(r.Edges), err)
			}
		})
	}
}

// TestMemberlessGroupingsOnRequest: the Loire's network draws no grouping
// without members unless asked for, and counts them either way.
func TestMemberlessGroupingsOnRequest(t *testing.T) {
	for _, d := range databases {
		t.Run(d.Name, func(t *testing.T) {
			g, _ := load(t, d.DB.Client)
			loire := coopgraph.Filter{AsOf: day("2021-01-08"), Territories: []string{"DEPARTMENT:42"}}
			plain, err := g.Cooperation(loire)
			if err != nil {
				t.Fatal(err)
			}
			loire.WithMemberless = true
			with, err := g.Cooperation(loire)
			if err != nil {
				t.Fatal(err)
			}
			if plain.MemberlessGroupings < 10 || with.MemberlessGroupings != plain.MemberlessGroupings {
				t.Fatalf("memberless groupings in the Loire: %d, then %d with them drawn", plain.MemberlessGroupings, with.MemberlessGroupings)
			}
			linked := map[int]bool{}
			for _, e := range plain.Edges {
				linked[e.Source], linked[e.Target] = true, true
			}
			for _, n := range plain.Nodes {
				if !linked[n.ID] {
					t.Errorf("%s %s drawn without an edge", n.Kind, n.Label)
				}
			}
			if got, want := len(with.Nodes), len(plain.Nodes)+plain.MemberlessGroupings; got != want {
				t.Errorf("with the memberless groupings: %d nodes, want %d", got, want)
			}
		})
	}
}
