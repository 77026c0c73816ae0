// Package registers imports the files users download or write — FINESS
// etalab extracts, FINESS+ structures, the ministry's GHT list, cooperation
// files — by reading each with its format's package and handing the
// result to the importer.
package registers

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/source"
	"github.com/maillage/maillage/internal/cooperation"
	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/importer"
	"github.com/maillage/maillage/internal/shipped"
)

// Formats are the kinds of file Import reads.
var Formats = []string{"finess", "cooperation"}

// Import reads content (the file name is for messages and provenance)
// as the given format and imports it in one transaction.
func Import(ctx context.Context, client *ent.Client, progress importer.Progress, logger *slog.Logger, format, name string, content []byte) (*importer.Report, error) {
	im := importer.New(client).WithProgress(progress)
	switch format {
	case "finess":
		return importFiness(ctx, client, im, logger, name, content)
	case "cooperation":
		f, err := cooperation.Parse(name, content)
		if err != nil {
			return nil, err
		}
		return im.Cooperation(ctx, f)
	}
	return nil, fmt.Errorf("unknown format %q: want one of %s", format, strings.Join(Formats, ", "))
}

func importFiness(ctx context.Context, client *ent.Client, im *importer.Importer, logger *slog.Logger, name string, content []byte) (*importer.Report, error) {
	ex, err := finess.ReadEtalab(name, strings.NewReader(string(content)))
	if err != nil {
		return nil, err
	}
	src := importer.SourceInfo{
		Key:         fmt.Sprintf("finess-etalab-%s-%s", ex.Kind, ex.Date.Format("2006-01-02")),
		Kind:        source.KindREGISTER,
		Title:       fmt.Sprintf("FINESS — extraction etalab %s du %s", ex.Kind, ex.Date.Format("02/01/2006")),
		Reference:   filepath.Base(name),
		URL:         "https://www.data.gouv.fr/fr/datasets/finess-extraction-du-fichier-des-etablissements/",
		Publisher:   "Ministère chargé de la santé (Licence Ouverte)",
		PublishedOn: &ex.Date,
		Note:        fmt.Sprintf("Fichier %s, encodage %s.", filepath.Base(name), ex.Encoding),
	}
	var rep *importer.Report
	if ex.Kind == finess.ExtractLegalEntities {
		rep, err = im.LegalEntities(ctx, src, importer.LegalEntityFile{Entities: ex.LegalEntities, Date: ex.Date, Complete: true, Warnings: ex.Warnings})
	} else {
		loc, lerr := shipped.Territories(ctx, client, logger)
		if lerr != nil {
			return nil, lerr
		}
		rep, err = im.Sites(ctx, src, importer.SiteFile{Sites: ex.Sites, Date: ex.Date, Positioned: ex.Positioned, Complete: true, Warnings: ex.Warnings}, loc)
	}
	return rep, err
}
