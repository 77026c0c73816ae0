package cooperation

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// csvColumns are the columns of the CSV form of a cooperation file, one
// row per statement; a row fills the columns its type uses.
//
//	type        what the row states               record              parent
//	source      a source (kind, name=title, url,  its key
//	            published_on, publisher, detail=note)
//	grouping    a grouping                        its code
//	member      a membership (finess, role, sites) the grouping's code
//	convention  a convention (domains)            its code
//	party       a party (finess, role, detail=designation, sites)  the convention's code
//	filiere     a filière (specialty)             its name            a convention's code, or empty
//	role        a filière role (finess, level, detail, sites=site) the filière's name
//	team        a medical team (specialty)        its name            the convention's code
//	team_site   a team's site (finess, time_share) the team's name
//
// Lists (sites, domains) are separated by "|"; territory is KIND:CODE
// (e.g. DEPARTMENT:42); dates are YYYY-MM-DD.
var csvColumns = []string{
	"type", "record", "parent", "kind", "name", "finess", "role", "sites", "level", "detail",
	"time_share", "valid_from", "valid_to", "valid_from_precision", "territory", "domains",
	"specialty", "description", "source", "url", "published_on", "publisher",
}

// ParseCSV reads and checks the CSV form of a cooperation file (`;` or
// `,` separated, with a header naming the columns above, in any order;
// unused columns may be left out). Errors name the file, the line and
// the field.
func ParseCSV(name string, content []byte) (*File, error) {
	content = bytes.TrimPrefix(content, []byte("\xef\xbb\xbf"))
	first, _, _ := bytes.Cut(content, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(content))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s:1: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		known := false
		for _, c := range csvColumns {
			known = known || c == h
		}
		if !known {
			return nil, fmt.Errorf("%s:1: unknown column %q (columns: %s)", name, h, strings.Join(csvColumns, ", "))
		}
		col[h] = i
	}
	for _, required := range []string{"type", "record"} {
		if _, ok := col[required]; !ok {
			return nil, fmt.Errorf("%s:1: missing column %q", name, required)
		}
	}
	b := csvBuilder{f: &File{name: name, lines: map[string]int{}}, groupings: map[string]int{}, conventions: map[string]int{}, filieres: map[string]string{}, teams: map[string]string{}}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		get := func(c string) string {
			if i, ok := col[c]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		if err := b.add(line, get); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := b.f.check(); err != nil {
		return nil, err
	}
	return b.f, nil
}

// csvBuilder turns rows into the File a YAML file would give, noting
// each record's line.
type csvBuilder struct {
	f           *File
	groupings   map[string]int    // code → index
	conventions map[string]int    // code → index
	filieres    map[string]string // name → path
	teams       map[string]string // name → path
}

func (b *csvBuilder) add(line int, get func(string) string) error {
	f := b.f
	dated := Dated{ValidFrom: get("valid_from"), ValidTo: get("valid_to"), ValidFromPrecision: get("valid_from_precision")}
	record, parent := get("record"), get("parent")
	territory, err := territoryRef(get("territory"))
	if err != nil {
		return fmt.Errorf("field territory: %w", err)
	}
	note := func(path string) { f.lines[path] = line }
	switch typ := get("type"); typ {
	case "source":
		note(fmt.Sprintf("$.sources[%d]", len(f.Sources)))
		f.Sources = append(f.Sources, Source{Key: record, Kind: get("kind"), Title: get("name"), URL: get("url"),
			PublishedOn: get("published_on"), Publisher: get("publisher"), Note: get("detail")})
	case "grouping":
		b.groupings[record] = len(f.Groupings)
		note(fmt.Sprintf("$.groupings[%d]", len(f.Groupings)))
		f.Groupings = append(f.Groupings, Grouping{Code: record, Kind: get("kind"), Name: get("name"), Finess: get("finess"),
			Description: get("description"), Territory: territory, Source: get("source"), Dated: dated})
	case "member":
		i, ok := b.groupings[record]
		if !ok {
			return fmt.Errorf("field record: no grouping %q above this line", record)
		}
		g := &f.Groupings[i]
		note(fmt.Sprintf("$.groupings[%d].members[%d]", i, len(g.Members)))
		g.Members = append(g.Members, Member{Finess: get("finess"), Role: get("role"), Note: get("detail"), Sites: list(get("sites")), Dated: dated})
	case "convention":
		b.conventions[record] = len(f.Conventions)
		note(fmt.Sprintf("$.conventions[%d]", len(f.Conventions)))
		f.Conventions = append(f.Conventions, Convention{Code: record, Kind: get("kind"), Title: get("name"), Description: get("description"),
			Domains: list(get("domains")), Territory: territory, Source: get("source"), Dated: dated})
	case "party":
		cv, err := b.convention(record)
		if err != nil {
			return err
		}
		note(fmt.Sprintf("$.conventions[%d].parties[%d]", b.conventions[record], len(cv.Parties)))
		cv.Parties = append(cv.Parties, Party{Finess: get("finess"), Designation: get("detail"), Role: get("role"), Sites: list(get("sites")), Dated: dated})
	case "filiere":
		fl := Filiere{Name: record, Specialty: get("specialty"), Description: get("description"), Territory: territory, Source: get("source"), Dated: dated}
		var path string
		if parent == "" {
			path = fmt.Sprintf("$.filieres[%d]", len(f.Filieres))
			f.Filieres = append(f.Filieres, fl)
		} else {
			cv, err := b.convention(parent)
			if err != nil {
				return err
			}
			path = fmt.Sprintf("$.conventions[%d].filieres[%d]", b.conventions[parent], len(cv.Filieres))
			cv.Filieres = append(cv.Filieres, fl)
		}
		b.filieres[record] = path
		note(path)
	case "role":
		path, ok := b.filieres[record]
		if !ok {
			return fmt.Errorf("field record: no filière %q above this line", record)
		}
		fl := b.filiereAt(path)
		note(fmt.Sprintf("%s.roles[%d]", path, len(fl.Roles)))
		fl.Roles = append(fl.Roles, FiliereRole{Finess: get("finess"), Site: get("sites"), Level: get("level"), Detail: get("detail"), Dated: dated})
	case "team":
		cv, err := b.convention(parent)
		if err != nil {
			return err
		}
		path := fmt.Sprintf("$.conventions[%d].teams[%d]", b.conventions[parent], len(cv.Teams))
		cv.Teams = append(cv.Teams, Team{Name: record, Specialty: get("specialty"), Description: get("description"), Dated: dated})
		b.teams[record] = path
		note(path)
	case "team_site":
		path, ok := b.teams[record]
		if !ok {
			return fmt.Errorf("field record: no team %q above this line", record)
		}
		var ci, ti int
		_, _ = fmt.Sscanf(path, "$.conventions[%d].teams[%d]", &ci, &ti)
		t := &f.Conventions[ci].Teams[ti]
		ts := TeamSite{Finess: get("finess"), Dated: dated}
		if v := get("time_share"); v != "" {
			share, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
			if err != nil {
				return fmt.Errorf("field time_share: %q is not a number", v)
			}
			ts.TimeShare = &share
		}
		note(fmt.Sprintf("%s.sites[%d]", path, len(t.Sites)))
		t.Sites = append(t.Sites, ts)
	default:
		return fmt.Errorf("field type: unknown type %q (source, grouping, member, convention, party, filiere, role, team, team_site)", typ)
	}
	return nil
}

func (b *csvBuilder) convention(code string) (*Convention, error) {
	i, ok := b.conventions[code]
	if !ok {
		return nil, fmt.Errorf("no convention %q above this line", code)
	}
	return &b.f.Conventions[i], nil
}

// filiereAt returns the filière at a path made by add.
func (b *csvBuilder) filiereAt(path string) *Filiere {
	var ci, fi int
	if _, err := fmt.Sscanf(path, "$.conventions[%d].filieres[%d]", &ci, &fi); err == nil {
		return &b.f.Conventions[ci].Filieres[fi]
	}
	_, _ = fmt.Sscanf(path, "$.filieres[%d]", &fi)
	return &b.f.Filieres[fi]
}

func list(v string) []string {
	var out []string
	for _, p := range strings.Split(v, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func territoryRef(v string) (*TerritoryRef, error) {
	if v == "" {
		return nil, nil
	}
	kind, code, ok := strings.Cut(v, ":")
	if !ok {
		return nil, fmt.Errorf("%q: want KIND:CODE, e.g. DEPARTMENT:42", v)
	}
	return &TerritoryRef{Kind: strings.TrimSpace(kind), Code: strings.TrimSpace(code)}, nil
}
