package importer_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/convention"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/territory"
	"github.com/maillage/maillage/internal/cooperation"
	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/ingest/importer"
	"github.com/maillage/maillage/internal/shippedtest"
)

// databases are a real SQLite file and a real PostgreSQL database, both
// loaded with the shipped data.
var databases []shippedtest.Database

func TestMain(m *testing.M) { os.Exit(shippedtest.Main(m, &databases)) }

func TestShippedData(t *testing.T) {
	ctx := context.Background()
	for _, d := range databases {
		c := d.DB.Client
		t.Run(d.Name, func(t *testing.T) {
			counts := []struct {
				what string
				got  func(context.Context) (int, error)
				want int
			}{
				{"sites", c.Establishment.Query().Count, 95333},
				{"sites with coordinates", c.Establishment.Query().Where(establishment.LatitudeNotNil(), establishment.LongitudeNotNil()).Count, 95324}, // 9 have no position in the file
				{"régions", c.Territory.Query().Where(territory.KindEQ(territory.KindREGION)).Count, 18},
				{"départements", c.Territory.Query().Where(territory.KindEQ(territory.KindDEPARTMENT)).Count, 101},
				{"régions with a boundary", c.Territory.Query().Where(territory.KindEQ(territory.KindREGION), territory.BoundaryNotNil()).Count, 18},
				{"départements with a boundary", c.Territory.Query().Where(territory.KindEQ(territory.KindDEPARTMENT), territory.BoundaryNotNil()).Count, 101},
				{"G4 charter parties", c.Convention.Query().Where(convention.Code("G4-LOIRE-2016")).QueryParties().Count, 4},
				{"G4 priority filières", c.Convention.Query().Where(convention.Code("G4-LOIRE-2016")).QueryFilieres().Count, 5},
			}
			for _, tt := range counts {
				got, err := tt.got(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if got != tt.want {
					t.Errorf("%s: %d, want %d", tt.what, got, tt.want)
				}
			}
			overseas, err := c.Establishment.Query().Where(establishment.DepartmentCodeIn("971", "972", "973", "974")).All(ctx)
			if err != nil || len(overseas) < 2000 {
				t.Fatalf("overseas sites: %d (%v)", len(overseas), err)
			}
			for _, s := range overseas {
				if *s.Latitude > 0 && *s.Longitude > -40 && s.DepartmentCode != "974" || s.DepartmentCode == "974" && *s.Latitude > 0 {
					t.Errorf("overseas site %s (%s) placed at %f, %f, far from its département", s.Finess, s.DepartmentCode, *s.Latitude, *s.Longitude)
					break
				}
			}
			if n, err := c.Grouping.Query().Where(grouping.KindIn(grouping.KindGCS, grouping.KindCPTS, grouping.KindMSP)).Count(ctx); err != nil || n < 1000 {
				t.Errorf("registered groupings: %d (%v), want the GCS, CPTS and MSP FINESS lists", n, err)
			}
			// One grouping per legal entity and kind (five entities run
			// two kinds), opened on its earliest site, named after its seat.
			if n, err := c.Grouping.Query().Where(grouping.FinessNotNil()).Count(ctx); err != nil || n != 2565 {
				t.Errorf("registered groupings: %d (%v), want 2,565", n, err)
			}
			if kinds, err := c.Grouping.Query().Where(grouping.Finess("140027269")).Select(grouping.FieldKind).Strings(ctx); err != nil || len(kinds) != 2 || kinds[0] == kinds[1] {
				t.Errorf("the groupings of 140027269, which runs sites of two cooperation categories: %v (%v)", kinds, err)
			}
			ardenne, err := c.Grouping.Query().Where(grouping.Finess("080010242")).Only(ctx)
			if err != nil || ardenne.Name != "GCS TERRITORIAL ARDENNE NORD" || ardenne.ValidFrom == nil || ardenne.ValidFrom.Format(time.DateOnly) != "2012-06-12" {
				t.Errorf("GCS territorial Ardenne Nord: %+v (%v), want its seat's name and its earliest site's opening, 2012-06-12", ardenne, err)
			}
			// A centre de santé is a facility, not a cooperation: the
			// register makes no grouping of it.
			if n, err := c.Grouping.Query().Where(grouping.KindEQ(grouping.KindHEALTH_CENTRE)).Count(ctx); err != nil || n != 0 {
				t.Errorf("%d groupings made from centres de santé (%v), want none", n, err)
			}
			g4, err := c.Convention.Query().Where(convention.Code("G4-LOIRE-2016")).WithSource().Only(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if g4.Edges.Source == nil || g4.Edges.Source.Key != "press-g4-loire-2016" || len(g4.Domains) != 6 {
				t.Errorf("G4 charter: source %v, domains %v", g4.Edges.Source, g4.Domains)
			}
		})
	}
}

// unknownFiness is a well-formed FINESS number no entity has.
func unknownFiness(t *testing.T, c *ent.Client) string {
	t.Helper()
	for key := '0'; key <= '9'; key++ {
		n := "42999999" + string(key)
		if finess.Validate(n) != nil {
			continue
		}
		exists, err := c.LegalEntity.Query().Where(legalentity.Finess(n)).Exist(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if exists {
			t.Fatalf("%s exists", n)
		}
		return n
	}
	t.Fatal("no check key makes a valid number")
	return ""
}

// cooperationFile names two real entities of the Loire and, when
// unknown is set, a third one no register knows.
func cooperationFile(unknown string) string {
	parties := `      - finess: "420784878"`
	if unknown != "" {
		parties += "\n      - finess: \"" + unknown + "\""
	}
	return `sources:
  - key: test-source
    kind: EDIT
    title: Saisie de test
groupings:
  - code: TEST-GCS-LOIRE
    kind: GCS
    name: GCS de test
    source: test-source
    validFrom: "2018-03-01"
    members:
      - {finess: "420784878", role: SUPPORT}
      - {finess: "420013831", role: MEMBER, sites: ["420782559"]}
conventions:
  - code: TEST-CONV-LOIRE
    kind: CONVENTION
    title: Convention de test
    source: test-source
    parties:
` + parties + "\n"
}

// counts is what an import may change.
func counts(t *testing.T, c *ent.Client) map[string]int {
	t.Helper()
	ctx := context.Background()
	out := map[string]int{}
	for name, count := range map[string]func(context.Context) (int, error){
		"source": c.Source.Query().Count, "grouping": c.Grouping.Query().Count,
		"membership": c.Membership.Query().Count, "convention": c.Convention.Query().Count,
		"conventionParty": c.ConventionParty.Query().Count,
	} {
		n, err := count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = n
	}
	return out
}

func TestCooperationFileWithAnErrorChangesNothing(t *testing.T) {
	ctx := context.Background()
	for _, d := range databases {
		t.Run(d.Name, func(t *testing.T) {
			c := d.DB.Client
			unknown := unknownFiness(t, c)
			f, err := cooperation.Parse("loire.yaml", []byte(cooperationFile(unknown)))
			if err != nil {
				t.Fatal(err)
			}
			before := counts(t, c)
			_, err = importer.New(c).Cooperation(ctx, f)
			if err == nil {
				t.Fatal("a file naming an unknown entity was accepted")
			}
			for _, want := range []string{"loire.yaml:21:", "$.conventions[0].parties[1].finess", unknown} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if after := counts(t, c); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("the rejected file changed the database: %v → %v", before, after)
			}
			if exists, _ := c.Grouping.Query().Where(grouping.Code("TEST-GCS-LOIRE")).Exist(ctx); exists {
				t.Error("the grouping written before the error was kept")
			}
		})
	}
}

func TestCooperationFileImportedTwice(t *testing.T) {
	ctx := context.Background()
	for _, d := range databases {
		t.Run(d.Name, func(t *testing.T) {
			c := d.DB.Client
			f, err := cooperation.Parse("loire.yaml", []byte(cooperationFile("")))
			if err != nil {
				t.Fatal(err)
			}
			before := counts(t, c)
			first, err := importer.New(c).Cooperation(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if first.Added["grouping"] != 1 || first.Added["membership"] != 2 || first.Added["convention"] != 1 {
				t.Errorf("first import: %s", first)
			}
			afterFirst := counts(t, c)
			for _, k := range []string{"source", "grouping", "convention"} {
				if afterFirst[k] != before[k]+1 {
					t.Errorf("%s: %d → %d, want one more", k, before[k], afterFirst[k])
				}
			}
			g, err := c.Grouping.Query().Where(grouping.Code("TEST-GCS-LOIRE")).
				WithMemberships(func(q *ent.MembershipQuery) { q.WithLegalEntity().WithSites().WithSource() }).Only(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range g.Edges.Memberships {
				if m.Edges.Source == nil || m.Edges.Source.Key != "test-source" {
					t.Errorf("membership of %s has source %v", m.Edges.LegalEntity.Finess, m.Edges.Source)
				}
				if m.Edges.LegalEntity.Finess == "420013831" && (len(m.Edges.Sites) != 1 || m.Edges.Sites[0].Finess != "420782559") {
					t.Errorf("member sites: %v", m.Edges.Sites)
				}
			}

			second, err := importer.New(c).Cooperation(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(second.Added) != 0 && (second.Added["grouping"] != 0 || second.Added["convention"] != 0) {
				t.Errorf("second import added records: %s", second)
			}
			if second.Unchanged["grouping"] != 1 || second.Unchanged["convention"] != 1 {
				t.Errorf("second import does not say the records exist: %s", second)
			}
			if again := counts(t, c); fmt.Sprint(again) != fmt.Sprint(afterFirst) {
				t.Errorf("second import changed the database: %v → %v", afterFirst, again)
			}
		})
	}
}
