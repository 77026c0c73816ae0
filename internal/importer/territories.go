package importer

import (
	"context"
	"fmt"
	"strings"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/territory"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/geo"
)

// Territories loads régions, départements and communes, parents first.
// Territories already present (same kind and code) are left as they are.
func (im *Importer) Territories(ctx context.Context, src SourceInfo, levels ...[]geo.Territory) (*Report, error) {
	ctx = access.AsSystem(ctx) // an import writes as Maillage itself, whoever runs it
	return im.inTx(ctx, src.Key, &src, func(tx *ent.Tx, sourceID int, rep *Report) error {
		ids, err := territoryIDs(ctx, tx.Client())
		if err != nil {
			return err
		}
		for _, level := range levels {
			var builders []*ent.TerritoryCreate
			var keys []string
			for _, t := range level {
				key := t.Kind + "|" + t.Code
				if _, ok := ids[key]; ok {
					rep.Unchanged["territory"]++
					continue
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
	})
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
