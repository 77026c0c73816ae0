package geo

import (
	"math"
	"regexp"
	"strings"

	"github.com/maillage/maillage/internal/textnorm"
)

// Locator places a site in its commune from what the register gives: a
// city line, a postal code (often a CEDEX code), a département and a
// position.
type Locator struct {
	byCode   map[string]*Territory
	byName   map[string][]*Territory // dep + name key → communes
	byPostal map[string][]*Territory // postal code → communes
	byDep    map[string][]*Territory
}

// NewLocator indexes the communes of f.
func NewLocator(f *CommuneFile) *Locator {
	l := &Locator{byCode: map[string]*Territory{}, byName: map[string][]*Territory{}, byPostal: map[string][]*Territory{}, byDep: map[string][]*Territory{}}
	byCode := map[string]*Territory{}
	for i := range f.Communes {
		c := &f.Communes[i]
		byCode[c.Code] = c
		l.byCode[c.Code] = c
		l.byName[c.ParentCode+"|"+textnorm.Key(c.Name)] = append(l.byName[c.ParentCode+"|"+textnorm.Key(c.Name)], c)
		for _, pc := range c.PostalCodes {
			l.byPostal[pc] = append(l.byPostal[pc], c)
		}
		l.byDep[c.ParentCode] = append(l.byDep[c.ParentCode], c)
	}
	for _, d := range f.Delegated {
		if parent, ok := byCode[d.Parent]; ok {
			key := d.Department + "|" + textnorm.Key(d.Name)
			if len(l.byName[key]) == 0 {
				l.byName[key] = []*Territory{parent}
			}
		}
	}
	return l
}

// cedex strips the CEDEX suffix of a city line ("MONTBRISON CEDEX 1").
var cedex = regexp.MustCompile(`(?i)\s+CEDEX(\s+\d+)?\s*$`)

// Locate returns the commune of a site, or nil. It tries, in order, the
// commune's INSEE code when the register gives it, the city name within
// the département, the postal code, and the nearest commune centre
// within the département.
func (l *Locator) Locate(code, dep, postalCode, city string, lat, lon *float64) *Territory {
	if c, ok := l.byCode[code]; ok {
		return c
	}
	name := textnorm.Key(cedex.ReplaceAllString(city, ""))
	if cs := l.byName[dep+"|"+name]; len(cs) == 1 {
		return cs[0]
	}
	candidates := l.byPostal[postalCode]
	if len(candidates) == 1 {
		return candidates[0]
	}
	for _, c := range candidates {
		if textnorm.Key(c.Name) == name || strings.HasSuffix(name, " "+textnorm.Key(c.Name)) {
			return c
		}
	}
	if lat == nil || lon == nil {
		return nil
	}
	if len(candidates) == 0 {
		candidates = l.byDep[dep]
	}
	return nearest(candidates, *lat, *lon)
}

func nearest(cs []*Territory, lat, lon float64) *Territory {
	var best *Territory
	bestD := math.Inf(1)
	cosLat := math.Cos(lat * math.Pi / 180)
	for _, c := range cs {
		if c.Latitude == nil || c.Longitude == nil {
			continue
		}
		dy := *c.Latitude - lat
		dx := (*c.Longitude - lon) * cosLat
		if d := dx*dx + dy*dy; d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
