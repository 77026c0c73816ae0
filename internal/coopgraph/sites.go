package coopgraph

import (
	"time"

	"github.com/maillage/maillage/internal/period"
)

// SitePoint is a positioned site, what a map draws as a point.
type SitePoint struct {
	ID                          int
	Label, Finess               string
	Category, CategoryCode      string
	CategoryGroup               string
	LegalEntity                 int // the entity's global ID; 0 when unknown
	Department, Region, Commune string
	Latitude, Longitude         float64
	From, To                    *time.Time // the site's dates in the register; nil: open
}

// SiteRef is a site with coordinates in a graph's register layer, for
// Graph.Site: the same for every graph built on that layer.
type SiteRef int32

// Sites lists the sites in force on day that have coordinates, in FINESS
// order.
func (g *Graph) Sites(day time.Time) []SitePoint {
	count := 0
	for i := range g.nodes {
		if g.placed(i) && period.Holds(g.nodes[i].from, g.nodes[i].to, day) {
			count++
		}
	}
	out := make([]SitePoint, 0, count) // sized once: the national layer is large
	for i := range g.nodes {
		if g.placed(i) && period.Holds(g.nodes[i].from, g.nodes[i].to, day) {
			out = append(out, g.Site(SiteRef(i)))
		}
	}
	return out
}

// PlacedSites lists every site that has coordinates, whatever its dates,
// in FINESS order, as references for Site. Sites belong to the register
// layer: the list is the same for graphs that share it (RegisterLayer).
func (g *Graph) PlacedSites() []SiteRef {
	var out []SiteRef
	for i := range g.registers.size {
		if g.placed(i) {
			out = append(out, SiteRef(i))
		}
	}
	return out
}

// Site returns the site r refers to.
func (g *Graph) Site(r SiteRef) SitePoint {
	n := &g.nodes[r]
	p := SitePoint{ID: n.id, Label: n.label, Finess: n.finess, Category: n.category, CategoryCode: n.catCode,
		CategoryGroup: n.catGroup, Department: n.department, Region: n.region, Commune: n.commune,
		Latitude: n.lat, Longitude: n.lon, From: n.from, To: n.to}
	if n.entity >= 0 {
		p.LegalEntity = g.nodes[n.entity].id
	}
	return p
}

// RegisterLayer identifies the register layer g is built on: graphs
// rebuilt after a cooperation change share it, and with it their sites.
func (g *Graph) RegisterLayer() any { return g.registers }

func (g *Graph) placed(i int) bool {
	n := &g.nodes[i]
	return n.kind == Site && n.located
}
