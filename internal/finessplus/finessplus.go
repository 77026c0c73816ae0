// Package finessplus reads a FINESS+ "structures" file (the national
// FINESS flow published on data.gouv.fr as "finess-structures", format of
// the ansforge/finess repository): its legal entities (pmej) with their
// sites (ege), and the groupes de coopération conventionnelle (gcc: GHT…)
// and organique (gco: GCS…) with their members, resolved to FINESS
// numbers through the file's own legal entities. Pure parsing: nothing is
// stored.
//
// The file is read as a stream, one gcc, gco or pmej entry at a time:
// Stream hands each legal entity to its caller as it is read and keeps
// only what resolving the groupings needs, so that the national file
// fits in little memory.
package finessplus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/maillage/maillage/internal/finess"
)

// File is what a structures file says about cooperation.
type File struct {
	Name        string    // as given to Read, for messages
	GeneratedAt time.Time // top-level generatedAt (the extract date; zero if absent)
	Groupings   []Grouping
	Entities    int // pmej entries read
}

// Grouping is a gcc or a gco with its members.
type Grouping struct {
	Path       string     // JSON location for messages, e.g. "gcc[3]"
	Origin     string     // "gcc" or "gco"
	ID         string     // gccId, or the gco's pmSmsseId
	ExternalID string     // gccIdentifiantExterne (gcc) — "" otherwise
	Code       string     // stable unique code for Maillage: "FINESSPLUS-GCC-<gccId>" or "FINESSPLUS-GCO-<pmSmsseId>"
	Name       string     // nomGcc; for gco the resolved pmej denomination when found, else ""
	Kind       string     // one of: GHT FMIH NETWORK UNION GCS GCS_ES OTHER (map typeGcc/typeGco; unknown → OTHER)
	TypeCode   string     // the raw typeGcc/typeGco
	Finess     string     // gco: numFinessPm of its pmej when resolvable; else ""
	Active     bool       // etatObjet "A" (or absent)
	ValidFrom  *time.Time // from evenement
	ValidTo    *time.Time
	Members    []Member
	// Engagements are the conventions and arrêtés the register records
	// for a gcc.
	Engagements []Engagement
}

// Member is a legal entity's or a site's membership of a grouping.
type Member struct {
	Path       string // e.g. "gcc[0].pmejDuGcc[1]"
	PMID       string // pmSmsseId ("" for a site member)
	SiteID     string // egeId for a site member ("" otherwise)
	Finess     string // legal entity FINESS, resolved through the file's pmej entries ("" when unresolved)
	SiteFiness string // site FINESS for an egeDuGcc member, resolved through pmej[].ege ("" when unresolved)
	Role       string // SUPPORT MEMBER ASSOCIATE PARTNER ("" only if the raw role is empty)
	RawRole    string // typeRoleEntiteGroupe as in the file
	ValidFrom  *time.Time
	ValidTo    *time.Time
}

// Read decodes and checks a structures file. Errors name the file and the JSON path
// ("structures.json: gcc[2].pmejDuGcc[0].typeRoleEntiteGroupe: unknown role \"Z\"").
//
// Malformed JSON is reported with its line ("structures.json:12: malformed
// JSON at byte 345: …"), so is a value of the wrong JSON type. A FINESS
// number of the file (numFinessPm, numFinessEge) that fails
// finess.Validate, an unknown role or state, a malformed date, a missing or
// duplicated identifier are errors with their path. A member whose
// pmSmsseId or egeId has no entry in the file is not: its FINESS stays "".
func Read(name string, r io.Reader) (*File, error) {
	return Stream(name, r, nil)
}

// Stream reads a structures file like Read, handing each legal entity
// (pmej, with its sites) to entity as soon as it is read, so that the
// caller never holds them all; nil skips them. An error of entity stops
// the reading and is returned. The groupings, which need every legal
// entity to resolve their members, come with the File at the end.
func Stream(name string, r io.Reader, entity func(*LegalEntity) error) (*File, error) {
	lc := &lineCounter{r: r}
	p := &parser{
		name:   name,
		lc:     lc,
		dec:    json.NewDecoder(lc),
		pms:    map[string]*pmInfo{},
		eges:   map[string]*egeInfo{},
		entity: entity,
	}
	f := &File{Name: name}
	if err := p.readTop(f); err != nil {
		return nil, err
	}
	if err := p.build(f); err != nil {
		return nil, err
	}
	return f, nil
}

type parser struct {
	name string
	lc   *lineCounter
	dec  *json.Decoder

	gccs []rawGcc
	gcos []rawGco
	pms  map[string]*pmInfo  // by pmSmsseId
	eges map[string]*egeInfo // by egeId
	// membership events found in pmej and ege entries, by member
	memberEvents map[memberKey][]memberEvent
	entity       func(*LegalEntity) error
}

// pmInfo is what is kept of a pmej entry.
type pmInfo struct {
	path     string
	finess   string
	name     string
	state    string
	from, to *time.Time
}

// egeInfo is what is kept of a site.
type egeInfo struct {
	path   string
	finess string
	pm     *pmInfo
}

type memberKey struct {
	object string // objectPM or objectSite
	id     string
}

type memberEvent struct {
	code      string
	date      time.Time
	groupType string // typeObjet of the grouping named, "" when not said
	groupID   string
}

// readTop walks the top-level object, decoding gcc, gco and pmej one
// entry at a time.
func (p *parser) readTop(f *File) error {
	tok, err := p.dec.Token()
	if err != nil {
		return p.syntax(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("%s:1: want a JSON object at the top level", p.name)
	}
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return p.syntax(err)
		}
		key, _ := tok.(string)
		switch {
		case strings.EqualFold(key, "generatedAt"):
			var t text
			if err := p.decode(&t, "generatedAt"); err != nil {
				return err
			}
			s, err := t.value("generatedAt")
			if err != nil {
				return p.errorf("%v", err)
			}
			if s != "" {
				at, err := parseTime(s)
				if err != nil {
					return p.errorf("generatedAt: %v", err)
				}
				f.GeneratedAt = at
			}
		case strings.EqualFold(key, "gcc"):
			err = p.array("gcc", func(path string) error {
				var g rawGcc
				if err := p.decode(&g, path); err != nil {
					return err
				}
				p.gccs = append(p.gccs, g)
				return nil
			})
		case strings.EqualFold(key, "gco"):
			err = p.array("gco", func(path string) error {
				var g rawGco
				if err := p.decode(&g, path); err != nil {
					return err
				}
				p.gcos = append(p.gcos, g)
				return nil
			})
		case strings.EqualFold(key, "pmej"):
			err = p.array("pmej", func(path string) error {
				var pm rawPMEJ
				if err := p.decode(&pm, path); err != nil {
					return err
				}
				f.Entities++
				return p.addPMEJ(&pm, path)
			})
		default:
			err = p.skip()
		}
		if err != nil {
			return err
		}
	}
	if _, err := p.dec.Token(); err != nil { // the closing brace
		return p.syntax(err)
	}
	if _, err := p.dec.Token(); err != io.EOF {
		if err != nil {
			return p.syntax(err)
		}
		return fmt.Errorf("%s:%d: data after the top-level object", p.name, p.lc.line(p.dec.InputOffset()))
	}
	return nil
}

// array calls each for every element of the array value that comes next,
// with the element's path; null counts as an empty array.
func (p *parser) array(name string, each func(path string) error) error {
	at := p.dec.InputOffset()
	tok, err := p.dec.Token()
	if err != nil {
		return p.syntax(err)
	}
	if tok == nil {
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("%s:%d: %s: want an array", p.name, p.lc.line(at), name)
	}
	for i := 0; p.dec.More(); i++ {
		p.lc.forget(p.dec.InputOffset())
		if err := each(fmt.Sprintf("%s[%d]", name, i)); err != nil {
			return err
		}
	}
	if _, err := p.dec.Token(); err != nil {
		return p.syntax(err)
	}
	return nil
}

// decode decodes the next value into v.
func (p *parser) decode(v any, path string) error {
	start := p.dec.InputOffset()
	err := p.dec.Decode(v)
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field != "" {
			path += "." + te.Field
		}
		return fmt.Errorf("%s:%d: %s: want %s, found a JSON %s", p.name, p.lc.line(start+te.Offset), path, jsonKind(te.Type.Kind().String()), te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// The offset of a syntax error met by Decode does not count the
		// bytes read by Token; find the error again in the element.
		if off, se2 := p.locate(start); se2 != nil {
			return p.malformed(off, se2.Error())
		}
	}
	return p.syntax(err)
}

// locate scans again the input from start, the beginning of an array
// element (or of the comma before it), for the syntax error that stopped
// the decoder; it returns the error's input offset.
func (p *parser) locate(start int64) (int64, *json.SyntaxError) {
	b := p.lc.from(start)
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	if i < len(b) && b[i] == ',' {
		i++
	}
	var raw json.RawMessage
	err := json.NewDecoder(bytes.NewReader(b[i:])).Decode(&raw)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return start + int64(i) + se.Offset, se
	}
	return 0, nil
}

func jsonKind(goKind string) string {
	switch goKind {
	case "slice":
		return "an array"
	case "struct":
		return "an object"
	}
	return "a " + goKind
}

// skip skips the next value, token by token.
func (p *parser) skip() error {
	depth := 0
	for {
		tok, err := p.dec.Token()
		if err != nil {
			return p.syntax(err)
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
	}
}

// syntax turns a decoding error into one naming the line.
func (p *parser) syntax(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return p.malformed(se.Offset, se.Error())
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return p.malformed(p.lc.end(), "unexpected end of file")
	}
	return fmt.Errorf("%s: %w", p.name, err)
}

// malformed reports a JSON syntax error found after reading off bytes.
func (p *parser) malformed(off int64, msg string) error {
	return fmt.Errorf("%s:%d: malformed JSON at byte %d: %s", p.name, p.lc.line(off), off, msg)
}

// errorf returns an error prefixed with the file name; the message starts
// with the JSON path.
func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("%s: "+format, append([]any{p.name}, args...)...)
}

// addPMEJ keeps what cooperation needs of a legal entity and its sites,
// checking their identifiers and FINESS numbers.
func (p *parser) addPMEJ(pm *rawPMEJ, path string) error {
	info := path + ".informationsGeneralesPMEJ"
	id, err := firstText(pm.Info.ID, pm.Info.IDOld, info+".pmSmsseId")
	if err != nil {
		return p.errorf("%v", err)
	}
	if id == "" {
		return p.errorf("%s.pmSmsseId: missing", info)
	}
	if prev, dup := p.pms[id]; dup {
		return p.errorf("%s.pmSmsseId: %q already at %s", info, id, prev.path)
	}
	nb, err := p.finess(pm.Info.Finess, info+".numFinessPm")
	if err != nil {
		return err
	}
	name, err := p.denomination(pm.Info.LongName, pm.Info.Name, info)
	if err != nil {
		return err
	}
	state, err := firstText(pm.State, pm.Info.State, path+".etatObjet")
	if err != nil {
		return p.errorf("%v", err)
	}
	from, to, err := p.lifespan(pm.Events, path+".evenement")
	if err != nil {
		return err
	}
	// Without events, the dates of the general information.
	if from == nil {
		if from, err = p.date(pm.Info.Created, info+".dateCreation"); err != nil {
			return err
		}
	}
	if to == nil {
		if to, err = p.date(pm.Info.Closed, info+".dateFermeture"); err != nil {
			return err
		}
	}
	pi := &pmInfo{path: path, finess: nb, name: name, state: state, from: from, to: to}
	p.pms[id] = pi
	var le *LegalEntity
	if p.entity != nil {
		if le, err = p.legalEntity(pm, path, id, nb, name, state, from, to); err != nil {
			return err
		}
	}
	if err := p.collectMemberEvents(pm.Events, path+".evenement", objectPM, id); err != nil {
		return err
	}

	for j := range pm.Sites {
		e := &pm.Sites[j]
		epath := fmt.Sprintf("%s.ege[%d]", path, j)
		einfo := epath + ".informationsGeneralesEGE"
		eid, err := e.Info.ID.value(einfo + ".egeId")
		if err != nil {
			return p.errorf("%v", err)
		}
		if eid == "" {
			return p.errorf("%s.egeId: missing", einfo)
		}
		if prev, dup := p.eges[eid]; dup {
			return p.errorf("%s.egeId: %q already at %s", einfo, eid, prev.path)
		}
		enb, err := p.finess(e.Info.Finess, einfo+".numFinessEge")
		if err != nil {
			return err
		}
		p.eges[eid] = &egeInfo{path: epath, finess: enb, pm: pi}
		if err := p.collectMemberEvents(e.Events, epath+".evenement", objectSite, eid); err != nil {
			return err
		}
		if le != nil {
			if enb == "" {
				return p.errorf("%s.numFinessEge: missing", einfo)
			}
			s, err := p.site(e, epath, eid, enb)
			if err != nil {
				return err
			}
			le.Sites = append(le.Sites, s)
		}
	}
	if le != nil {
		if err := p.entity(le); err != nil {
			return fmt.Errorf("%s: %s: %w", p.name, path, err)
		}
	}
	return nil
}

// legalEntity reads what the register says of a pmej entry besides what
// addPMEJ checked.
func (p *parser) legalEntity(pm *rawPMEJ, path, id, nb, name, state string, from, to *time.Time) (*LegalEntity, error) {
	info := path + ".informationsGeneralesPMEJ"
	if nb == "" {
		return nil, p.errorf("%s.numFinessPm: missing", info)
	}
	le := &LegalEntity{Path: path, ID: id, Finess: nb, Name: name, ValidFrom: from, ValidTo: to}
	if err := p.texts(info, &le.ShortName, pm.Info.Name, "denominationPm", &le.SIREN, pm.Info.SIREN, "siren", &le.LegalStatus, pm.Info.Status, "statutJuridique", &le.APE, pm.Info.APE, "codeApe"); err != nil {
		return nil, err
	}
	if le.Name == "" {
		return nil, p.errorf("%s.denominationPm: missing", info)
	}
	var err error
	if le.Active, err = p.state(text{s: state}, path+".etatObjet"); err != nil {
		return nil, err
	}
	if le.Updated, err = p.date(pm.Updated, path+".dateDerniereMaj"); err != nil {
		return nil, err
	}
	return le, nil
}

// denomination returns the long denomination, else the short one, with runs of
// spaces squeezed (FINESS pads some names).
func (p *parser) denomination(long, short text, info string) (string, error) {
	l, err := long.value(info + ".denominationLonguePmSmsse")
	if err != nil {
		return "", p.errorf("%v", err)
	}
	s, err := short.value(info + ".denominationPm")
	if err != nil {
		return "", p.errorf("%v", err)
	}
	if l == "" {
		l = s
	}
	return strings.Join(strings.Fields(l), " "), nil
}

// finess returns a FINESS number of the file after checking it; "" when
// absent.
func (p *parser) finess(t text, path string) (string, error) {
	n, err := t.value(path)
	if err != nil {
		return "", p.errorf("%v", err)
	}
	if n == "" {
		return "", nil
	}
	if err := finess.Validate(n); err != nil {
		return "", fmt.Errorf("%s: %s: %w", p.name, path, err)
	}
	return n, nil
}

// collectMemberEvents keeps the membership events of a legal entity or a
// site: those whose second object is a grouping.
func (p *parser) collectMemberEvents(events []rawEvent, path, object, id string) error {
	for k := range events {
		e := &events[k]
		epath := fmt.Sprintf("%s[%d]", path, k)
		code, err := e.Code.value(epath + ".codeEvenement")
		if err != nil {
			return p.errorf("%v", err)
		}
		if !joinEvents[code] && !leaveEvents[code] {
			continue
		}
		gtype, err := e.Type2.value(epath + ".typeObjet2")
		if err != nil {
			return p.errorf("%v", err)
		}
		gid, err := e.ID2.value(epath + ".identifiantObjet2")
		if err != nil {
			return p.errorf("%v", err)
		}
		if gid == "" {
			continue
		}
		d, err := p.date(e.Date, epath+".dateEvenement")
		if err != nil {
			return err
		}
		if d == nil {
			continue
		}
		if p.memberEvents == nil {
			p.memberEvents = map[memberKey][]memberEvent{}
		}
		key := memberKey{object, id}
		p.memberEvents[key] = append(p.memberEvents[key], memberEvent{code: code, date: *d, groupType: gtype, groupID: gid})
	}
	return nil
}

// mark is a dated event opening (start) or closing a period.
type mark struct {
	date  time.Time
	start bool
}

// period is the validity period marks describe: from the earliest start
// to the latest end — no end when a start comes after it (the object was
// re-opened, the member joined again).
func period(marks []mark) (from, to *time.Time) {
	var lastStart *time.Time
	for _, m := range marks {
		d := m.date
		if m.start {
			if from == nil || d.Before(*from) {
				from = &d
			}
			if lastStart == nil || d.After(*lastStart) {
				lastStart = &d
			}
		} else if to == nil || d.After(*to) {
			to = &d
		}
	}
	if to != nil && lastStart != nil && lastStart.After(*to) {
		to = nil
	}
	return from, to
}

// lifespan derives the validity period of a grouping or a legal entity
// from its events: creations and entries start it, closures end it; other
// events are ignored.
func (p *parser) lifespan(events []rawEvent, path string) (from, to *time.Time, err error) {
	marks, err := p.marks(events, path, startEvents, endEvents, nil)
	if err != nil {
		return nil, nil, err
	}
	from, to = period(marks)
	return from, to, nil
}

// marks returns the dated events of the codes in starts and ends that keep
// accepts (all when keep is nil).
func (p *parser) marks(events []rawEvent, path string, starts, ends map[string]bool, keep func(e *rawEvent, path string) (bool, error)) ([]mark, error) {
	var out []mark
	for k := range events {
		e := &events[k]
		epath := fmt.Sprintf("%s[%d]", path, k)
		code, err := e.Code.value(epath + ".codeEvenement")
		if err != nil {
			return nil, p.errorf("%v", err)
		}
		if !starts[code] && !ends[code] {
			continue
		}
		if keep != nil {
			ok, err := keep(e, epath)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
		}
		d, err := p.date(e.Date, epath+".dateEvenement")
		if err != nil {
			return nil, err
		}
		if d != nil {
			out = append(out, mark{date: *d, start: starts[code]})
		}
	}
	return out, nil
}

// date parses an optional date of the file.
func (p *parser) date(t text, path string) (*time.Time, error) {
	s, err := t.value(path)
	if err != nil {
		return nil, p.errorf("%v", err)
	}
	if s == "" {
		return nil, nil
	}
	d, err := parseTime(s)
	if err != nil {
		return nil, p.errorf("%s: %v", path, err)
	}
	return &d, nil
}

// parseTime reads the dates and times of the flow: "2017-01-01",
// "2025-10-21 19:19:05", RFC 3339 ("2026-03-09T15:49:37.615611300Z").
// Times without a zone are taken as UTC.
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.DateOnly, time.DateTime, time.RFC3339Nano, "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("invalid date %q: want YYYY-MM-DD", s)
}

func clone(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	c := *t
	return &c
}

// firstText returns the first non-empty of two spellings of a field.
func firstText(a, b text, path string) (string, error) {
	s, err := a.value(path)
	if err != nil || s != "" {
		return s, err
	}
	return b.value(path)
}

// build turns the gcc and gco entries into groupings, resolving members
// through the pmej entries read.
func (p *parser) build(f *File) error {
	codes := map[string]string{} // Code → path
	add := func(g Grouping) error {
		if prev, dup := codes[g.Code]; dup {
			field := "gccId"
			if g.Origin == "gco" {
				field = "pmSmsseId"
			}
			return p.errorf("%s.%s: %q already at %s", g.Path, field, g.ID, prev)
		}
		codes[g.Code] = g.Path
		f.Groupings = append(f.Groupings, g)
		return nil
	}
	for i := range p.gccs {
		g, err := p.gcc(&p.gccs[i], fmt.Sprintf("gcc[%d]", i))
		if err != nil {
			return err
		}
		if err := add(g); err != nil {
			return err
		}
	}
	for i := range p.gcos {
		g, err := p.gco(&p.gcos[i], fmt.Sprintf("gco[%d]", i))
		if err != nil {
			return err
		}
		if err := add(g); err != nil {
			return err
		}
	}
	return nil
}

func (p *parser) gcc(r *rawGcc, path string) (Grouping, error) {
	g := Grouping{Path: path, Origin: "gcc"}
	var err error
	if g.ID, err = r.ID.value(path + ".gccId"); err != nil {
		return g, p.errorf("%v", err)
	}
	if g.ID == "" {
		return g, p.errorf("%s.gccId: missing", path)
	}
	g.Code = "FINESSPLUS-GCC-" + g.ID
	if g.ExternalID, err = r.ExternalID.value(path + ".gccIdentifiantExterne"); err != nil {
		return g, p.errorf("%v", err)
	}
	if g.Name, err = r.Name.value(path + ".nomGcc"); err != nil {
		return g, p.errorf("%v", err)
	}
	if g.TypeCode, err = r.Type.value(path + ".typeGcc"); err != nil {
		return g, p.errorf("%v", err)
	}
	g.Kind = groupingKind(gccKinds, g.TypeCode)
	if g.Active, err = p.state(r.State, path+".etatObjet"); err != nil {
		return g, err
	}
	if g.ValidFrom, g.ValidTo, err = p.lifespan(r.Events, path+".evenement"); err != nil {
		return g, err
	}
	if g.Engagements, err = p.engagements(r.Engagements, path+".engagement"); err != nil {
		return g, err
	}
	g.Members, err = p.members(r.PMs, r.Sites, r.Events, path, "pmejDuGcc", "egeDuGcc", objectGroup, g.ID)
	return g, err
}

func (p *parser) gco(r *rawGco, path string) (Grouping, error) {
	g := Grouping{Path: path, Origin: "gco"}
	var err error
	if g.ID, err = firstText(r.ID, r.IDOld, path+".pmSmsseId"); err != nil {
		return g, p.errorf("%v", err)
	}
	if g.ID == "" {
		return g, p.errorf("%s.pmSmsseId: missing", path)
	}
	g.Code = "FINESSPLUS-GCO-" + g.ID
	if g.TypeCode, err = r.Type.value(path + ".typeGco"); err != nil {
		return g, p.errorf("%v", err)
	}
	g.Kind = groupingKind(gcoKinds, g.TypeCode)
	state, err := r.State.value(path + ".etatObjet")
	if err != nil {
		return g, p.errorf("%v", err)
	}
	statePath := path + ".etatObjet"
	if g.ValidFrom, g.ValidTo, err = p.lifespan(r.Events, path+".evenement"); err != nil {
		return g, err
	}
	// A gco is a legal entity: its name, FINESS, state and dates are
	// those of its pmej entry when the file has it.
	if pm := p.pms[g.ID]; pm != nil {
		g.Name, g.Finess = pm.name, pm.finess
		if state == "" {
			state, statePath = pm.state, pm.path+".etatObjet"
		}
		if g.ValidFrom == nil {
			g.ValidFrom = clone(pm.from)
		}
		if g.ValidTo == nil {
			g.ValidTo = clone(pm.to)
		}
	}
	if g.Active, err = p.state(text{s: state}, statePath); err != nil {
		return g, err
	}
	// A gco is itself a PM: events naming it as second object may type it
	// GR or PM.
	g.Members, err = p.members(r.PMs, r.Sites, r.Events, path, "pmejDuGco", "egeDuGco", objectPM, g.ID)
	return g, err
}

// state reads an etatObjet.
func (p *parser) state(t text, path string) (bool, error) {
	s, err := t.value(path)
	if err != nil {
		return false, p.errorf("%v", err)
	}
	active, ok := activeState(s)
	if !ok {
		return false, p.errorf("%s: unknown state %q (want A or I)", path, s)
	}
	return active, nil
}

// members reads the legal entity and site members of a grouping. groupType
// is how events may type the grouping (GR, or PM for a gco).
func (p *parser) members(pms, sites []rawMember, events []rawEvent, path, pmKey, siteKey, groupType, groupID string) ([]Member, error) {
	var out []Member
	for j := range pms {
		m := Member{Path: fmt.Sprintf("%s.%s[%d]", path, pmKey, j)}
		var err error
		if m.PMID, err = firstText(pms[j].PMID, pms[j].PMIDOld, m.Path+".pmSmsseId"); err != nil {
			return nil, p.errorf("%v", err)
		}
		if m.PMID == "" {
			return nil, p.errorf("%s.pmSmsseId: missing", m.Path)
		}
		if pm := p.pms[m.PMID]; pm != nil {
			m.Finess = pm.finess
		}
		if err := p.member(&m, &pms[j], events, path, objectPM, m.PMID, groupType, groupID); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	for j := range sites {
		m := Member{Path: fmt.Sprintf("%s.%s[%d]", path, siteKey, j)}
		var err error
		if m.SiteID, err = sites[j].SiteID.value(m.Path + ".egeId"); err != nil {
			return nil, p.errorf("%v", err)
		}
		if m.SiteID == "" {
			return nil, p.errorf("%s.egeId: missing", m.Path)
		}
		if e := p.eges[m.SiteID]; e != nil {
			m.SiteFiness, m.Finess = e.finess, e.pm.finess
		}
		if err := p.member(&m, &sites[j], events, path, objectSite, m.SiteID, groupType, groupID); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// member reads a member's role and the dates of its membership: events
// 016/017 of the grouping whose second object is the member, and of the
// member whose second object is the grouping.
func (p *parser) member(m *Member, r *rawMember, events []rawEvent, path, object, id, groupType, groupID string) error {
	var err error
	if m.RawRole, err = r.Role.value(m.Path + ".typeRoleEntiteGroupe"); err != nil {
		return p.errorf("%v", err)
	}
	var ok bool
	if m.Role, ok = role(m.RawRole); !ok {
		return p.errorf("%s.typeRoleEntiteGroupe: unknown role %q", m.Path, m.RawRole)
	}
	marks, err := p.marks(events, path+".evenement", joinEvents, leaveEvents, func(e *rawEvent, epath string) (bool, error) {
		t2, err := e.Type2.value(epath + ".typeObjet2")
		if err != nil {
			return false, p.errorf("%v", err)
		}
		id2, err := e.ID2.value(epath + ".identifiantObjet2")
		if err != nil {
			return false, p.errorf("%v", err)
		}
		return id2 == id && (t2 == "" || t2 == object), nil
	})
	if err != nil {
		return err
	}
	for _, e := range p.memberEvents[memberKey{object, id}] {
		if e.groupID == groupID && (e.groupType == objectGroup || e.groupType == groupType) {
			marks = append(marks, mark{date: e.date, start: joinEvents[e.code]})
		}
	}
	m.ValidFrom, m.ValidTo = period(marks)
	return nil
}

// GeneratedAt reads the top-level generatedAt of a structures file
// without reading further than needed when it comes first, as it does in
// the flow; zero when absent.
func GeneratedAt(name string, r io.Reader) (time.Time, error) {
	p := &parser{name: name, lc: &lineCounter{r: r}}
	p.dec = json.NewDecoder(p.lc)
	tok, err := p.dec.Token()
	if err != nil {
		return time.Time{}, p.syntax(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return time.Time{}, fmt.Errorf("%s:1: want a JSON object at the top level", name)
	}
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return time.Time{}, p.syntax(err)
		}
		if key, _ := tok.(string); !strings.EqualFold(key, "generatedAt") {
			p.lc.forget(p.dec.InputOffset())
			if err := p.skip(); err != nil {
				return time.Time{}, err
			}
			continue
		}
		var t text
		if err := p.decode(&t, "generatedAt"); err != nil {
			return time.Time{}, err
		}
		s, err := t.value("generatedAt")
		if err != nil || s == "" {
			return time.Time{}, err
		}
		at, err := parseTime(s)
		if err != nil {
			return time.Time{}, p.errorf("generatedAt: %v", err)
		}
		return at, nil
	}
	return time.Time{}, nil
}
