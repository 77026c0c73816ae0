package importer

import (
	"context"
	"fmt"
	"strings"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/territory"
	"github.com/maillage/maillage/internal/geo"
)

// TerritoryFile is the régions, départements and communes sites are
// placed in, parents first, and the locator that finds a site's commune.
type TerritoryFile struct {
	Source  SourceInfo
	Levels  [][]geo.Territory
	Locator *geo.Locator
}

// writeTerritories adds the territories the database lacks (same kind
// and code), inside the transaction of the import that needs them, and
// leaves those present as they are.
func writeTerritories(ctx context.Context, tx *ent.Tx, file TerritoryFile, rep *Report) error {
	sourceID, _, err := upsertSource(ctx, tx.Client(), file.Source)
	if err != nil {
		return err
	}
	ids, err := territoryIDs(ctx, tx.Client())
	if err != nil {
		return err
	}
	for _, level := range file.Levels {
		var builders []*ent.TerritoryCreate
		var keys []string
		for _, t := range level {
			key := t.Kind + "|" + t.Code
			if _, ok := ids[key]; ok {
				continue // not counted: every site import would report 35,000 unchanged communes
			}
			b := tx.Territory.Create().
				SetKind(territory.Kind(t.Kind)).
				SetCode(t.Code).
				SetName(t.Name).
				SetNillableLatitude(t.Latitude).
				SetNillableLongitude(t.Longitude).
				SetNillablePopulation(t.Population).
				SetPostalCodes(strings.Join(t.PostalCodes, " ")).
				SetNillableBoundary(t.Boundary).
				SetSourceID(sourceID)
			if t.ParentKind != "" {
				parent, ok := ids[t.ParentKind+"|"+t.ParentCode]
				if !ok {
					return fmt.Errorf("territory %s %s: unknown parent %s %s", t.Kind, t.Code, t.ParentKind, t.ParentCode)
				}
				b.SetParentID(parent)
			}
			builders = append(builders, b)
			keys = append(keys, key)
		}
		created, err := createInBatches(ctx, len(builders), func(i int) *ent.TerritoryCreate { return builders[i] }, func(ctx context.Context, bs []*ent.TerritoryCreate) ([]*ent.Territory, error) {
			return tx.Territory.CreateBulk(bs...).Save(ctx)
		}, func(i int, t *ent.Territory) { ids[keys[i]] = t.ID })
		if err != nil {
			return err
		}
		rep.Added["territory"] += created
	}
	return nil
}

// territoryIDs maps "KIND|code" to the ID of every stored territory.
func territoryIDs(ctx context.Context, c *ent.Client) (map[string]int, error) {
	var rows []struct {
		ID   int    `json:"id"`
		Kind string `json:"kind"`
		Code string `json:"code"`
	}
	if err := c.Territory.Query().Select(territory.FieldID, territory.FieldKind, territory.FieldCode).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	ids := make(map[string]int, len(rows))
	for _, r := range rows {
		ids[r.Kind+"|"+r.Code] = r.ID
	}
	return ids, nil
}

// regionsOfDepartments maps each département code to its région code.
func regionsOfDepartments(ctx context.Context, c *ent.Client) (map[string]string, error) {
	deps, err := c.Territory.Query().Where(territory.KindEQ(territory.KindDEPARTMENT)).WithParent().All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(deps))
	for _, d := range deps {
		if d.Edges.Parent != nil {
			out[d.Code] = d.Edges.Parent.Code
		}
	}
	return out, nil
}
