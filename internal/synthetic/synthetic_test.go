package synthetic_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/cooperation"
	"github.com/maillage/maillage/internal/coopgraph"
	"github.com/maillage/maillage/internal/ingest/importer"
	"github.com/maillage/maillage/internal/shippedtest"
	"github.com/maillage/maillage/internal/synthetic"
)

var databases []shippedtest.Database

func TestMain(m *testing.M) { os.Exit(shippedtest.Main(m, &databases)) }

// TestChecksFindThePlantedDefects generates the layer over the shipped
// data, imports it, and runs every check: they find exactly the defects
// the generator planted.
func TestChecksFindThePlantedDefects(t *testing.T) {
	ctx := context.Background()
	for _, d := range databases {
		t.Run(d.Name, func(t *testing.T) {
			layer, err := synthetic.Generate(ctx, d.DB.Client, 42)
			if err != nil {
				t.Fatal(err)
			}
			again, err := synthetic.Generate(ctx, d.DB.Client, 42)
			if err != nil || string(again.File) != string(layer.File) {
				t.Fatal("the same seed gave another layer")
			}
			f, err := cooperation.Parse("synthetic.yaml", layer.File)
			if err != nil {
				t.Fatal(err)
			}
			realBefore, err := synthetic.RealCooperations(ctx, d.DB.Client)
			if err != nil || realBefore == 0 {
				t.Fatalf("the shipped data holds %d real cooperation records (%v): gen synthetic would not see them", realBefore, err)
			}
			rep, err := importer.New(d.DB.Client).Cooperation(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			// The layer's records are sourced SYNTHETIC: they never count
			// as real.
			if realAfter, err := synthetic.RealCooperations(ctx, d.DB.Client); err != nil || realAfter != realBefore {
				t.Errorf("real cooperation records %d after the synthetic layer, %d before (%v)", realAfter, realBefore, err)
			}
			if rep.Added["grouping"] < synthetic.GHTs || rep.Added["convention"] != synthetic.Conventions || rep.Added["medicalTeam"] != synthetic.Teams {
				t.Errorf("imported: %s", rep)
			}
			g, err := coopgraph.Build(ctx, d.DB.Client)
			if err != nil {
				t.Fatal(err)
			}
			day, _ := time.Parse(time.DateOnly, synthetic.CheckDay)
			found, err := g.Checks(coopgraph.Filter{AsOf: &day, Limit: coopgraph.MaxLimit}, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range found.Findings {
				n, _ := g.Node(f.Records[0])
				key := ""
				switch {
				case n.Code != nil:
					key = *n.Code
				case n.Finess != nil:
					key = *n.Finess
				}
				got = append(got, f.Rule+" "+key)
			}
			var want []string
			for _, p := range layer.Planted {
				want = append(want, p.Rule+" "+p.Key)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("findings differ from the planted defects:\nfound:   %s\nplanted: %s", strings.Join(got, ", "), strings.Join(want, ", "))
			}
		})
	}
}
