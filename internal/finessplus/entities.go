package finessplus

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// LegalEntity is a pmej entry: a legal entity with its sites, handed to
// Stream's callback as soon as it is read.
type LegalEntity struct {
	Path        string // e.g. "pmej[12]"
	ID          string // pmSmsseId
	Finess      string // numFinessPm
	Name        string // denominationLonguePmSmsse, else denominationPm
	ShortName   string // denominationPm
	SIREN       string
	LegalStatus string // statutJuridique code (TRE-R400)
	APE         string
	Active      bool       // etatObjet "A" (or absent)
	ValidFrom   *time.Time // events 001/003, else dateCreation
	ValidTo     *time.Time // events 002/004/005/020, else dateFermeture
	Updated     *time.Time // dateDerniereMaj
	Sites       []Site
}

// Site is an ege entry: a site (établissement) of a legal entity.
type Site struct {
	Path        string // e.g. "pmej[12].ege[0]"
	ID          string // egeId
	Finess      string // numFinessEge
	Name        string // nomEgeCourt, else nomEgeLong
	LongName    string // nomEgeLong
	Category    string // categorieEntiteGeographiqueExercice code
	SIRET       string
	Address     string // ligneQuatre, else the street parts
	PostalCode  string
	City        string // ligneAcheminement
	CommuneCode string // cogCommune
	Phone       string
	Active      bool
	ValidFrom   *time.Time // dateOuverture, else events
	ValidTo     *time.Time // dateFermeture, else events
	Updated     *time.Time // dateDerniereMaj
	Position    *Position  // nil when the address has no coordinates
}

// Position is what an address says of where it is, as the file writes
// it: coordonneeX/Y in the département's legal projection (the daily flow
// swaps them: ansforge/finess issue 24), and directionLatitude/Longitude,
// WGS84 in the files seen so far. Locate makes a position of it.
type Position struct {
	Path                string // the coordonneesGeographique object
	X, Y                *float64
	Latitude, Longitude *float64
}

type rawAddress struct {
	Usage      text `json:"usageAdresse"`
	Number     text `json:"numeroVoie"`
	StreetType text `json:"typeVoie"`
	Street     text `json:"libelleVoie"`
	Complement text `json:"complementVoie"`
	Place      text `json:"lieuDit"`
	Commune    text `json:"cogCommune"`
	City       text `json:"ligneAcheminement"`
	Line4      text `json:"ligneQuatre"`
	PostalCode text `json:"codePostal"`
	Coords     *struct {
		X   text `json:"coordonneeX"`
		Y   text `json:"coordonneeY"`
		Lat text `json:"directionLatitude"`
		Lon text `json:"directionLongitude"`
	} `json:"coordonneesGeographique"`
}

type rawContact struct {
	Type struct {
		Role text `json:"roleContact"`
	} `json:"typeContact"`
	Telecom struct {
		Phone text `json:"telephone"`
	} `json:"telecom"`
}

type rawEngagement struct {
	ID        text `json:"engagementId"`
	Type      text `json:"typeEngagement"`
	SubType   text `json:"sousTypeEngagement"`
	Name      text `json:"nomEngagement"`
	Ref       text `json:"identifiantEngagement"`
	Effective text `json:"dateEffetEngagement"`
	Signed    text `json:"dateSignatureEngagement"`
	End       text `json:"dateFinEngagement"`
}

// Engagement is a convention or an arrêté the register records for a
// grouping.
type Engagement struct {
	ID, Type, SubType, Name, Ref string
	Effective, Signed, End       *time.Time
}

// String says the engagement in a line, with the dates the file gives.
func (e Engagement) String() string {
	parts := []string{strings.TrimSpace(e.Type + " " + e.SubType)}
	if e.Name != "" {
		parts = append(parts, e.Name)
	}
	if e.Ref != "" {
		parts = append(parts, "réf. "+e.Ref)
	}
	for _, d := range []struct {
		label string
		t     *time.Time
	}{{"signé le", e.Signed}, {"effet le", e.Effective}, {"fin le", e.End}} {
		if d.t != nil {
			parts = append(parts, d.label+" "+d.t.Format(time.DateOnly))
		}
	}
	return "engagement " + e.ID + " (" + strings.Join(parts, ", ") + ")"
}

func (p *parser) engagements(raw []rawEngagement, path string) ([]Engagement, error) {
	var out []Engagement
	for i := range raw {
		r, epath := &raw[i], fmt.Sprintf("%s[%d]", path, i)
		var e Engagement
		for _, f := range []struct {
			dst *string
			t   text
			key string
		}{{&e.ID, r.ID, "engagementId"}, {&e.Type, r.Type, "typeEngagement"}, {&e.SubType, r.SubType, "sousTypeEngagement"}, {&e.Name, r.Name, "nomEngagement"}, {&e.Ref, r.Ref, "identifiantEngagement"}} {
			v, err := f.t.value(epath + "." + f.key)
			if err != nil {
				return nil, p.errorf("%v", err)
			}
			*f.dst = v
		}
		var err error
		if e.Effective, err = p.date(r.Effective, epath+".dateEffetEngagement"); err != nil {
			return nil, err
		}
		if e.Signed, err = p.date(r.Signed, epath+".dateSignatureEngagement"); err != nil {
			return nil, err
		}
		if e.End, err = p.date(r.End, epath+".dateFinEngagement"); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// address reads the first address of a list, preferring the usage given
// (02: siège of a legal entity, 03: a site's address).
func (p *parser) address(list []rawAddress, path, usage string) (a struct{ line, postal, city, commune string }, pos *Position, err error) {
	if len(list) == 0 {
		return a, nil, nil
	}
	k := 0
	for i := range list {
		if u, _ := list[i].Usage.value(""); u == usage {
			k = i
			break
		}
	}
	r, apath := &list[k], fmt.Sprintf("%s[%d]", path, k)
	get := func(t text, key string) string {
		if err != nil {
			return ""
		}
		var v string
		v, err = t.value(apath + "." + key)
		return strings.Join(strings.Fields(v), " ")
	}
	a.line = get(r.Line4, "ligneQuatre")
	street := strings.Join(strings.Fields(strings.Join([]string{get(r.Number, "numeroVoie"), get(r.StreetType, "typeVoie"), get(r.Street, "libelleVoie"), get(r.Complement, "complementVoie")}, " ")), " ")
	place := get(r.Place, "lieuDit")
	if a.line == "" {
		a.line = street
	}
	if a.line == "" {
		a.line = place
	}
	a.postal, a.city, a.commune = get(r.PostalCode, "codePostal"), get(r.City, "ligneAcheminement"), get(r.Commune, "cogCommune")
	if err != nil {
		return a, nil, p.errorf("%v", err)
	}
	if r.Coords == nil {
		return a, nil, nil
	}
	cpath := apath + ".coordonneesGeographique"
	pos = &Position{Path: cpath}
	for _, f := range []struct {
		dst **float64
		t   text
		key string
	}{{&pos.X, r.Coords.X, "coordonneeX"}, {&pos.Y, r.Coords.Y, "coordonneeY"}, {&pos.Latitude, r.Coords.Lat, "directionLatitude"}, {&pos.Longitude, r.Coords.Lon, "directionLongitude"}} {
		s, err := f.t.value(cpath + "." + f.key)
		if err != nil {
			return a, nil, p.errorf("%v", err)
		}
		if s == "" {
			continue
		}
		v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		if err != nil {
			return a, nil, p.errorf("%s.%s: %q is not a number", cpath, f.key, s)
		}
		*f.dst = &v
	}
	if (pos.X == nil || pos.Y == nil) && (pos.Latitude == nil || pos.Longitude == nil) {
		pos = nil
	}
	return a, pos, nil
}

func (p *parser) phone(list []rawContact, path string) (string, error) {
	for i := range list {
		v, err := list[i].Telecom.Phone.value(fmt.Sprintf("%s[%d].telecom.telephone", path, i))
		if err != nil {
			return "", p.errorf("%v", err)
		}
		if v != "" {
			return v, nil
		}
	}
	return "", nil
}

// texts reads fields into their destinations, naming each by its path.
func (p *parser) texts(path string, fields ...any) error {
	for i := 0; i+2 < len(fields); i += 3 {
		dst, t, key := fields[i].(*string), fields[i+1].(text), fields[i+2].(string)
		v, err := t.value(path + "." + key)
		if err != nil {
			return p.errorf("%v", err)
		}
		*dst = strings.Join(strings.Fields(v), " ")
	}
	return nil
}

// site reads an ege entry whose identifier and FINESS number are checked.
func (p *parser) site(e *rawEGE, path, id, nb string) (Site, error) {
	s := Site{Path: path, ID: id, Finess: nb}
	info := path + ".informationsGeneralesEGE"
	if err := p.texts(info, &s.Name, e.Info.ShortName, "nomEgeCourt", &s.LongName, e.Info.LongName, "nomEgeLong", &s.SIRET, firstOf(e.Info.SIRET, e.SIRET), "siret"); err != nil {
		return s, err
	}
	if s.Name == "" {
		s.Name = s.LongName
	}
	if err := p.texts(path, &s.Category, e.Category, "categorieEntiteGeographiqueExercice"); err != nil {
		return s, err
	}
	var err error
	if s.Active, err = p.state(e.State, path+".etatObjet"); err != nil {
		return s, err
	}
	if s.ValidFrom, err = p.date(e.Info.Opened, info+".dateOuverture"); err != nil {
		return s, err
	}
	if s.ValidTo, err = p.date(e.Info.Closed, info+".dateFermeture"); err != nil {
		return s, err
	}
	if s.ValidFrom == nil || s.ValidTo == nil {
		from, to, err := p.lifespan(e.Events, path+".evenement")
		if err != nil {
			return s, err
		}
		if s.ValidFrom == nil {
			s.ValidFrom = from
		}
		if s.ValidTo == nil {
			s.ValidTo = to
		}
	}
	if s.Updated, err = p.date(e.Updated, path+".dateDerniereMaj"); err != nil {
		return s, err
	}
	a, pos, err := p.address(e.Addresses, path+".adresse", "03")
	if err != nil {
		return s, err
	}
	s.Address, s.PostalCode, s.City, s.CommuneCode, s.Position = a.line, a.postal, a.city, a.commune, pos
	if s.Phone, err = p.phone(e.Contacts, path+".contact"); err != nil {
		return s, err
	}
	return s, nil
}

func firstOf(a, b text) text {
	if a.s != "" || a.bad != "" {
		return a
	}
	return b
}
