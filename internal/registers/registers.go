// Package registers imports the files users download or write — FINESS
// etalab extracts, FINESS+ structures, the ministry's GHT list, cooperation
// files — by reading each with its format's package and handing the
// result to the importer.
package registers

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/source"
	"github.com/maillage/maillage/internal/cooperation"
	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/finessplus"
	"github.com/maillage/maillage/internal/ghtlist"
	"github.com/maillage/maillage/internal/importer"
	"github.com/maillage/maillage/internal/shipped"
)

// Formats are the kinds of file Import reads.
var Formats = []string{"finess", "structures", "ght", "cooperation"}

// Import reads content (the file name is for messages and provenance)
// as the given format and imports it in one transaction.
func Import(ctx context.Context, client *ent.Client, progress importer.Progress, logger *slog.Logger, format, name string, content []byte) (*importer.Report, error) {
	im := importer.New(client).WithProgress(progress)
	switch format {
	case "finess":
		return importFiness(ctx, client, im, logger, name, content)
	case "structures":
		f, err := finessplus.Read(name, bytes.NewReader(content))
		if err != nil {
			return nil, err
		}
		day := f.GeneratedAt.UTC()
		return im.Structures(ctx, importer.SourceInfo{
			Key:         importer.FamilyStructures + day.Format("2006-01-02") + "-" + digest(content),
			Kind:        source.KindREGISTER,
			Title:       "FINESS+ — structures (groupes de coopération) du " + day.Format("02/01/2006"),
			Reference:   filepath.Base(name),
			URL:         "https://www.data.gouv.fr/fr/datasets/finess-structures/",
			Publisher:   "Agence du numérique en santé (Licence Ouverte)",
			PublishedOn: &day,
		}, f)
	case "ght":
		rows, err := ghtlist.Read(name, content)
		if err != nil {
			return nil, err
		}
		today := time.Now().UTC().Truncate(24 * time.Hour)
		return im.GHTList(ctx, importer.SourceInfo{
			Key:         importer.FamilyGHTList + digest(content),
			Kind:        source.KindREGISTER,
			Title:       "Liste des GHT et de leurs membres (DGOS) — " + filepath.Base(name),
			Reference:   filepath.Base(name),
			Publisher:   "Ministère chargé de la santé (DGOS)",
			PublishedOn: &today,
			Note:        "Importée le " + today.Format("02/01/2006") + " : les membres absents d'une liste plus récente sont clos à cette date.",
		}, name, rows, today)
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

// digest names a file by its content, so that importing the same file
// again finds the same source.
func digest(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:6])
}
