package coopgraph

import (
	"time"

	"github.com/maillage/maillage/internal/period"
)

// SitePoint is a positioned site in force, what a map draws as a point.
type SitePoint struct {
	ID                          int
	Label, Finess               string
	Category, CategoryCode      string
	CategoryGroup               string
	LegalEntity                 int // the entity's global ID; 0 when unknown
	Department, Region, Commune string
	Latitude, Longitude         float64
}

// Sites lists the sites in force on day that have coordinates, in FINESS
// order.
func (g *Graph) Sites(day time.Time) []SitePoint {
	placed := func(n *node) bool {
		return n.kind == Site && n.lat != nil && n.lon != nil && period.Holds(n.from, n.to, day)
	}
	count := 0
	for i := range g.nodes {
		if placed(&g.nodes[i]) {
			count++
		}
	}
	out := make([]SitePoint, 0, count) // sized once: the national layer is large
	for _, n := range g.nodes {
		if n.kind != Site || n.lat == nil || n.lon == nil || !period.Holds(n.from, n.to, day) {
			continue
		}
		p := SitePoint{ID: n.id, Label: n.label, Finess: n.finess, Category: n.category, CategoryCode: n.catCode,
			CategoryGroup: n.catGroup, Department: n.department, Region: n.region, Commune: n.commune,
			Latitude: *n.lat, Longitude: *n.lon}
		if n.entity >= 0 {
			p.LegalEntity = g.nodes[n.entity].id
		}
		out = append(out, p)
	}
	return out
}
