package geo

import (
	"fmt"
	"io"

	"github.com/paulmach/orb/geojson"

	"github.com/maillage/maillage/data"
)

// The territory files Maillage ships, under data/.
const (
	regionsFile      = "geo/regions.csv"
	departmentsFile  = "geo/departements.csv"
	communesFile     = "geo/communes.csv.gz"
	regionShapes     = "geo/regions.geojson.gz"
	departmentShapes = "geo/departements.geojson.gz"
)

// France is every territory Maillage knows: régions and départements
// with their boundaries, then communes, in the order they must be
// stored (parents first), and the locator over those communes.
type France struct {
	Levels  [][]Territory
	Locator *Locator
}

// ReadFrance reads the shipped territory files.
func ReadFrance() (*France, error) {
	regions, err := readShipped(regionsFile, func(r io.Reader) ([]Territory, error) { return ReadRegions(regionsFile, r) })
	if err != nil {
		return nil, err
	}
	departments, err := readShipped(departmentsFile, func(r io.Reader) ([]Territory, error) { return ReadDepartments(departmentsFile, r) })
	if err != nil {
		return nil, err
	}
	communes, err := readShipped(communesFile, func(r io.Reader) (*CommuneFile, error) { return ReadCommunes(communesFile, r) })
	if err != nil {
		return nil, err
	}
	for _, shapes := range []struct {
		file  string
		level []Territory
	}{{regionShapes, regions}, {departmentShapes, departments}} {
		boundaries, err := readShipped(shapes.file, func(r io.Reader) (map[string]string, error) { return ReadBoundaries(shapes.file, r) })
		if err != nil {
			return nil, err
		}
		for i := range shapes.level {
			if b, ok := boundaries[shapes.level[i].Code]; ok {
				shapes.level[i].Boundary = &b
			}
		}
	}
	return &France{Levels: [][]Territory{regions, departments, communes.Communes}, Locator: NewLocator(communes)}, nil
}

func readShipped[T any](name string, read func(io.Reader) (T, error)) (T, error) {
	var zero T
	rc, err := data.Open(name)
	if err != nil {
		return zero, fmt.Errorf("open shipped data/%s: %w", name, err)
	}
	defer rc.Close()
	return read(rc)
}

// BoundaryLayers name the shipped boundary files as the map serves them.
var BoundaryLayers = []string{"regions", "departements"}

// ShippedBoundaries reads a boundary layer ("regions" or "departements")
// as shipped: features with properties code and nom.
func ShippedBoundaries(layer string) (*geojson.FeatureCollection, error) {
	var name string
	switch layer {
	case "regions":
		name = regionShapes
	case "departements":
		name = departmentShapes
	default:
		return nil, fmt.Errorf("no boundary layer %q: want one of %v", layer, BoundaryLayers)
	}
	text, err := data.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(text)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return fc, nil
}
