// Package shipped loads the real datasets the binary ships (package
// data) into an empty database, through the same importer as user files.
package shipped

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/maillage/maillage/data"
	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/source"
	"github.com/maillage/maillage/internal/cooperation"
	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/importer"
)

// Shipped files, under data/.
const (
	regionsFile      = "geo/regions.csv"
	departmentsFile  = "geo/departements.csv"
	communesFile     = "geo/communes.csv.gz"
	regionShapes     = "geo/regions.geojson.gz"
	departmentShapes = "geo/departements.geojson.gz"
	sitesFile        = "finess/finess-et-2021-01.csv.gz"
	cooperationFile  = "cooperation/cooperations.yaml"
)

var (
	geoSource = importer.SourceInfo{
		Key:       "insee-cog-2024-ign-admin-express-2018",
		Kind:      source.KindDATASET,
		Title:     "Régions, départements et communes (INSEE COG 2024) ; contours IGN Admin Express 2018",
		Reference: "data/geo",
		Publisher: "INSEE, IGN (Licence Ouverte)",
		Note:      "Communes et codes postaux : COG 2024 et base officielle des codes postaux ; contours des régions et départements, y compris outre-mer : IGN Admin Express 2018 (france-geojson).",
	}
	sitesSource = importer.SourceInfo{
		Key:         "finess-et-2021-01-08",
		Kind:        source.KindREGISTER,
		Title:       "FINESS — établissements géolocalisés (extraction du 8 janvier 2021)",
		Reference:   "data/" + sitesFile,
		URL:         "https://www.data.gouv.fr/fr/datasets/finess-extraction-du-fichier-des-etablissements/",
		Publisher:   "Ministère chargé de la santé (Licence Ouverte)",
		PublishedOn: day(2021, time.January, 8),
		Note:        "Tous les établissements de l'extraction etalab-cs1100507 du 8 janvier 2021, positions converties en WGS84 ; celles des départements d'outre-mer, converties par erreur comme du Lambert-93, sont reconverties depuis leur grille UTM légale. Les noms des entités juridiques n'y figurent pas : ils sont dérivés des noms de leurs établissements (nameDerived) jusqu'à l'import du fichier des entités juridiques.",
	}
)

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

// Empty reports whether the database holds no establishment yet.
func Empty(ctx context.Context, client *ent.Client) (bool, error) {
	exists, err := client.Establishment.Query().Exist(ctx)
	return !exists, err
}

// Load loads every shipped dataset. Each file is one transaction; the
// importer leaves records already present as they are, so a load cut
// short can be run again.
func Load(ctx context.Context, client *ent.Client, logger *slog.Logger) error {
	start := time.Now()
	im := importer.New(client)
	loc, err := Territories(ctx, client, logger)
	if err != nil {
		return err
	}

	sites, err := readFile(sitesFile, func(r io.Reader) ([]finess.Site, error) {
		return finess.ReadSiteCSV("data/"+sitesFile, r)
	})
	if err != nil {
		return err
	}
	if err := repairOverseasPositions(sites); err != nil {
		return err
	}
	rep, err := im.Sites(ctx, sitesSource, importer.SiteFile{
		Sites: sites, Date: *sitesSource.PublishedOn, Positioned: true, Complete: true,
	}, loc)
	if err != nil {
		return fmt.Errorf("load sites: %w", err)
	}
	logReport(logger, rep)

	content, err := data.ReadFile(cooperationFile)
	if err != nil {
		return err
	}
	coop, err := cooperation.Parse("data/"+cooperationFile, content)
	if err != nil {
		return err
	}
	rep, err = im.Cooperation(ctx, coop)
	if err != nil {
		return fmt.Errorf("load cooperations: %w", err)
	}
	logReport(logger, rep)
	logger.Info("shipped data loaded", "duration", time.Since(start).Round(time.Millisecond))
	return nil
}

// repairOverseasPositions corrects the overseas sites the shipped file
// places with the wrong projection (see finess.RepairMisprojected).
func repairOverseasPositions(sites []finess.Site) error {
	for i := range sites {
		s := &sites[i]
		if s.Latitude == nil {
			continue
		}
		lat, lon, repaired, err := finess.RepairMisprojected(s.Finess, *s.Latitude, *s.Longitude)
		if err != nil {
			return fmt.Errorf("data/%s:%d: field lat: %w", sitesFile, s.Line, err)
		}
		if repaired {
			s.Latitude, s.Longitude = &lat, &lon
		}
	}
	return nil
}

// Territories loads the shipped régions, départements and communes that
// the database lacks (every register import places sites in them), and
// returns the locator that places a site in its commune.
func Territories(ctx context.Context, client *ent.Client, logger *slog.Logger) (*geo.Locator, error) {
	territories, communes, err := readTerritories()
	if err != nil {
		return nil, err
	}
	rep, err := importer.New(client).Territories(ctx, geoSource, territories...)
	if err != nil {
		return nil, fmt.Errorf("load territories: %w", err)
	}
	if rep.Changes() > 0 {
		logReport(logger, rep)
	}
	return geo.NewLocator(communes), nil
}

// readTerritories reads régions and départements with their boundaries,
// and the communes, in the order they must be created.
func readTerritories() ([][]geo.Territory, *geo.CommuneFile, error) {
	regions, err := readFile(regionsFile, func(r io.Reader) ([]geo.Territory, error) { return geo.ReadRegions(regionsFile, r) })
	if err != nil {
		return nil, nil, err
	}
	departments, err := readFile(departmentsFile, func(r io.Reader) ([]geo.Territory, error) { return geo.ReadDepartments(departmentsFile, r) })
	if err != nil {
		return nil, nil, err
	}
	communes, err := readFile(communesFile, func(r io.Reader) (*geo.CommuneFile, error) { return geo.ReadCommunes(communesFile, r) })
	if err != nil {
		return nil, nil, err
	}
	for _, shapes := range []struct {
		file  string
		level []geo.Territory
	}{{regionShapes, regions}, {departmentShapes, departments}} {
		boundaries, err := readFile(shapes.file, func(r io.Reader) (map[string]string, error) { return geo.ReadBoundaries(shapes.file, r) })
		if err != nil {
			return nil, nil, err
		}
		for i := range shapes.level {
			if b, ok := boundaries[shapes.level[i].Code]; ok {
				shapes.level[i].Boundary = &b
			}
		}
	}
	return [][]geo.Territory{regions, departments, communes.Communes}, communes, nil
}

func readFile[T any](name string, read func(io.Reader) (T, error)) (T, error) {
	var zero T
	rc, err := data.Open(name)
	if err != nil {
		return zero, fmt.Errorf("open shipped data/%s: %w", name, err)
	}
	defer rc.Close()
	return read(rc)
}

func logReport(logger *slog.Logger, rep *importer.Report) {
	logger.Info("imported", "report", rep.String())
	for _, w := range rep.Warnings {
		logger.Warn("import warning", "source", rep.Source, "warning", w)
	}
}
