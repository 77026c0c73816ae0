package ingest

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/maillage/maillage/internal/cooperation"
	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/finessplus"
	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/ghtlist"
	"github.com/maillage/maillage/internal/ingest/importer"
)

// Each format: parse the file, describe its source, hand both to the
// importer.

func ingestEtalab(ctx context.Context, im *importer.Importer, f file) (*importer.Report, error) {
	ex, err := finess.ReadEtalab(f.name, bytes.NewReader(f.content))
	if err != nil {
		return nil, err
	}
	src := etalabSource(f.name, ex)
	if ex.Kind == finess.ExtractLegalEntities {
		return im.LegalEntities(ctx, src, importer.LegalEntityFile{Entities: ex.LegalEntities, Date: ex.Date, Complete: true, Warnings: ex.Warnings})
	}
	territories, err := shippedTerritories()
	if err != nil {
		return nil, err
	}
	return im.Sites(ctx, src, importer.SiteFile{Sites: ex.Sites, Date: ex.Date, Positioned: ex.Positioned, Complete: true, Warnings: ex.Warnings}, territories)
}

func ingestStructures(ctx context.Context, im *importer.Importer, f file) (*importer.Report, error) {
	parsed, err := finessplus.Read(f.name, bytes.NewReader(f.content))
	if err != nil {
		return nil, err
	}
	return im.Structures(ctx, structuresSource(f, parsed.GeneratedAt.UTC()), parsed)
}

func ingestGHTList(ctx context.Context, im *importer.Importer, f file) (*importer.Report, error) {
	rows, err := ghtlist.Read(f.name, f.content)
	if err != nil {
		return nil, err
	}
	today := time.Now().UTC().Truncate(24 * time.Hour)
	return im.GHTList(ctx, ghtListSource(f, today), f.name, rows, today)
}

func ingestCooperation(ctx context.Context, im *importer.Importer, f file) (*importer.Report, error) {
	parsed, err := cooperation.Parse(f.name, f.content)
	if err != nil {
		return nil, err
	}
	return im.Cooperation(ctx, parsed)
}

// ingestSiteCSV reads the shipped flat site file, whose source the
// shipped list describes (the file gives no date).
func ingestSiteCSV(ctx context.Context, im *importer.Importer, f file) (*importer.Report, error) {
	if f.source == nil || f.source.PublishedOn == nil {
		return nil, fmt.Errorf("%s: a flat site file needs its source and date described", f.name)
	}
	sites, err := finess.ReadSiteCSV(f.name, bytes.NewReader(f.content))
	if err != nil {
		return nil, err
	}
	if err := repairOverseasPositions(f.name, sites); err != nil {
		return nil, err
	}
	territories, err := shippedTerritories()
	if err != nil {
		return nil, err
	}
	return im.Sites(ctx, *f.source, importer.SiteFile{Sites: sites, Date: *f.source.PublishedOn, Positioned: true, Complete: true}, territories)
}

// repairOverseasPositions corrects the overseas sites a file places with
// the wrong projection (see finess.RepairMisprojected).
func repairOverseasPositions(name string, sites []finess.Site) error {
	for i := range sites {
		s := &sites[i]
		if s.Latitude == nil {
			continue
		}
		lat, lon, repaired, err := finess.RepairMisprojected(s.Finess, *s.Latitude, *s.Longitude)
		if err != nil {
			return fmt.Errorf("%s:%d: field lat: %w", name, s.Line, err)
		}
		if repaired {
			s.Latitude, s.Longitude = &lat, &lon
		}
	}
	return nil
}

// shippedTerritories are the territories every site import places sites
// in; the importer adds those the database lacks in the import's own
// transaction.
func shippedTerritories() (importer.TerritoryFile, error) {
	france, err := geo.ReadFrance()
	if err != nil {
		return importer.TerritoryFile{}, err
	}
	return importer.TerritoryFile{Source: territorySource, Levels: france.Levels, Locator: france.Locator}, nil
}
