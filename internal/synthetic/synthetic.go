// Package synthetic writes a realistic, seeded cooperation layer over the
// loaded register — GHTs covering the public hospitals, GCS, conventions
// (every EHPAD bound to a hospital), medical teams and graded filières —
// with a few known defects planted, as a cooperation file. Benchmarks
// and the checks' tests run on it.
package synthetic

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/goccy/go-yaml"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/internal/cooperation"
	"github.com/maillage/maillage/internal/finess"
)

// Sizes of the generated layer.
const (
	GHTs                   = 150
	GCSs                   = 1000
	Conventions            = 5000
	Teams                  = 500
	FilieresPerRegion      = 20
	sourceKey              = "synthetic"
	start                  = "2016-07-01"
	CheckDay               = "2024-01-01" // the day Planted findings hold on
	maxEHPADsPerConvention = 3
)

// Planted is a defect the layer carries on purpose: the rule that must
// find it and the FINESS number or code of the record it must name first.
type Planted struct {
	Rule string
	Key  string
}

// Layer is a generated cooperation file and its planted defects.
type Layer struct {
	File    []byte
	Planted []Planted
}

// entity is what the generator knows of a legal entity.
type entity struct {
	finess       string
	public       bool
	hospital     bool
	ehpad        bool // runs an EHPAD and no hospital
	department   string
	region       string
	sites        []string // site FINESS numbers
	ehpadSites   []string // its EHPADs (FINESS category 500)
	hospitalSite string
	level        string // REFERENCE (CHU/CHR), RECOURS (CH), PROXIMITY
}

// Generate builds the layer from the register loaded in c, seeded so that
// the same register gives the same layer.
func Generate(ctx context.Context, c *ent.Client, seed uint64) (*Layer, error) {
	entities, err := readEntities(ctx, c)
	if err != nil {
		return nil, err
	}
	rnd := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	gen := &generator{rnd: rnd, file: &cooperation.File{Sources: []cooperation.Source{{
		Key: sourceKey, Kind: "SYNTHETIC", Title: "Couche de coopérations synthétique (tests et mesures)",
		Note: "Générée par maillage gen synthetic : aucune de ces coopérations n'existe.",
	}}}}
	gen.byDepartment(entities)
	if err := gen.ghts(); err != nil {
		return nil, err
	}
	gen.gcs()
	gen.conventions()
	gen.filieres()
	out, err := yaml.Marshal(gen.file)
	if err != nil {
		return nil, err
	}
	return &Layer{File: out, Planted: gen.planted}, nil
}

type generator struct {
	rnd         *rand.Rand
	file        *cooperation.File
	planted     []Planted
	departments []string
	hospitals   map[string][]*entity // public hospitals by département
	private     map[string][]*entity // private hospitals by département
	ehpads      map[string][]*entity
	regions     map[string][]*entity // hospitals by région
	ghtOf       map[*entity]int      // index of the GHT of a public hospital
}

func readEntities(ctx context.Context, c *ent.Client) ([]*entity, error) {
	sites, err := c.Establishment.Query().Where().All(ctx)
	if err != nil {
		return nil, err
	}
	entities, err := c.LegalEntity.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int]*entity{}
	var out []*entity
	for _, e := range entities {
		if e.ValidTo != nil {
			continue
		}
		en := &entity{finess: e.Finess, public: finess.PublicHospitalService(e.LegalStatus, e.PublicStatus)}
		byID[e.ID] = en
		out = append(out, en)
	}
	sort.Slice(sites, func(i, j int) bool { return sites[i].Finess < sites[j].Finess })
	for _, s := range sites {
		en := byID[s.LegalEntityID]
		if en == nil || s.ValidTo != nil {
			continue
		}
		en.sites = append(en.sites, s.Finess)
		if en.department == "" {
			en.department, en.region = s.DepartmentCode, s.RegionCode
		}
		switch s.CategoryGroupCode {
		case "1101":
			en.hospital, en.level, en.hospitalSite = true, "REFERENCE", s.Finess
			en.department, en.region = s.DepartmentCode, s.RegionCode
		case "1102", "1103", "1104", "1106":
			if !en.hospital {
				en.hospital, en.level, en.hospitalSite = true, "RECOURS", s.Finess
				en.department, en.region = s.DepartmentCode, s.RegionCode
			}
		}
		if s.CategoryCode == "500" {
			en.ehpad = true
			if s.ValidFrom == nil || s.ValidFrom.Format("2006-01-02") <= CheckDay {
				en.ehpadSites = append(en.ehpadSites, s.Finess)
			}
		}
	}
	for _, e := range out {
		if e.hospital {
			e.ehpad = false // its EHPADs are the hospital's own
		}
	}
	return out, nil
}

func (g *generator) byDepartment(entities []*entity) {
	g.hospitals, g.private, g.ehpads, g.regions = map[string][]*entity{}, map[string][]*entity{}, map[string][]*entity{}, map[string][]*entity{}
	for _, e := range entities {
		if e.department == "" || e.region == "" {
			continue
		}
		switch {
		case e.hospital && e.public:
			g.hospitals[e.department] = append(g.hospitals[e.department], e)
			g.regions[e.region] = append(g.regions[e.region], e)
		case e.hospital:
			g.private[e.department] = append(g.private[e.department], e)
			g.regions[e.region] = append(g.regions[e.region], e)
		case e.ehpad:
			g.ehpads[e.department] = append(g.ehpads[e.department], e)
		}
	}
	for d := range g.hospitals {
		g.departments = append(g.departments, d)
	}
	sort.Strings(g.departments)
}

func (g *generator) member(e *entity, role string) cooperation.Member {
	return cooperation.Member{Finess: e.finess, Role: role, Dated: cooperation.Dated{ValidFrom: start}}
}

// ghts covers every public hospital with a GHT of its département, about
// GHTs in all, and plants the GHT defects.
func (g *generator) ghts() error {
	total := 0
	for _, d := range g.departments {
		total += len(g.hospitals[d])
	}
	size := max(1, total/GHTs)
	g.ghtOf = map[*entity]int{}
	for _, d := range g.departments {
		hs := g.hospitals[d]
		for n := 0; n*size < len(hs); n++ {
			chunk := hs[n*size : min((n+1)*size, len(hs))]
			if len(hs)-(n+1)*size < size/2 && (n+1)*size < len(hs) { // no tiny remainder
				chunk = hs[n*size:]
			}
			gr := cooperation.Grouping{
				Code: fmt.Sprintf("SYN-GHT-%s-%d", d, n+1), Kind: "GHT", Name: fmt.Sprintf("GHT synthétique %s n°%d", d, n+1),
				Territory: &cooperation.TerritoryRef{Kind: "DEPARTMENT", Code: d}, Source: sourceKey, Dated: cooperation.Dated{ValidFrom: start},
			}
			for k, h := range chunk {
				role := "MEMBER"
				if k == 0 {
					role = "SUPPORT"
				}
				gr.Members = append(gr.Members, g.member(h, role))
				g.ghtOf[h] = len(g.file.Groupings)
			}
			g.file.Groupings = append(g.file.Groupings, gr)
			if len(chunk) == len(hs)-n*size {
				break
			}
		}
	}
	return g.plantGHTDefects()
}

// plantGHTDefects breaks a few GHTs, each in one known way.
func (g *generator) plantGHTDefects() error {
	var bigs []int // GHTs with at least 4 members, to break
	for i, gr := range g.file.Groupings {
		if len(gr.Members) >= 4 {
			bigs = append(bigs, i)
		}
	}
	if len(bigs) < 4 {
		return fmt.Errorf("synthetic: too few GHTs to plant defects in")
	}
	gh := &g.file.Groupings
	// 1. A public hospital left out of its GHT.
	left := &(*gh)[bigs[0]]
	out := left.Members[len(left.Members)-1]
	left.Members = left.Members[:len(left.Members)-1]
	g.plant("public-hospital-without-ght", out.Finess)
	// 2. A GHT without support; another with two.
	(*gh)[bigs[1]].Members[0].Role = "MEMBER"
	g.plant("ght-support-count", (*gh)[bigs[1]].Code)
	(*gh)[bigs[2]].Members[1].Role = "SUPPORT"
	g.plant("ght-support-count", (*gh)[bigs[2]].Code)
	// 3. A GHT whose support, a private hospital of its département,
	// left in 2019 with no successor: no support in force, and the
	// support named is not a member.
	rest := bigs[3:]
	for k, i := range rest {
		third := &(*gh)[i]
		priv := g.private[third.Territory.Code]
		if len(priv) == 0 {
			continue
		}
		third.Members[0].Role = "MEMBER"
		third.Members = append(third.Members, cooperation.Member{Finess: priv[0].finess, Role: "SUPPORT", Dated: cooperation.Dated{ValidFrom: start, ValidTo: "2019-01-01"}})
		g.plant("support-not-member", third.Code)
		g.plant("ght-support-count", third.Code)
		rest = slices.Delete(slices.Clone(rest), k, k+1)
		break
	}
	// 4. A member moved to a GHT of another département.
	for _, i := range rest {
		for _, j := range rest {
			moved, other := &(*gh)[i], &(*gh)[j]
			if other.Territory.Code == moved.Territory.Code {
				continue
			}
			m := moved.Members[len(moved.Members)-1]
			moved.Members = moved.Members[:len(moved.Members)-1]
			other.Members = append(other.Members, m)
			g.plant("ght-member-outside-territory", other.Code)
			return nil
		}
	}
	return fmt.Errorf("synthetic: no two GHTs of different départements")
}

func (g *generator) plant(rule, key string) { g.planted = append(g.planted, Planted{rule, key}) }

// gcs binds hospitals of a département, public and private, two or three at a time.
func (g *generator) gcs() {
	for n := 0; n < GCSs; n++ {
		d := g.departments[g.rnd.IntN(len(g.departments))]
		pool := append(slices.Clone(g.hospitals[d]), g.private[d]...)
		if len(pool) < 2 {
			n--
			continue
		}
		g.rnd.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
		from := fmt.Sprintf("%d-%02d-01", 2005+g.rnd.IntN(18), 1+g.rnd.IntN(12))
		gr := cooperation.Grouping{Code: fmt.Sprintf("SYN-GCS-%04d", n+1), Kind: "GCS", Name: fmt.Sprintf("GCS synthétique n°%d", n+1),
			Territory: &cooperation.TerritoryRef{Kind: "DEPARTMENT", Code: d}, Source: sourceKey, Dated: cooperation.Dated{ValidFrom: from}}
		for _, h := range pool[:min(len(pool), 2+g.rnd.IntN(2))] {
			gr.Members = append(gr.Members, cooperation.Member{Finess: h.finess, Role: "MEMBER", Dated: cooperation.Dated{ValidFrom: from}})
		}
		g.file.Groupings = append(g.file.Groupings, gr)
	}
}

var domains = []string{"INFORMATION_SYSTEM", "HUMAN_RESOURCES", "CARE_ORGANISATION", "PURCHASING_LOGISTICS", "FINANCE", "QUALITY_SAFETY", "MEDICAL_PROJECT", "TRAINING", "PHARMACY", "TELEMEDICINE"}

// conventions binds every EHPAD entity (but three, planted) to a public
// hospital of its département, fills up to Conventions with hospital
// conventions, gives Teams of them a medical team, and plants a stale one.
func (g *generator) conventions() {
	n := 0
	add := func(parties []*entity, kind string, dated cooperation.Dated) *cooperation.Convention {
		n++
		cv := cooperation.Convention{Code: fmt.Sprintf("SYN-CONV-%05d", n), Kind: kind, Title: fmt.Sprintf("Convention synthétique n°%d", n),
			Domains: []string{domains[g.rnd.IntN(len(domains))]}, Source: sourceKey, Dated: dated}
		for _, p := range parties {
			cv.Parties = append(cv.Parties, cooperation.Party{Finess: p.finess})
		}
		g.file.Conventions = append(g.file.Conventions, cv)
		return &g.file.Conventions[len(g.file.Conventions)-1]
	}
	leftOut, teams := 0, 0
	var ehpadDeps []string
	for d := range g.ehpads {
		ehpadDeps = append(ehpadDeps, d)
	}
	sort.Strings(ehpadDeps)
	for _, d := range ehpadDeps {
		es := g.ehpads[d]
		hospitals := g.hospitals[d]
		if len(hospitals) == 0 { // no public hospital there: one of the région
			hospitals = g.regions[es[0].region]
		}
		for k := 0; k < len(es); k += maxEHPADsPerConvention {
			group := es[k:min(k+maxEHPADsPerConvention, len(es))]
			if leftOut < 3 && d == g.departments[len(g.departments)/2] {
				for _, site := range group[0].ehpadSites {
					g.plant("ehpad-without-hospital-convention", site)
				}
				group = group[1:]
				leftOut++
				if len(group) == 0 {
					continue
				}
			}
			h := hospitals[g.rnd.IntN(len(hospitals))]
			add(append([]*entity{h}, group...), "CONVENTION", cooperation.Dated{ValidFrom: "2018-01-01"})
		}
	}
	for n < Conventions-1 {
		d := g.departments[g.rnd.IntN(len(g.departments))]
		pool := append(slices.Clone(g.hospitals[d]), g.private[d]...)
		if len(pool) < 2 {
			continue
		}
		g.rnd.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
		cv := add(pool[:2], "PARTNERSHIP", cooperation.Dated{ValidFrom: fmt.Sprintf("%d-01-01", 2010+g.rnd.IntN(13))})
		if teams < Teams && g.rnd.IntN(4) == 0 {
			teams++
			a, b := pool[0], pool[1]
			cv.Teams = append(cv.Teams, cooperation.Team{Name: fmt.Sprintf("Équipe médicale de territoire synthétique n°%d", n), Specialty: "anesthésie",
				Sites: []cooperation.TeamSite{{Finess: a.hospitalSite, TimeShare: share(0.6)}, {Finess: b.hospitalSite, TimeShare: share(0.4)}}})
		}
	}
	// A convention past its end whose parties are still recorded as bound.
	d := g.departments[0]
	stale := add(g.hospitals[d][:1], "CONVENTION", cooperation.Dated{ValidFrom: "2010-01-01", ValidTo: "2019-12-31"})
	stale.Parties[0].ValidTo = "2030-12-31" // the party is still recorded as bound
	g.plant("convention-past-end-still-current", stale.Code)
}

func share(v float64) *float64 { return &v }

var specialties = []string{"OBSTETRICS_PAEDIATRICS", "SURGERY_ANAESTHESIA", "EMERGENCY", "BIOLOGY", "REHABILITATION", "STROKE", "GERIATRICS", "PSYCHIATRY", "ONCOLOGY", "IMAGING"}

// filieres grades FilieresPerRegion pathways per région over its hospitals.
func (g *generator) filieres() {
	var regions []string
	for r := range g.regions {
		regions = append(regions, r)
	}
	sort.Strings(regions)
	for _, r := range regions {
		hs := g.regions[r]
		for k := 0; k < FilieresPerRegion; k++ {
			fl := cooperation.Filiere{Name: fmt.Sprintf("Filière synthétique %s n°%d", r, k+1), Specialty: specialties[k%len(specialties)],
				Territory: &cooperation.TerritoryRef{Kind: "REGION", Code: r}, Source: sourceKey, Dated: cooperation.Dated{ValidFrom: "2017-01-01"}}
			picked := map[string]bool{}
			for _, h := range hs[:min(len(hs), 10)] {
				if picked[h.finess] {
					continue
				}
				picked[h.finess] = true
				level := h.level
				if !h.public && level == "RECOURS" {
					level = "PROXIMITY"
				}
				fl.Roles = append(fl.Roles, cooperation.FiliereRole{Finess: h.finess, Level: level})
			}
			g.file.Filieres = append(g.file.Filieres, fl)
		}
		g.rnd.Shuffle(len(hs), func(i, j int) { hs[i], hs[j] = hs[j], hs[i] })
	}
}
