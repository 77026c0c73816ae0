package ingest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/maillage/maillage/data"
	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/source"
	"github.com/maillage/maillage/internal/ingest/importer"
)

// shippedSitesDate is the day of the etalab extract the shipped site
// file was made from.
var shippedSitesDate = time.Date(2021, time.January, 8, 0, 0, 0, 0, time.UTC)

// shipped are the files under data/ loaded into an empty database, in
// order, each through its format like a user's file. The territories
// come with the sites.
var shipped = []struct {
	format string
	path   string
	source *importer.SourceInfo // nil: the format describes it
}{
	{format: "sites", path: "finess/finess-et-2021-01.csv.gz", source: &importer.SourceInfo{
		Key:         "finess-et-2021-01-08",
		Kind:        source.KindREGISTER,
		Title:       "FINESS — établissements géolocalisés (extraction du 8 janvier 2021)",
		Reference:   "data/finess/finess-et-2021-01.csv.gz",
		URL:         "https://www.data.gouv.fr/fr/datasets/finess-extraction-du-fichier-des-etablissements/",
		Publisher:   "Ministère chargé de la santé (Licence Ouverte)",
		PublishedOn: &shippedSitesDate,
		Note:        "Tous les établissements de l'extraction etalab-cs1100507 du 8 janvier 2021, positions converties en WGS84 ; celles des départements d'outre-mer, converties par erreur comme du Lambert-93, sont reconverties depuis leur grille UTM légale. Les noms des entités juridiques n'y figurent pas : ils sont dérivés des noms de leurs établissements (nameDerived) jusqu'à l'import du fichier des entités juridiques.",
	}},
	{format: "cooperation", path: "cooperation/cooperations.yaml"},
}

// Empty reports whether the database holds no site yet.
func Empty(ctx context.Context, client *ent.Client) (bool, error) {
	exists, err := client.Establishment.Query().Exist(ctx)
	return !exists, err
}

// LoadShipped loads every shipped file, one transaction each; the
// importer leaves records already present as they are, so a load cut
// short can be run again.
func LoadShipped(ctx context.Context, client *ent.Client, logger *slog.Logger) error {
	start := time.Now()
	im := importer.New(client)
	for _, s := range shipped {
		content, err := readShipped(s.path)
		if err != nil {
			return err
		}
		f := file{name: "data/" + s.path, content: content, source: s.source}
		rep, err := formatNamed(s.format).ingest(ctx, im, f)
		if err != nil {
			return fmt.Errorf("load %s: %w", f.name, err)
		}
		logger.Info("imported", "report", rep.String())
		for _, w := range rep.Warnings {
			logger.Warn("import warning", "source", rep.Source, "warning", w)
		}
	}
	logger.Info("shipped data loaded", "duration", time.Since(start).Round(time.Millisecond))
	return nil
}

func readShipped(path string) ([]byte, error) {
	rc, err := data.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open shipped data/%s: %w", path, err)
	}
	defer rc.Close()
	return io.ReadAll(rc)
}
