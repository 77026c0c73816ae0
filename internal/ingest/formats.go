package ingest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
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

// ingestStructures reads the file twice, as a stream: once for its date
// and digest (the source's key, recorded before any record), once to
// import it.
func ingestStructures(ctx context.Context, im *importer.Importer, f file) (*importer.Report, error) {
	rc, err := f.reader()
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	generated, err := finessplus.GeneratedAt(f.name, io.TeeReader(rc, h))
	if err == nil {
		_, err = io.Copy(h, rc)
	}
	rc.Close()
	if err != nil {
		return nil, err
	}
	if generated.IsZero() {
		return nil, fmt.Errorf("%s: generatedAt: missing: the file's date dates what it closes", f.name)
	}
	territories, err := shippedTerritories()
	if err != nil {
		return nil, err
	}
	categories, err := shippedCategories()
	if err != nil {
		return nil, err
	}
	sf := importer.StructuresFile{
		Name: f.name, GeneratedAt: generated.UTC(),
		Read: func(entity func(*finessplus.LegalEntity) error) (*finessplus.File, error) {
			rc, err := f.reader()
			if err != nil {
				return nil, err
			}
			defer rc.Close()
			return finessplus.Stream(f.name, bufio.NewReaderSize(rc, 1<<16), entity)
		},
		Category: func(code string) (string, string, string) {
			c := categories[code]
			return c[0], c[1], c[2]
		},
	}
	return im.Structures(ctx, structuresSource(f.name, generated.UTC(), hex.EncodeToString(h.Sum(nil)[:6])), sf, territories)
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

// shippedCategories labels the FINESS categories (FINESS+ gives codes
// only): code → label, aggregate code, aggregate label.
func shippedCategories() (map[string][3]string, error) {
	content, err := readShipped("finess/finess-categories-2021-01.csv")
	if err != nil {
		return nil, err
	}
	rows, err := csv.NewReader(bytes.NewReader(content)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("data/finess/finess-categories-2021-01.csv: %w", err)
	}
	out := make(map[string][3]string, len(rows))
	for _, r := range rows[1:] {
		if len(r) >= 4 {
			out[r[0]] = [3]string{r[1], r[2], r[3]}
		}
	}
	return out, nil
}
