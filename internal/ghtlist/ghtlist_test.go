package ghtlist

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

// goodRows are the members every good fixture holds, on the same lines.
func goodRows() []Row {
	const ara, na = "Auvergne-Rhône-Alpes", "Nouvelle-Aquitaine"
	launch := day(2016, 7, 1)
	return []Row{
		{Line: 5, Region: ara, GHTName: "GHT Loire", GHTCode: "ARA-12", Finess: "420784878", Category: "CHU",
			EntityName: `CHU de Saint-Étienne, "Hôpital Nord"`, Commune: "Saint-Étienne", PostalCode: "42055", Role: "SUPPORT", ValidFrom: launch},
		{Line: 6, Region: ara, GHTName: "GHT Loire", GHTCode: "ARA-12", Finess: "420013831", Category: "CH",
			EntityName: "Centre hospitalier du Forez", Commune: "Montbrison", PostalCode: "42600", Role: "MEMBER", ValidFrom: launch},
		{Line: 7, Region: ara, GHTName: "GHT Loire", GHTCode: "ARA-12", Finess: "420002495", Category: "CH",
			EntityName: "CH du Gier", Commune: "Saint-Chamond", PostalCode: "42400", Role: "MEMBER", ValidFrom: launch, ValidTo: day(2023, 12, 31)},
		{Line: 9, Region: ara, GHTName: "GHT Loire", GHTCode: "ARA-12", Finess: "420780652", Category: "CH",
			EntityName: "CH de Firminy", Commune: "Firminy", PostalCode: "42700", Role: "ASSOCIATE"},
		{Line: 10, Region: ara, GHTName: "GHT Bresse Haut-Bugey", GHTCode: "ARA-01", Finess: "010780054", Category: "CH",
			EntityName: "CH de Fleyriat", Commune: "Viriat", PostalCode: "01440", Role: "SUPPORT", ValidFrom: launch},
		{Line: 11, Region: ara, GHTName: "GHT Bresse Haut-Bugey", GHTCode: "ARA-01", Finess: "420784878", Category: "CHU",
			EntityName: "CHU de Saint-Étienne", Commune: "Saint-Étienne", PostalCode: "42055", Role: "PARTNER", ValidFrom: day(2018, 1, 1), ValidTo: day(2025, 12, 31)},
		{Line: 12, Region: na, GHTName: "GHT Béarn et Soule", GHTCode: "NA-04", Finess: "640780821", Category: "CH",
			EntityName: "Centre hospitalier d’Oloron-Sainte-Marie", Commune: "Oloron-Sainte-Marie", PostalCode: "64400", Role: "MEMBER", ValidFrom: launch},
		{Line: 13, Region: na, GHTName: "GHT Béarn et Soule", GHTCode: "NA-04", Finess: "640781290", Category: "CH",
			EntityName: "Centre hospitalier de Pau", Commune: "Pau", PostalCode: "64000", Role: "SUPPORT", ValidFrom: launch},
		{Line: 14, Region: "Corse", GHTName: "GHT de Corse", GHTCode: "COR-01", Finess: "2A0000014", Category: "CH",
			EntityName: "CH Notre-Dame de la Miséricorde", Commune: "Ajaccio", PostalCode: "20000"},
		{Line: 15, Region: "Corse", GHTName: "GHT de Corse", GHTCode: "COR-01", Finess: "2B0000020", Category: "CH",
			EntityName: "Centre hospitalier de Bastia", Commune: "Bastia", PostalCode: "20600", Role: "ASSOCIATE"},
	}
}

// TestReadGoodFiles reads the same list as a workbook and as CSV in both
// encodings and with both separators: title rows above the header, header
// names spelt in several ways, an unknown column, empty rows, FINESS
// numbers and postal codes that lost their leading zero, serial and text
// dates, roles in any case and with or without accents.
func TestReadGoodFiles(t *testing.T) {
	for _, file := range []string{
		"good.xlsx",
		"good-utf8-bom-semicolon.csv",
		"good-utf8-comma.csv",
		"good-cp1252-semicolon.csv",
		"good-cp1252-comma.csv",
	} {
		t.Run(file, func(t *testing.T) {
			content, err := os.ReadFile(filepath.Join("testdata", file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Read(file, content)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			want := goodRows()
			if len(got) != len(want) {
				t.Fatalf("got %d rows, want %d:\n%s", len(got), len(want), dump(got))
			}
			for i := range want {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("row %d:\ngot  %s\nwant %s", i, dump(got[i:i+1]), dump(want[i:i+1]))
				}
			}
		})
	}
}

func dump(rows []Row) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%+v from=%s to=%s\n", r, dateString(r.ValidFrom), dateString(r.ValidTo))
	}
	return b.String()
}

func dateString(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format(time.RFC3339)
}

const csvHeader = "REGION;DENOMINATION GHT;CODE GHT;FINESS;ROLE;DATE_DEBUT;DATE_FIN\n"

// TestReadCSVShapes covers CSV layouts the good fixtures do not: no title
// rows, no ROLE or date columns, separators inside title lines, quotes.
func TestReadCSVShapes(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    []Row
	}{
		{
			name:    "header on line 1, only the required columns",
			content: "Region,Denomination GHT,Code GHT,FINESS\nARA,GHT Loire,ARA-12,420784878\n",
			want:    []Row{{Line: 2, Region: "ARA", GHTName: "GHT Loire", GHTCode: "ARA-12", Finess: "420784878"}},
		},
		{
			name:    "the 2024 list's headers, with its support flag",
			content: "GHT_CODE;GHT_LIB;ARS_LIB;ES_FINESS;ES_LIB;GHT_SUPPORT\nARA-12;GHT Loire;ARS Auvergne-Rhône-Alpes;420784878;CHU de Saint-Étienne;O\nARA-12;GHT Loire;ARS Auvergne-Rhône-Alpes;420013831;CH du Forez;N\n",
			want: []Row{
				{Line: 2, Region: "ARS Auvergne-Rhône-Alpes", GHTName: "GHT Loire", GHTCode: "ARA-12", Finess: "420784878", EntityName: "CHU de Saint-Étienne", Role: "SUPPORT"},
				{Line: 3, Region: "ARS Auvergne-Rhône-Alpes", GHTName: "GHT Loire", GHTCode: "ARA-12", Finess: "420013831", EntityName: "CH du Forez", Role: "MEMBER"},
			},
		},
		{
			name:    "comma in a title line of a semicolon file",
			content: "GHT, liste 2024\nREGION;DENOMINATION GHT;CODE GHT;FINESS\nARA;GHT Loire, Forez;ARA-12;420784878\n",
			want:    []Row{{Line: 3, Region: "ARA", GHTName: "GHT Loire, Forez", GHTCode: "ARA-12", Finess: "420784878"}},
		},
		{
			name:    "semicolon in a title line of a comma file",
			content: "GHT; liste 2024\nREGION,DENOMINATION GHT,CODE GHT,FINESS\nARA,\"GHT Loire; Forez\",ARA-12,420784878\n",
			want:    []Row{{Line: 3, Region: "ARA", GHTName: "GHT Loire; Forez", GHTCode: "ARA-12", Finess: "420784878"}},
		},
		{
			name:    "blanks after the separators, before quotes",
			content: "REGION, DENOMINATION GHT, CODE GHT, FINESS\nARA, \"GHT Loire, Forez\", ARA-12, 420784878\n",
			want:    []Row{{Line: 2, Region: "ARA", GHTName: "GHT Loire, Forez", GHTCode: "ARA-12", Finess: "420784878"}},
		},
		{
			name:    "quoted field over two lines keeps the line it starts on",
			content: "REGION,DENOMINATION GHT,CODE GHT,FINESS,DENOMINATION ETABLISSEMENT\nARA,GHT Loire,ARA-12,420784878,\"CHU de\nSaint-Étienne\"\nARA,GHT Loire,ARA-12,420013831,CH du Forez\n",
			want: []Row{
				{Line: 2, Region: "ARA", GHTName: "GHT Loire", GHTCode: "ARA-12", Finess: "420784878", EntityName: "CHU de Saint-Étienne"},
				{Line: 4, Region: "ARA", GHTName: "GHT Loire", GHTCode: "ARA-12", Finess: "420013831", EntityName: "CH du Forez"},
			},
		},
		{
			name:    "empty ROLE cell and empty dates",
			content: csvHeader + "ARA;GHT Loire;ARA-12;420784878;;;\n",
			want:    []Row{{Line: 2, Region: "ARA", GHTName: "GHT Loire", GHTCode: "ARA-12", Finess: "420784878"}},
		},
		{
			name:    "same FINESS in two GHTs, GHT names differing only in case and accents, same start and end date",
			content: csvHeader + "ARA;GHT Forez;ARA-12;420784878;support;01/01/2020;01/01/2020\nARA;GHT Bresse;ARA-01;420784878;partenaire;;\nARA;ght  forez;ARA-12;420013831;membre;;\n",
			want: []Row{
				{Line: 2, Region: "ARA", GHTName: "GHT Forez", GHTCode: "ARA-12", Finess: "420784878", Role: "SUPPORT", ValidFrom: day(2020, 1, 1), ValidTo: day(2020, 1, 1)},
				{Line: 3, Region: "ARA", GHTName: "GHT Bresse", GHTCode: "ARA-01", Finess: "420784878", Role: "PARTNER"},
				{Line: 4, Region: "ARA", GHTName: "ght forez", GHTCode: "ARA-12", Finess: "420013831", Role: "MEMBER"},
			},
		},
		{
			name:    "header only",
			content: csvHeader,
			want:    nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read("liste.csv", []byte(tt.content))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%swant\n%s", dump(got), dump(tt.want))
			}
		})
	}
}

// TestReadCSVErrors checks each problem is reported with its file, line
// and column.
func TestReadCSVErrors(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    string // the whole error message
	}{
		{
			name:    "missing required column",
			content: "REGION;DENOMINATION GHT;FINESS;COMMUNE\nARA;GHT Loire;420784878;Firminy\n",
			want:    "liste.csv: missing column CODE GHT (found: REGION, DENOMINATION GHT, FINESS, COMMUNE); a DGOS GHT list has the 2017 headers (REGION, DENOMINATION GHT, CODE GHT, FINESS…) or the 2024 ones (ARS_LIB, GHT_LIB, GHT_CODE, ES_FINESS…)",
		},
		{
			name:    "missing columns, closest row under a title",
			content: "Liste des GHT\nRégion,Finess,Commune\nARA,420784878,Firminy\n",
			want:    "liste.csv: missing columns DENOMINATION GHT, CODE GHT (found: Région, Finess, Commune); a DGOS GHT list has the 2017 headers (REGION, DENOMINATION GHT, CODE GHT, FINESS…) or the 2024 ones (ARS_LIB, GHT_LIB, GHT_CODE, ES_FINESS…)",
		},
		{
			name:    "empty file",
			content: "",
			want:    "liste.csv: missing columns REGION, DENOMINATION GHT, CODE GHT, FINESS (found: nothing); a DGOS GHT list has the 2017 headers (REGION, DENOMINATION GHT, CODE GHT, FINESS…) or the 2024 ones (ARS_LIB, GHT_LIB, GHT_CODE, ES_FINESS…)",
		},
		{
			name:    "column twice",
			content: "REGION;DENOMINATION GHT;CODE GHT;FINESS;Finess\nARA;GHT Loire;ARA-12;420784878;420784878\n",
			want:    "liste.csv:1: column FINESS appears twice (fields 4 and 5)",
		},
		{
			name:    "empty CODE GHT",
			content: csvHeader + "ARA;GHT Loire;ARA-12;420784878;;;\nARA;GHT Loire; ;420013831;;;\n",
			want:    "liste.csv:3: column CODE GHT: empty",
		},
		{
			name:    "empty DENOMINATION GHT",
			content: csvHeader + "ARA;;ARA-12;420784878;;;\n",
			want:    "liste.csv:2: column DENOMINATION GHT: empty",
		},
		{
			name:    "empty FINESS",
			content: csvHeader + "ARA;GHT Loire;ARA-12;;;;\n",
			want:    "liste.csv:2: column FINESS: empty",
		},
		{
			name:    "malformed FINESS",
			content: csvHeader + "ARA;GHT Loire;ARA-12;123;;;\n",
			want:    `liste.csv:2: column FINESS: invalid FINESS number "123": not a FINESS number: want 9 characters, digits with 2A/2B for Corsica`,
		},
		{
			name:    "FINESS with a wrong Luhn key",
			content: csvHeader + "ARA;GHT Loire;ARA-12;420784879;;;\n",
			want:    `liste.csv:2: column FINESS: invalid FINESS number "420784879": FINESS check key (last character) does not match: Luhn key fails`,
		},
		{
			name:    "8 digits that a leading zero does not make valid",
			content: csvHeader + "ARA;GHT Loire;ARA-12;10780055;;;\n",
			want:    `liste.csv:2: column FINESS: invalid FINESS number "10780055": not a FINESS number: want 9 characters, digits with 2A/2B for Corsica`,
		},
		{
			name:    "unknown role",
			content: csvHeader + "ARA;GHT Loire;ARA-12;420784878;chef;;\n",
			want:    `liste.csv:2: column ROLE: unknown role "chef" (support, membre, associé, partenaire)`,
		},
		{
			name:    "date that does not exist",
			content: csvHeader + "ARA;GHT Loire;ARA-12;420784878;;31/02/2024;\n",
			want:    `liste.csv:2: column DATE_DEBUT: unparsable date "31/02/2024": day out of range`,
		},
		{
			name:    "month out of range",
			content: csvHeader + "ARA;GHT Loire;ARA-12;420784878;;2024-13-01;\n",
			want:    `liste.csv:2: column DATE_DEBUT: unparsable date "2024-13-01": month out of range`,
		},
		{
			name:    "date in words",
			content: csvHeader + "ARA;GHT Loire;ARA-12;420784878;;;fin 2024\n",
			want:    `liste.csv:2: column DATE_FIN: unparsable date "fin 2024": want dd/mm/yyyy, yyyy-mm-dd or an Excel date`,
		},
		{
			name:    "serial number out of range",
			content: csvHeader + "ARA;GHT Loire;ARA-12;420784878;;20240101;\n",
			want:    `liste.csv:2: column DATE_DEBUT: unparsable date "20240101": not a date (Excel serial number out of range)`,
		},
		{
			name:    "date with a malformed time",
			content: csvHeader + "ARA;GHT Loire;ARA-12;420784878;;2024-01-01 midi;\n",
			want:    `liste.csv:2: column DATE_DEBUT: unparsable date "2024-01-01 midi": want dd/mm/yyyy, yyyy-mm-dd or an Excel date`,
		},
		{
			name:    "DATE_FIN before DATE_DEBUT",
			content: csvHeader + "ARA;GHT Loire;ARA-12;420784878;;01/01/2020;31/12/2019\n",
			want:    "liste.csv:2: column DATE_FIN: 2019-12-31 is before DATE_DEBUT 2020-01-01",
		},
		{
			name:    "same FINESS twice in one GHT",
			content: csvHeader + "ARA;GHT Loire;ARA-12;420784878;;;\nARA;GHT Loire;ARA-12;420013831;;;\nARA;GHT Loire;ara-12;420784878;;;\n",
			want:    "liste.csv:4: column FINESS: FINESS 420784878 already listed in GHT ARA-12 at line 2",
		},
		{
			name:    "same FINESS twice in one GHT, once without its leading zero",
			content: csvHeader + "ARA;GHT Bresse;ARA-01;010780054;;;\nARA;GHT Bresse;ARA-01;10780054;;;\n",
			want:    "liste.csv:3: column FINESS: FINESS 010780054 already listed in GHT ARA-01 at line 2",
		},
		{
			name:    "one GHT code, two names",
			content: csvHeader + "ARA;GHT Loire;ARA-12;420784878;;;\nARA;GHT Forez;ARA-12;420013831;;;\n",
			want:    `liste.csv:3: column DENOMINATION GHT: GHT ARA-12 is named "GHT Forez" here but "GHT Loire" at line 2`,
		},
		{
			name:    "malformed CSV",
			content: csvHeader + "ARA;GHT Loire;ARA-12;420784878;;;\nARA;GHT \"Loire\";ARA-12;420013831;;;\n",
			want:    `liste.csv:3: malformed CSV: bare " in non-quoted-field`,
		},
		{
			name:    "UTF-16",
			content: "\xFF\xFER\x00E\x00",
			want:    "liste.csv: UTF-16 text, which cannot be read: save it as CSV in UTF-8 or Windows-1252",
		},
		{
			name:    "old .xls workbook",
			content: "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
			want:    "liste.csv: an old-style .xls (or password-protected) workbook, which cannot be read: save it as .xlsx or CSV",
		},
		{
			name: "every problem, in file order",
			content: csvHeader + "ARA;GHT Loire;ARA-12;123;chef;;\n" +
				"ARA;GHT Loire;ARA-12;420784878;;;\n" +
				"ARA;;;420013831;;hier;\n",
			want: `liste.csv:2: column FINESS: invalid FINESS number "123": not a FINESS number: want 9 characters, digits with 2A/2B for Corsica` + "\n" +
				`liste.csv:2: column ROLE: unknown role "chef" (support, membre, associé, partenaire)` + "\n" +
				`liste.csv:4: column CODE GHT: empty` + "\n" +
				`liste.csv:4: column DENOMINATION GHT: empty` + "\n" +
				`liste.csv:4: column DATE_DEBUT: unparsable date "hier": want dd/mm/yyyy, yyyy-mm-dd or an Excel date`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := Read("liste.csv", []byte(tt.content))
			if err == nil {
				t.Fatalf("Read succeeded with %d rows, want error %q", len(rows), tt.want)
			}
			if rows != nil {
				t.Errorf("Read returned %d rows with its error", len(rows))
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %q\nwant %q", err, tt.want)
			}
		})
	}
}

// TestCSVSeparatorEarliestHeader checks that when both separators split
// some line into a header, the earlier header line decides.
func TestCSVSeparatorEarliestHeader(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{
			name:    "semicolon header first",
			content: "REGION;DENOMINATION GHT;CODE GHT;FINESS\nREGION,DENOMINATION GHT,CODE GHT,FINESS\n",
			want:    "liste.csv:2: column CODE GHT: empty",
		},
		{
			name:    "comma header first",
			content: "REGION,DENOMINATION GHT,CODE GHT,FINESS\nREGION;DENOMINATION GHT;CODE GHT;FINESS\n",
			want:    "liste.csv:2: column CODE GHT: empty",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The later line, read as data with the earlier header's
			// separator, is one cell: its CODE GHT is empty.
			_, err := Read("liste.csv", []byte(tt.content))
			if err == nil {
				t.Fatalf("no error: the later line was taken for the header")
			}
			if first := strings.Split(err.Error(), "\n")[0]; first != tt.want {
				t.Errorf("first error %q, want %q", first, tt.want)
			}
		})
	}
}

// TestReadErrorCap checks a file full of errors reports the first ones and
// counts the rest.
func TestReadErrorCap(t *testing.T) {
	var b strings.Builder
	b.WriteString(csvHeader)
	for i := 0; i < maxReported+5; i++ {
		b.WriteString("ARA;GHT Loire;ARA-12;123;;;\n")
	}
	_, err := Read("liste.csv", []byte(b.String()))
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxReported+1 {
		t.Fatalf("%d lines in the error, want %d:\n%v", len(lines), maxReported+1, err)
	}
	if !strings.HasPrefix(lines[0], "liste.csv:2: column FINESS:") {
		t.Errorf("first line %q", lines[0])
	}
	if !strings.HasPrefix(lines[maxReported-1], fmt.Sprintf("liste.csv:%d: column FINESS:", maxReported+1)) {
		t.Errorf("last reported line %q", lines[maxReported-1])
	}
	if want := "… and 5 more problems"; lines[maxReported] != want {
		t.Errorf("last line %q, want %q", lines[maxReported], want)
	}
}

// xlsxHeader is the header row of the workbooks built in tests.
var xlsxHeader = []any{"REGION", "DENOMINATION GHT", "CODE GHT", "FINESS", "ROLE", "DATE_DEBUT", "DATE_FIN"}

// TestReadXLSXErrors checks problems in a workbook are located by sheet,
// row and column.
func TestReadXLSXErrors(t *testing.T) {
	titled := func(rows ...[]any) [][]any {
		// Title rows, then the header on row 4: data starts on row 5.
		return append([][]any{{"Liste des GHT"}, {"DGOS"}, nil, xlsxHeader}, rows...)
	}
	ok := []any{"ARA", "GHT Loire", "ARA-12", "420784878", "support"}
	tests := []struct {
		name   string
		sheets []string
		rows   map[string][][]any
		want   string
	}{
		{
			name:   "malformed FINESS on row 12",
			sheets: []string{"GHT"},
			rows: map[string][][]any{"GHT": titled(ok, nil, nil, nil, nil, nil, nil,
				[]any{"ARA", "GHT Loire", "ARA-12", "123"})},
			want: `liste.xlsx: sheet GHT, row 12, column FINESS: invalid FINESS number "123": not a FINESS number: want 9 characters, digits with 2A/2B for Corsica`,
		},
		{
			name:   "FINESS stored as a number with a wrong key",
			sheets: []string{"GHT"},
			rows:   map[string][][]any{"GHT": titled([]any{"ARA", "GHT Loire", "ARA-12", 420784879})},
			want:   `liste.xlsx: sheet GHT, row 5, column FINESS: invalid FINESS number "420784879": FINESS check key (last character) does not match: Luhn key fails`,
		},
		{
			name:   "serial date out of range",
			sheets: []string{"GHT"},
			rows:   map[string][][]any{"GHT": titled([]any{"ARA", "GHT Loire", "ARA-12", "420784878", "", serial(-3)})},
			want:   `liste.xlsx: sheet GHT, row 5, column DATE_DEBUT: unparsable date "-3": not a date (Excel serial number out of range)`,
		},
		{
			name:   "serial DATE_FIN before text DATE_DEBUT",
			sheets: []string{"GHT"},
			rows:   map[string][][]any{"GHT": titled([]any{"ARA", "GHT Loire", "ARA-12", "420784878", "", "02/01/2024", serial(45292)})},
			want:   `liste.xlsx: sheet GHT, row 5, column DATE_FIN: 2024-01-01 is before DATE_DEBUT 2024-01-02`,
		},
		{
			name:   "same FINESS twice in one GHT",
			sheets: []string{"GHT"},
			rows:   map[string][][]any{"GHT": titled(ok, []any{"ARA", "GHT Loire", "ARA-12", 420784878})},
			want:   `liste.xlsx: sheet GHT, row 6, column FINESS: FINESS 420784878 already listed in GHT ARA-12 at row 5`,
		},
		{
			name:   "one GHT code, two names",
			sheets: []string{"GHT"},
			rows:   map[string][][]any{"GHT": titled(ok, []any{"ARA", "GHT Forez", "ARA-12", "420013831"})},
			want:   `liste.xlsx: sheet GHT, row 6, column DENOMINATION GHT: GHT ARA-12 is named "GHT Forez" here but "GHT Loire" at row 5`,
		},
		{
			name:   "unknown role",
			sheets: []string{"GHT"},
			rows:   map[string][][]any{"GHT": titled([]any{"ARA", "GHT Loire", "ARA-12", "420784878", "Chef de file"})},
			want:   `liste.xlsx: sheet GHT, row 5, column ROLE: unknown role "Chef de file" (support, membre, associé, partenaire)`,
		},
		{
			name:   "missing column: the sheet that came closest is named",
			sheets: []string{"Notes", "Feuil1"},
			rows: map[string][][]any{
				"Notes":  {{"REGION"}},
				"Feuil1": {{"Liste"}, {"Région", "Dénomination GHT", "Finess", "Commune"}, {"ARA", "GHT Loire", "420784878", "Firminy"}},
			},
			want: "liste.xlsx: sheet Feuil1: missing column CODE GHT (found: Région, Dénomination GHT, Finess, Commune); a DGOS GHT list has the 2017 headers (REGION, DENOMINATION GHT, CODE GHT, FINESS…) or the 2024 ones (ARS_LIB, GHT_LIB, GHT_CODE, ES_FINESS…)",
		},
		{
			name:   "empty workbook",
			sheets: []string{"Feuil1"},
			rows:   map[string][][]any{},
			want:   "liste.xlsx: missing columns REGION, DENOMINATION GHT, CODE GHT, FINESS (found: nothing); a DGOS GHT list has the 2017 headers (REGION, DENOMINATION GHT, CODE GHT, FINESS…) or the 2024 ones (ARS_LIB, GHT_LIB, GHT_CODE, ES_FINESS…)",
		},
		{
			name:   "column twice",
			sheets: []string{"GHT"},
			rows:   map[string][][]any{"GHT": {{"Liste"}, append(append([]any{}, xlsxHeader...), "Code_GHT")}},
			want:   "liste.xlsx: sheet GHT, row 2: column CODE GHT appears twice (columns C and H)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := workbookBytes(t, newWorkbook(t, tt.sheets, tt.rows))
			rows, err := Read("liste.xlsx", content)
			if err == nil {
				t.Fatalf("Read succeeded with %d rows, want error %q", len(rows), tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %q\nwant %q", err, tt.want)
			}
		})
	}
}

func TestReadCorruptXLSX(t *testing.T) {
	_, err := Read("liste.xlsx", []byte("PK\x03\x04 not really a zip"))
	if err == nil || !strings.HasPrefix(err.Error(), "liste.xlsx: not a readable .xlsx workbook: ") {
		t.Errorf("error = %v, want a workbook error", err)
	}
}

// TestReadXLSX1904 reads serial dates of a workbook in the 1904 date
// system (Excel for Mac before 2011), which count from 1904-01-01.
func TestReadXLSX1904(t *testing.T) {
	f := newWorkbook(t, []string{"GHT"}, map[string][][]any{"GHT": {
		xlsxHeader,
		{"ARA", "GHT Loire", "ARA-12", "420784878", "support", serial(42552 - 1462), "31/12/2025"},
	}})
	date1904 := true
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
		t.Fatal(err)
	}
	got, err := Read("mac.xlsx", workbookBytes(t, f))
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{{Line: 2, Region: "ARA", GHTName: "GHT Loire", GHTCode: "ARA-12", Finess: "420784878", Role: "SUPPORT",
		ValidFrom: day(2016, 7, 1), ValidTo: day(2025, 12, 31)}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%swant\n%s", dump(got), dump(want))
	}
}

// TestReadXLSXNoOptionalColumns reads a sheet with only the required
// columns, header on row 1: no role, no dates.
func TestReadXLSXNoOptionalColumns(t *testing.T) {
	f := newWorkbook(t, []string{"Feuil1"}, map[string][][]any{"Feuil1": {
		{"region", "denomination ght", "code ght", "finess"},
		{"ARA", "GHT Bresse Haut-Bugey", "ARA-01", 10780054},
	}})
	got, err := Read("liste.xlsx", workbookBytes(t, f))
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{{Line: 2, Region: "ARA", GHTName: "GHT Bresse Haut-Bugey", GHTCode: "ARA-01", Finess: "010780054"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%swant\n%s", dump(got), dump(want))
	}
}
