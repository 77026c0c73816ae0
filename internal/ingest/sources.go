package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"time"

	"github.com/maillage/maillage/ent/source"
	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/ingest/importer"
)

// How each format's files are named as sources: by what the file says of
// itself (its kind and date), or by its content, so that importing the
// same file again finds the same source.

func etalabSource(name string, ex *finess.Extract) importer.SourceInfo {
	return importer.SourceInfo{
		Key:         fmt.Sprintf("finess-etalab-%s-%s", ex.Kind, ex.Date.Format("2006-01-02")),
		Kind:        source.KindREGISTER,
		Title:       fmt.Sprintf("FINESS — extraction etalab %s du %s", ex.Kind, ex.Date.Format("02/01/2006")),
		Reference:   filepath.Base(name),
		URL:         "https://www.data.gouv.fr/fr/datasets/finess-extraction-du-fichier-des-etablissements/",
		Publisher:   "Ministère chargé de la santé (Licence Ouverte)",
		PublishedOn: &ex.Date,
		Note:        fmt.Sprintf("Fichier %s, encodage %s.", filepath.Base(name), ex.Encoding),
	}
}

func structuresSource(name string, generated time.Time, digest string) importer.SourceInfo {
	return importer.SourceInfo{
		Key:         importer.FamilyStructures + generated.Format("2006-01-02") + "-" + digest,
		Kind:        source.KindREGISTER,
		Title:       "FINESS+ — structures (entités juridiques, établissements, groupes de coopération) du " + generated.Format("02/01/2006"),
		Reference:   filepath.Base(name),
		URL:         "https://www.data.gouv.fr/fr/datasets/finess-structures/",
		Publisher:   "Agence du numérique en santé (Licence Ouverte)",
		PublishedOn: &generated,
	}
}

func ghtListSource(f file, today time.Time) importer.SourceInfo {
	return importer.SourceInfo{
		Key:       importer.FamilyGHTList + digest(f.content),
		Kind:      source.KindREGISTER,
		Title:     "Liste des GHT et de leurs membres (DGOS) — " + filepath.Base(f.name),
		Reference: filepath.Base(f.name),
		Publisher: "Ministère chargé de la santé (DGOS)",
		// The list gives no date of its own: none is recorded.
		Note: "Date de publication non indiquée par le fichier ; importée le " + today.Format("02/01/2006") + " : les membres absents d'une liste plus récente sont clos à cette date.",
	}
}

// territorySource is the source of the shipped territories (package geo).
var territorySource = importer.SourceInfo{
	Key:       "insee-cog-2024-ign-admin-express-2018",
	Kind:      source.KindDATASET,
	Title:     "Régions, départements et communes (INSEE COG 2024) ; contours IGN Admin Express 2018",
	Reference: "data/geo",
	Publisher: "INSEE, IGN (Licence Ouverte)",
	Note:      "Communes et codes postaux : COG 2024 et base officielle des codes postaux ; contours des régions et départements, y compris outre-mer : IGN Admin Express 2018 (france-geojson).",
}

// digest names a file by its content.
func digest(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:6])
}
