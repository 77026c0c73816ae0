package ghtlist

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// update rewrites the committed .xlsx fixtures from the generators below:
//
//	go test ./internal/ghtlist/ -run TestXLSXFixtures -update
var update = flag.Bool("update", false, "rewrite testdata/*.xlsx from their generators")

// xlsxFixtures are the committed workbooks and what builds them.
var xlsxFixtures = map[string]func(t *testing.T) *excelize.File{
	"good.xlsx": goodWorkbook,
}

// TestXLSXFixtures checks that each committed workbook reads to the same
// rows as a fresh build of its generator, so the two cannot drift apart;
// with -update it writes the fresh build first.
func TestXLSXFixtures(t *testing.T) {
	for name, build := range xlsxFixtures {
		t.Run(name, func(t *testing.T) {
			fresh := workbookBytes(t, build(t))
			path := filepath.Join("testdata", name)
			if *update {
				if err := os.WriteFile(path, fresh, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			committed, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			want, err := Read(name, fresh)
			if err != nil {
				t.Fatalf("generated workbook: %v", err)
			}
			got, err := Read(name, committed)
			if err != nil {
				t.Fatalf("committed workbook: %v", err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("committed %s reads differently from its generator (run with -update):\ngot  %+v\nwant %+v", path, got, want)
			}
		})
	}
}

// TestGoodWorkbookCells checks that the committed workbook really holds
// the Excel quirks the package must undo, as numeric cells: a FINESS
// number and a postal code that lost their leading zero, serial dates.
func TestGoodWorkbookCells(t *testing.T) {
	content, err := os.ReadFile(filepath.Join("testdata", "good.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Lisez-moi", "GHT", "Archive 2022"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	tests := []struct {
		cell string
		raw  string
	}{
		{"D10", "10780054"}, // FINESS 010780054
		{"H10", "1440"},     // postal code 01440
		{"J5", "42552"},     // 2016-07-01
		{"K11", "46022"},    // 2025-12-31
	}
	for _, tt := range tests {
		typ, err := f.GetCellType("GHT", tt.cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("GHT!%s: cell type %v, want a number", tt.cell, typ)
		}
		raw, err := f.GetCellValue("GHT", tt.cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if raw != tt.raw {
			t.Errorf("GHT!%s raw value = %q, want %q", tt.cell, raw, tt.raw)
		}
	}
	// Excel would show the serial dates as dates.
	if shown, _ := f.GetCellValue("GHT", "J5"); shown == "42552" {
		t.Errorf("GHT!J5 has no date format: shown as %q", shown)
	}
}

func workbookBytes(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// setRows writes rows into a sheet from row 1; a nil row is left empty.
func setRows(t *testing.T, f *excelize.File, sheet string, rows [][]any) {
	t.Helper()
	for i, row := range rows {
		if row == nil {
			continue
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
}

// serial is an Excel date cell: a serial number shown with a date format.
type serial float64

// newWorkbook builds a workbook of the given sheets; serial values get
// the built-in date format 14 (dd/mm/yyyy in a French Excel).
func newWorkbook(t *testing.T, sheets []string, rows map[string][][]any) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for i, sheet := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sheet); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
		var plain [][]any
		for r, row := range rows[sheet] {
			if row == nil {
				plain = append(plain, nil)
				continue
			}
			values := make([]any, len(row))
			for c, v := range row {
				values[c] = v
				if s, ok := v.(serial); ok {
					values[c] = float64(s)
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					if err := f.SetCellStyle(sheet, cell, cell, dateStyle); err != nil {
						t.Fatal(err)
					}
				}
			}
			plain = append(plain, values)
		}
		setRows(t, f, sheet, plain)
	}
	return f
}

// goodWorkbook is testdata/good.xlsx: the same members as the good CSV
// files (the GHT codes and roles are made up, the FINESS numbers and
// places are real legal entities), on the sheet "GHT" after a read-me
// sheet and above an archive sheet that must be ignored, with the cells
// typed as Excel types them: numeric FINESS and postal code, serial dates.
func goodWorkbook(t *testing.T) *excelize.File {
	const ara, na = "Auvergne-Rhône-Alpes", "Nouvelle-Aquitaine"
	header := []any{"Région", "Dénomination GHT", "CODE_GHT", " finess ", "Catégorie", "Dénomination établissement",
		"Commune", "Code postal", "Rôle", "Date_Début", "date-fin", "Commentaire"}
	return newWorkbook(t, []string{"Lisez-moi", "GHT", "Archive 2022"}, map[string][][]any{
		"Lisez-moi": {
			{"Ce classeur liste les établissements membres des GHT."},
			{"REGION", "FINESS"},
			{"Onglet GHT : une ligne par entité juridique membre."},
		},
		"GHT": {
			{"Liste des établissements membres des groupements hospitaliers de territoire (GHT)"},
			{"Source : DGOS — mise à jour du 01/01/2024"},
			nil,
			header,
			{ara, "GHT Loire", "ARA-12", "420784878", "CHU", `CHU de Saint-Étienne, "Hôpital Nord"`, "Saint-Étienne", 42055, "support", serial(42552)},
			{ara, "GHT Loire", "ara-12 ", "420013831", "CH", "Centre hospitalier du Forez", "Montbrison", "42600", "Membre", serial(42552), nil, "siège à Montbrison; bureau"},
			{ara, "GHT  Loire", "ARA-12", 420002495, "CH", "CH du Gier", "Saint-Chamond", 42400, "MEMBRE", "2016-07-01", serial(45291)},
			nil,
			{ara, "GHT Loire", "ARA-12", "420780652", "CH", "CH de Firminy", "Firminy", "42700", "Associé"},
			{ara, "GHT Bresse Haut-Bugey", "ARA-01", 10780054, "CH", "CH de Fleyriat", "Viriat", 1440, "Support", serial(42552)},
			{ara, "GHT Bresse Haut-Bugey", "ARA-01", "420784878", "CHU", "CHU de Saint-Étienne", "Saint-Étienne", 42055, "PARTENAIRE", "01/01/2018", serial(46022)},
			{na, "GHT Béarn et Soule", "NA-04", "640780821", "CH", "Centre hospitalier d’Oloron-Sainte-Marie", "Oloron-Sainte-Marie", 64400, "membre", serial(42552)},
			{na, "GHT Béarn et Soule", "NA-04", "640781290", "CH", "Centre hospitalier de Pau", "Pau", 64000, "SUPPORT", serial(42552.5)},
			{"Corse", "GHT de Corse", "COR-01", "2a0000014", "CH", "CH Notre-Dame de la Miséricorde", "Ajaccio", "20000", ""},
			{"Corse", "GHT de Corse", "COR-01", "2B0000020", "CH", "Centre hospitalier de Bastia", "Bastia", 20600, "associe"},
			{"  ", " "},
		},
		"Archive 2022": {
			header,
			{ara, "GHT Loire", "ARA-99", "420784878", "CHU", "CHU de Saint-Étienne", "Saint-Étienne", 42055, "support"},
		},
	})
}
