package finessplus

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/maillage/maillage/internal/finess"
)

func readFile(t *testing.T, name string) *File {
	t.Helper()
	fh, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	// One byte at a time: the line counter and the streaming decoder see
	// the worst split of the input.
	f, err := Read(name, iotest.OneByteReader(fh))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return f
}

func day(s string) *time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &d
}

func dateString(d *time.Time) string {
	if d == nil {
		return ""
	}
	return d.Format(time.DateOnly)
}

const excerpt = "finess-plus-structures-sample-20260309-excerpt.json"

// The 5 GHTs of the real excerpt, as the data.gouv sample of 2026-03-09
// lists them.
func TestExcerptGHTs(t *testing.T) {
	f := readFile(t, excerpt)
	if f.Name != excerpt {
		t.Errorf("Name = %q", f.Name)
	}
	if want := time.Date(2026, 3, 9, 15, 49, 37, 615611300, time.UTC); !f.GeneratedAt.Equal(want) {
		t.Errorf("GeneratedAt = %v, want %v", f.GeneratedAt, want)
	}
	tests := []struct {
		path, id, ext, name string
		members             int
		support             string // pmSmsseId of the support
	}{
		{"gcc[0]", "1", "27103", "21-52 Côte d'Or-Haute-Marne", 9, "14967"},
		{"gcc[1]", "2", "11101", "77 Nord", 1, "74826"},
		{"gcc[2]", "3", "11102", "77 Sud", 2, "75098"},
		{"gcc[3]", "4", "11109", "93 Est", 3, "90291"},
		{"gcc[4]", "136", "11104", "Yvelines Sud", 7, "76592"},
	}
	var gccs []Grouping
	for _, g := range f.Groupings {
		if g.Origin == "gcc" {
			gccs = append(gccs, g)
		}
	}
	if len(gccs) != len(tests) {
		t.Fatalf("%d gcc groupings, want %d", len(gccs), len(tests))
	}
	total := 0
	for i, tt := range tests {
		g := gccs[i]
		t.Run(tt.name, func(t *testing.T) {
			if g.Path != tt.path || g.ID != tt.id || g.ExternalID != tt.ext || g.Name != tt.name {
				t.Errorf("got %s id %q ext %q name %q", g.Path, g.ID, g.ExternalID, g.Name)
			}
			if want := "FINESSPLUS-GCC-" + tt.id; g.Code != want {
				t.Errorf("Code = %q, want %q", g.Code, want)
			}
			if g.Kind != "GHT" || g.TypeCode != "001" {
				t.Errorf("Kind %q TypeCode %q, want GHT 001", g.Kind, g.TypeCode)
			}
			if !g.Active {
				t.Error("not active")
			}
			if got := dateString(g.ValidFrom); got != "2017-01-01" {
				t.Errorf("ValidFrom = %q, want 2017-01-01", got)
			}
			if g.ValidTo != nil {
				t.Errorf("ValidTo = %v, want none", g.ValidTo)
			}
			if g.Finess != "" {
				t.Errorf("Finess = %q, want none for a gcc", g.Finess)
			}
			if len(g.Members) != tt.members {
				t.Errorf("%d members, want %d", len(g.Members), tt.members)
			}
			var supports []string
			for j, m := range g.Members {
				if want := tt.path + ".pmejDuGcc[" + string(rune('0'+j)) + "]"; j < 10 && m.Path != want {
					t.Errorf("member path %q, want %q", m.Path, want)
				}
				switch m.Role {
				case "SUPPORT":
					supports = append(supports, m.PMID)
				case "MEMBER":
					if m.RawRole != "M" {
						t.Errorf("%s: MEMBER from raw role %q", m.Path, m.RawRole)
					}
				default:
					t.Errorf("%s: role %q", m.Path, m.Role)
				}
				// The excerpt has no pmej entry for the GHT members.
				if m.PMID == "" || m.SiteID != "" || m.Finess != "" || m.SiteFiness != "" {
					t.Errorf("%s: %+v, want an unresolved legal entity", m.Path, m)
				}
			}
			if !reflect.DeepEqual(supports, []string{tt.support}) {
				t.Errorf("supports %v, want exactly [%s]", supports, tt.support)
			}
		})
		total += len(g.Members)
	}
	if total != 22 {
		t.Errorf("%d gcc memberships, want 22", total)
	}
}

// The 14 gco of the excerpt: their pmej entries are not in the excerpt.
func TestExcerptGCOs(t *testing.T) {
	f := readFile(t, excerpt)
	var got []string
	for _, g := range f.Groupings {
		if g.Origin != "gco" {
			continue
		}
		got = append(got, g.Code+" "+g.TypeCode+" "+g.Kind)
		if g.Name != "" || g.Finess != "" || len(g.Members) != 0 || !g.Active || g.ValidFrom != nil || g.ExternalID != "" {
			t.Errorf("%s: %+v, want an unresolved, member-less, active gco", g.Path, g)
		}
		if !strings.HasPrefix(g.Path, "gco[") {
			t.Errorf("%s: path", g.Path)
		}
	}
	want := []string{
		"FINESSPLUS-GCO-403 003 GCS",
		"FINESSPLUS-GCO-405 003 GCS",
		"FINESSPLUS-GCO-421 003 GCS",
		"FINESSPLUS-GCO-422 003 GCS",
		"FINESSPLUS-GCO-448 003 GCS",
		"FINESSPLUS-GCO-459 003 GCS",
		"FINESSPLUS-GCO-96657 003 GCS",
		"FINESSPLUS-GCO-96662 001 OTHER",
		"FINESSPLUS-GCO-96666 001 OTHER",
		"FINESSPLUS-GCO-96675 003 GCS",
		"FINESSPLUS-GCO-96681 001 OTHER",
		"FINESSPLUS-GCO-96682 001 OTHER",
		"FINESSPLUS-GCO-96687 001 OTHER",
		"FINESSPLUS-GCO-96935 001 OTHER",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("gco:\n got %q\nwant %q", got, want)
	}
	if len(f.Groupings) != 5+14 {
		t.Errorf("%d groupings, want 19", len(f.Groupings))
	}
}

// A hand-made file whose members have pmej entries: FINESS numbers,
// names, states and dates are resolved through them.
func TestResolution(t *testing.T) {
	f := readFile(t, "resolution.json")
	type member struct {
		Path, PMID, SiteID, Finess, SiteFiness, Role, RawRole, From, To string
	}
	type grouping struct {
		Path, Origin, ID, ExternalID, Code, Name, Kind, TypeCode, Finess string
		Active                                                           bool
		From, To                                                         string
		Members                                                          []member
	}
	want := []grouping{
		{"gcc[0]", "gcc", "900", "99999", "FINESSPLUS-GCC-900", "GHT de test", "GHT", "002", "", false, "2017-01-01", "2024-12-31", []member{
			{"gcc[0].pmejDuGcc[0]", "2", "", "010000156", "", "SUPPORT", "S", "2018-03-01", ""},
			{"gcc[0].pmejDuGcc[1]", "14869", "", "", "", "MEMBER", "M", "", ""},
			{"gcc[0].pmejDuGcc[2]", "96945", "", "", "", "ASSOCIATE", "Associé", "", ""},
			{"gcc[0].egeDuGcc[0]", "", "799", "010000156", "010780195", "PARTNER", "Partenaire", "", "2023-06-30"},
			{"gcc[0].egeDuGcc[1]", "", "555555", "", "", "MEMBER", "partie", "", ""},
		}},
		{"gco[0]", "gco", "5000", "", "FINESSPLUS-GCO-5000", "GCS DE TEST", "GCS_ES", "002", "750012346", false, "2012-04-01", "2020-09-30", []member{
			{"gco[0].pmejDuGco[0]", "2", "", "010000156", "", "SUPPORT", "T", "2019-05-01", ""},
			{"gco[0].egeDuGco[0]", "", "170943", "750012346", "690098769", "MEMBER", "M", "", ""},
		}},
		{"gco[1]", "gco", "403", "", "FINESSPLUS-GCO-403", "", "GCS", "004", "", true, "", "", nil},
	}
	var got []grouping
	for _, g := range f.Groupings {
		gg := grouping{g.Path, g.Origin, g.ID, g.ExternalID, g.Code, g.Name, g.Kind, g.TypeCode, g.Finess, g.Active, dateString(g.ValidFrom), dateString(g.ValidTo), nil}
		for _, m := range g.Members {
			gg.Members = append(gg.Members, member{m.Path, m.PMID, m.SiteID, m.Finess, m.SiteFiness, m.Role, m.RawRole, dateString(m.ValidFrom), dateString(m.ValidTo)})
		}
		got = append(got, gg)
	}
	if len(got) != len(want) {
		t.Fatalf("%d groupings, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("grouping %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// Each kind of error names the file and where: the line for malformed
// JSON, the JSON path otherwise.
func TestErrors(t *testing.T) {
	gcc := func(id, role string) string {
		return `{"gccId": "` + id + `", "typeGcc": "001", "pmejDuGcc": [{"pmSmsseId": "10", "typeRoleEntiteGroupe": ` + role + `}]}`
	}
	pmej := func(id, nb string, eges string) string {
		return `{"informationsGeneralesPMEJ": {"pmSmsseId": "` + id + `", "numFinessPm": "` + nb + `"}, "ege": [` + eges + `]}`
	}
	tests := []struct {
		name, file, in string
		want           string // the whole message, or its start when ending with "…"
		is             error
	}{
		{
			name: "bad JSON", file: "bad.json",
			in:   "{\n  \"generatedAt\": \"2026-03-09T15:49:37Z\",\n  \"gcc\": [\n    {\"gccId\": \"1\",}\n  ]\n}\n",
			want: "bad.json:4: malformed JSON at byte 73: invalid character '}' looking for beginning of object key string",
		},
		{
			name: "bad JSON deep in pmej", file: "deep.json",
			in:   "{\"pmej\": [\n" + pmej("1", "010000156", "") + ",\n" + pmej("2", "010780195", "") + ",\n\n{\"informationsGeneralesPMEJ\": {\"pmSmsseId\": \"3\" \"x\"}}\n]}\n",
			want: "deep.json:5: malformed JSON at byte 241: invalid character '\"' after object key:value pair",
		},
		{
			name: "truncated", file: "cut.json",
			in:   "{\n\"gcc\": [\n" + gcc("1", `"M"`),
			want: "cut.json:3: malformed JSON at byte 108: unexpected end of file",
		},
		{
			name: "unknown role", file: "structures.json",
			in:   `{"gcc": [` + gcc("1", `"S"`) + `,` + gcc("2", `"M"`) + `,` + gcc("3", `"Z"`) + `]}`,
			want: `structures.json: gcc[2].pmejDuGcc[0].typeRoleEntiteGroupe: unknown role "Z"`,
		},
		{
			name: "role code object of unknown code", file: "s.json",
			in:   `{"gcc": [` + gcc("1", `{"code": "P", "system": "x"}`) + `]}`,
			want: `s.json: gcc[0].pmejDuGcc[0].typeRoleEntiteGroupe: unknown role "P"`,
		},
		{
			name: "role of the wrong JSON type", file: "s.json",
			in:   `{"gcc": [` + gcc("1", `["S"]`) + `]}`,
			want: `s.json: gcc[0].pmejDuGcc[0].typeRoleEntiteGroupe: want a string or a {code, system} object, found an array`,
		},
		{
			name: "bad FINESS check key", file: "s.json",
			in:   `{"pmej": [` + pmej("1", "010000156", "") + `,` + pmej("2", "010000157", "") + `]}`,
			want: `s.json: pmej[1].informationsGeneralesPMEJ.numFinessPm: invalid FINESS number "010000157": …`,
			is:   finess.ErrCheckKey,
		},
		{
			name: "bad site FINESS format", file: "s.json",
			in:   `{"pmej": [` + pmej("1", "010000156", `{"informationsGeneralesEGE": {"egeId": "7", "numFinessEge": "10780195"}}`) + `]}`,
			want: `s.json: pmej[0].ege[0].informationsGeneralesEGE.numFinessEge: invalid FINESS number "10780195": …`,
			is:   finess.ErrFormat,
		},
		{
			name: "unknown state", file: "s.json",
			in:   `{"gcc": [{"gccId": "1", "etatObjet": "X"}]}`,
			want: `s.json: gcc[0].etatObjet: unknown state "X" (want A or I)`,
		},
		{
			name: "bad event date", file: "s.json",
			in:   `{"gcc": [{"gccId": "1", "evenement": [{"codeEvenement": "003", "dateEvenement": "01/01/2017"}]}]}`,
			want: `s.json: gcc[0].evenement[0].dateEvenement: invalid date "01/01/2017": want YYYY-MM-DD`,
		},
		{
			name: "missing gccId", file: "s.json",
			in:   `{"gcc": [{"nomGcc": "x"}]}`,
			want: `s.json: gcc[0].gccId: missing`,
		},
		{
			name: "duplicate gccId", file: "s.json",
			in:   `{"gcc": [{"gccId": "1"}, {"gccId": "1"}]}`,
			want: `s.json: gcc[1].gccId: "1" already at gcc[0]`,
		},
		{
			name: "duplicate pmSmsseId", file: "s.json",
			in:   `{"pmej": [` + pmej("1", "", "") + `,` + pmej("1", "", "") + `]}`,
			want: `s.json: pmej[1].informationsGeneralesPMEJ.pmSmsseId: "1" already at pmej[0]`,
		},
		{
			name: "gcc not an array", file: "s.json",
			in:   "{\n\"gcc\": {}}",
			want: `s.json:2: gcc: want an array`,
		},
		{
			name: "members not an array", file: "s.json",
			in:   "{\"gcc\": [\n{\"gccId\": \"1\",\n \"pmejDuGcc\": 5}]}",
			want: `s.json:3: gcc[0].pmejDuGcc: want an array, found a JSON number`,
		},
		{
			name: "not an object", file: "s.json",
			in:   `[]`,
			want: `s.json:1: want a JSON object at the top level`,
		},
		{
			name: "trailing data", file: "s.json",
			in:   "{}\n{}",
			want: `s.json:2: data after the top-level object`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Read(tt.file, iotest.OneByteReader(strings.NewReader(tt.in)))
			if err == nil {
				t.Fatalf("no error, read %+v", f)
			}
			if f != nil {
				t.Errorf("a file returned with the error")
			}
			msg := err.Error()
			if prefix, ok := strings.CutSuffix(tt.want, "…"); ok {
				if !strings.HasPrefix(msg, prefix) {
					t.Errorf("error %q, want it to start with %q", msg, prefix)
				}
			} else if msg != tt.want {
				t.Errorf("error %q\n      want %q", msg, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
		})
	}
}

func TestRole(t *testing.T) {
	tests := []struct {
		raw, want string
		ok        bool
	}{
		{"S", "SUPPORT", true},
		{"M", "MEMBER", true},
		{"T", "SUPPORT", true},
		{"Tête de groupe", "SUPPORT", true},
		{"tete-de-groupe", "SUPPORT", true},
		{"Membre simple", "MEMBER", true},
		{"Partie", "MEMBER", true},
		{"ASSOCIÉ", "ASSOCIATE", true},
		{"associe", "ASSOCIATE", true},
		{"Partenaire", "PARTNER", true},
		{"", "", true},
		{"P", "", false}, // partie or partenaire? no code is published
		{"A", "", false},
		{"Z", "", false},
	}
	for _, tt := range tests {
		got, ok := role(tt.raw)
		if got != tt.want || ok != tt.ok {
			t.Errorf("role(%q) = %q, %v; want %q, %v", tt.raw, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPeriod(t *testing.T) {
	d := func(s string) time.Time { return *day(s) }
	tests := []struct {
		name     string
		marks    []mark
		from, to string
	}{
		{"none", nil, "", ""},
		{"opened", []mark{{d("2017-01-01"), true}}, "2017-01-01", ""},
		{"closed", []mark{{d("2020-05-01"), false}, {d("2001-01-01"), true}}, "2001-01-01", "2020-05-01"},
		{"latest closure", []mark{{d("2001-01-01"), true}, {d("2010-01-01"), false}, {d("2012-01-01"), false}}, "2001-01-01", "2012-01-01"},
		{"reopened", []mark{{d("2001-01-01"), true}, {d("2010-01-01"), false}, {d("2015-01-01"), true}}, "2001-01-01", ""},
		{"closure only", []mark{{d("2019-03-03"), false}}, "", "2019-03-03"},
	}
	for _, tt := range tests {
		from, to := period(tt.marks)
		if dateString(from) != tt.from || dateString(to) != tt.to {
			t.Errorf("%s: period = %q–%q, want %q–%q", tt.name, dateString(from), dateString(to), tt.from, tt.to)
		}
	}
}
