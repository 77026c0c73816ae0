// Package cooperation reads Maillage's own cooperation file (YAML): the
// groupings, conventions, filières and medical teams no register holds,
// each with its source. See the README for the format.
package cooperation

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/period"
)

// File is a parsed cooperation file.
type File struct {
	Sources     []Source     `yaml:"sources"`
	Groupings   []Grouping   `yaml:"groupings"`
	Conventions []Convention `yaml:"conventions"`
	Filieres    []Filiere    `yaml:"filieres"`

	name  string
	ast   *ast.File      // a YAML file's syntax tree, for error lines
	lines map[string]int // a CSV file's line of each record path
}

// Source is where the file's records come from.
type Source struct {
	Key         string `yaml:"key"`
	Kind        string `yaml:"kind"`
	Title       string `yaml:"title"`
	Reference   string `yaml:"reference"`
	URL         string `yaml:"url"`
	Publisher   string `yaml:"publisher"`
	PublishedOn string `yaml:"publishedOn"`
	Note        string `yaml:"note"`
}

// Dated is the validity period of a record, as days YYYY-MM-DD.
type Dated struct {
	ValidFrom          string `yaml:"validFrom"`
	ValidTo            string `yaml:"validTo"`
	ValidFromPrecision string `yaml:"validFromPrecision"`
}

// TerritoryRef names a territory by kind and INSEE code.
type TerritoryRef struct {
	Kind string `yaml:"kind"`
	Code string `yaml:"code"`
}

// Grouping is a GHT, GCS, CHT… with its members.
type Grouping struct {
	Code        string        `yaml:"code"`
	Kind        string        `yaml:"kind"`
	Name        string        `yaml:"name"`
	Finess      string        `yaml:"finess"`
	Description string        `yaml:"description"`
	Territory   *TerritoryRef `yaml:"territory"`
	Source      string        `yaml:"source"`
	Dated       `yaml:",inline"`
	Members     []Member `yaml:"members"`
}

// Member is a legal entity's membership of a grouping.
type Member struct {
	Finess string   `yaml:"finess"`
	Role   string   `yaml:"role"`
	Note   string   `yaml:"note"`
	Sites  []string `yaml:"sites"`
	Dated  `yaml:",inline"`
}

// Convention is an agreement with its parties, filières and teams.
type Convention struct {
	Code        string        `yaml:"code"`
	Kind        string        `yaml:"kind"`
	Title       string        `yaml:"title"`
	Description string        `yaml:"description"`
	Domains     []string      `yaml:"domains"`
	SignedOn    string        `yaml:"signedOn"`
	Territory   *TerritoryRef `yaml:"territory"`
	Source      string        `yaml:"source"`
	Dated       `yaml:",inline"`
	Parties     []Party   `yaml:"parties"`
	Filieres    []Filiere `yaml:"filieres"`
	Teams       []Team    `yaml:"teams"`
}

// Party is a legal entity's part in a convention.
type Party struct {
	Finess      string   `yaml:"finess"`
	Designation string   `yaml:"designation"`
	Role        string   `yaml:"role"`
	Sites       []string `yaml:"sites"`
	Dated       `yaml:",inline"`
}

// Filiere is a care pathway with the organisations' levels.
type Filiere struct {
	Name        string `yaml:"name"`
	Specialty   string `yaml:"specialty"`
	Description string `yaml:"description"`
	// Designations says the source lists designated centres, not a
	// cooperation between them.
	Designations bool          `yaml:"designations"`
	Territory    *TerritoryRef `yaml:"territory"`
	Source       string        `yaml:"source"`
	Dated        `yaml:",inline"`
	Roles        []FiliereRole `yaml:"roles"`
}

// FiliereRole is an organisation's level in a care pathway.
type FiliereRole struct {
	Finess string `yaml:"finess"`
	Site   string `yaml:"site"`
	Level  string `yaml:"level"`
	Detail string `yaml:"detail"`
	Dated  `yaml:",inline"`
}

// Team is a medical team working across sites.
type Team struct {
	Name        string     `yaml:"name"`
	Specialty   string     `yaml:"specialty"`
	Description string     `yaml:"description"`
	Sites       []TeamSite `yaml:"sites"`
	Dated       `yaml:",inline"`
}

// TeamSite is a site of a team with its time share (0–1).
type TeamSite struct {
	Finess    string   `yaml:"finess"`
	TimeShare *float64 `yaml:"timeShare"`
	Dated     `yaml:",inline"`
}

// Parse reads and checks a cooperation file. Errors name the file, the
// line and the field.
// A file whose name ends in .csv is read as CSV (see ParseCSV).
func Parse(name string, content []byte) (*File, error) {
	if strings.HasSuffix(strings.ToLower(name), ".csv") {
		return ParseCSV(name, content)
	}
	f := &File{name: name}
	astFile, err := parser.ParseBytes(content, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", name, yaml.FormatError(err, false, false))
	}
	f.ast = astFile
	if err := yaml.UnmarshalWithOptions(content, f, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("%s: %s", name, yaml.FormatError(err, false, false))
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	return f, nil
}

// Name is the file's name as given to Parse.
func (f *File) Name() string { return f.name }

// Errorf returns an error located at the YAML path (e.g.
// "$.conventions[0].parties[1].finess"), as file:line: field: message.
func (f *File) Errorf(path, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s: %s", f.name, f.line(path), path, fmt.Sprintf(format, args...))
}

func (f *File) line(path string) int {
	if f.lines != nil {
		// The record's line: the longest recorded prefix of the path.
		for p := path; p != ""; {
			if l, ok := f.lines[p]; ok {
				return l
			}
			i := strings.LastIndexAny(p, ".[")
			if i < 0 {
				break
			}
			p = p[:i]
		}
		return 0
	}
	p, err := yaml.PathString(path)
	if err != nil || f.ast == nil {
		return 0
	}
	node, err := p.FilterFile(f.ast)
	if err != nil || node == nil {
		return 0
	}
	return node.GetToken().Position.Line
}

// Enumerations the file's fields must take their values from.
var (
	sourceKinds     = []string{"REGISTER", "DATASET", "LEGAL_TEXT", "CONVENTION", "PRESS", "REPORT", "EDIT", "SYNTHETIC"}
	groupingKinds   = []string{"GHT", "CHT", "GCS", "GCS_ES", "GCSMS", "GIP", "FMIH", "CPT", "CPTS", "MSP", "HEALTH_CENTRE", "SIH", "UNION", "NETWORK", "OTHER"}
	memberRoles     = []string{"SUPPORT", "MEMBER", "ASSOCIATE", "PARTNER"}
	conventionKinds = []string{"CHARTER", "CONVENTION", "CONSTITUTIVE", "PARTNERSHIP", "OTHER"}
	partyRoles      = []string{"SIGNATORY", "COORDINATOR", "ADHERENT"}
	specialties     = []string{"OBSTETRICS_PAEDIATRICS", "SURGERY_ANAESTHESIA", "EMERGENCY", "BIOLOGY", "REHABILITATION", "STROKE", "CYSTIC_FIBROSIS", "GERIATRICS", "PSYCHIATRY", "ONCOLOGY", "IMAGING", "OTHER"}
	levels          = []string{"PROXIMITY", "RECOURS", "REFERENCE"}
	precisions      = []string{"DAY", "MONTH", "YEAR"}
	territoryKinds  = []string{"REGION", "DEPARTMENT", "COMMUNE", "HEALTH_TERRITORY"}
)

// check validates everything that does not need the database.
func (f *File) check() error {
	c := checker{f: f, sources: map[string]bool{}}
	for i, s := range f.Sources {
		p := fmt.Sprintf("$.sources[%d]", i)
		c.required(p+".key", s.Key)
		c.required(p+".title", s.Title)
		c.oneOf(p+".kind", s.Kind, sourceKinds, true)
		c.date(p+".publishedOn", s.PublishedOn)
		if c.sources[s.Key] {
			c.fail(p+".key", "source key %q is used twice", s.Key)
		}
		c.sources[s.Key] = true
	}
	for i, g := range f.Groupings {
		p := fmt.Sprintf("$.groupings[%d]", i)
		c.required(p+".code", g.Code)
		c.required(p+".name", g.Name)
		c.oneOf(p+".kind", g.Kind, groupingKinds, true)
		c.source(p+".source", g.Source, true)
		c.finess(p+".finess", g.Finess, false)
		c.territory(p+".territory", g.Territory)
		c.dated(p, g.Dated)
		for j, m := range g.Members {
			q := fmt.Sprintf("%s.members[%d]", p, j)
			c.finess(q+".finess", m.Finess, true)
			c.oneOf(q+".role", m.Role, memberRoles, true)
			c.sites(q+".sites", m.Sites)
			c.dated(q, m.Dated)
		}
	}
	for i, cv := range f.Conventions {
		p := fmt.Sprintf("$.conventions[%d]", i)
		c.required(p+".code", cv.Code)
		c.required(p+".title", cv.Title)
		c.oneOf(p+".kind", cv.Kind, conventionKinds, true)
		c.source(p+".source", cv.Source, true)
		c.date(p+".signedOn", cv.SignedOn)
		c.territory(p+".territory", cv.Territory)
		c.dated(p, cv.Dated)
		if len(cv.Parties) == 0 {
			c.fail(p+".parties", "a convention needs at least one party")
		}
		for j, pa := range cv.Parties {
			q := fmt.Sprintf("%s.parties[%d]", p, j)
			c.finess(q+".finess", pa.Finess, true)
			c.oneOf(q+".role", pa.Role, partyRoles, false)
			c.sites(q+".sites", pa.Sites)
			c.dated(q, pa.Dated)
		}
		for j, fl := range cv.Filieres {
			c.filiere(fmt.Sprintf("%s.filieres[%d]", p, j), fl, false)
		}
		for j, t := range cv.Teams {
			q := fmt.Sprintf("%s.teams[%d]", p, j)
			c.required(q+".name", t.Name)
			c.dated(q, t.Dated)
			for k, s := range t.Sites {
				r := fmt.Sprintf("%s.sites[%d]", q, k)
				c.finess(r+".finess", s.Finess, true)
				if s.TimeShare != nil && (*s.TimeShare <= 0 || *s.TimeShare > 1) {
					c.fail(r+".timeShare", "time share %g is outside (0, 1]", *s.TimeShare)
				}
				c.dated(r, s.Dated)
			}
		}
	}
	for i, fl := range f.Filieres {
		c.filiere(fmt.Sprintf("$.filieres[%d]", i), fl, true)
	}
	return c.err
}

// checker collects the first error found, located in the file.
type checker struct {
	f       *File
	sources map[string]bool
	err     error
}

func (c *checker) fail(path, format string, args ...any) {
	if c.err == nil {
		c.err = c.f.Errorf(path, format, args...)
	}
}

func (c *checker) required(path, v string) {
	if v == "" {
		c.fail(path, "required")
	}
}

func (c *checker) oneOf(path, v string, allowed []string, required bool) {
	if v == "" {
		if required {
			c.fail(path, "required, one of %v", allowed)
		}
		return
	}
	if !slices.Contains(allowed, v) {
		c.fail(path, "%q is not one of %v", v, allowed)
	}
}

func (c *checker) source(path, key string, required bool) {
	if key == "" {
		if required {
			c.fail(path, "required: the key of one of the file's sources")
		}
		return
	}
	if !c.sources[key] {
		c.fail(path, "unknown source %q: declare it under sources", key)
	}
}

func (c *checker) finess(path, n string, required bool) {
	if n == "" {
		if required {
			c.fail(path, "required")
		}
		return
	}
	if err := finess.Validate(n); err != nil {
		c.fail(path, "%v", err)
	}
}

func (c *checker) sites(path string, sites []string) {
	for i, s := range sites {
		c.finess(path+"["+strconv.Itoa(i)+"]", s, true)
	}
}

func (c *checker) date(path, v string) {
	if v == "" {
		return
	}
	if _, err := period.ParseDay(v); err != nil {
		c.fail(path, "%v", err)
	}
}

func (c *checker) dated(path string, d Dated) {
	c.date(path+".validFrom", d.ValidFrom)
	c.date(path+".validTo", d.ValidTo)
	c.oneOf(path+".validFromPrecision", d.ValidFromPrecision, precisions, false)
	if d.ValidFromPrecision != "" && d.ValidFrom == "" {
		c.fail(path+".validFromPrecision", "given without validFrom")
	}
	if d.ValidFrom != "" && d.ValidTo != "" && c.err == nil {
		from, _ := period.ParseDay(d.ValidFrom)
		to, _ := period.ParseDay(d.ValidTo)
		if err := period.CheckOrder(from, to); err != nil {
			c.fail(path+".validTo", "%v", err)
		}
	}
}

func (c *checker) territory(path string, t *TerritoryRef) {
	if t == nil {
		return
	}
	c.oneOf(path+".kind", t.Kind, territoryKinds, true)
	c.required(path+".code", t.Code)
}

func (c *checker) filiere(path string, fl Filiere, topLevel bool) {
	c.required(path+".name", fl.Name)
	c.oneOf(path+".specialty", fl.Specialty, specialties, true)
	c.source(path+".source", fl.Source, topLevel)
	c.territory(path+".territory", fl.Territory)
	c.dated(path, fl.Dated)
	for i, r := range fl.Roles {
		q := fmt.Sprintf("%s.roles[%d]", path, i)
		c.finess(q+".finess", r.Finess, true)
		c.finess(q+".site", r.Site, false)
		c.oneOf(q+".level", r.Level, levels, false)
		c.dated(q, r.Dated)
	}
}

// Day parses an optional day already checked by Parse.
func Day(v string) *time.Time {
	if v == "" {
		return nil
	}
	t, err := period.ParseDay(v)
	if err != nil {
		return nil
	}
	return &t
}
