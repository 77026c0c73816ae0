// Package ghtlist reads the ministry's (DGOS) list of GHT members — one
// row per member legal entity of a groupement hospitalier de territoire —
// from an .xlsx workbook or a CSV export, into checked rows. It only
// parses: nothing here touches a database.
package ghtlist

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/maillage/maillage/internal/textnorm"
)

// Row is one member of one GHT.
type Row struct {
	Line       int // 1-based row number in the sheet or line in the CSV
	Region     string
	GHTName    string
	GHTCode    string // trimmed, upper-cased, e.g. "NA-04"
	Finess     string // checked: format and Luhn key
	Category   string
	EntityName string
	Commune    string
	PostalCode string
	Role       string     // SUPPORT MEMBER ASSOCIATE PARTNER, or "" when the file has no ROLE column or the cell is empty
	ValidFrom  *time.Time // DATE_DEBUT, UTC midnight
	ValidTo    *time.Time // DATE_FIN
}

// maxReported caps the problems one error lists; the rest are counted.
const maxReported = 20

// Read reads a GHT list; xlsx is recognised by its content (zip signature), anything else is read as CSV.
// Errors say where and what: "liste.xlsx: sheet GHT, row 12, column FINESS: invalid FINESS number \"123\": …",
// "liste.csv:7: column ROLE: unknown role \"chef\" (support, membre, associé, partenaire)",
// "liste.csv: missing column CODE GHT (found: …)".
//
// Every problem of the file is reported, one per line of the error's
// message in file order (the first 20, then how many more); no row is
// returned then.
func Read(name string, content []byte) ([]Row, error) {
	var (
		t   *table
		err error
	)
	switch {
	case bytes.HasPrefix(content, zipSignature):
		t, err = readXLSX(name, content)
	case bytes.HasPrefix(content, oleSignature):
		return nil, fmt.Errorf("%s: an old-style .xls (or password-protected) workbook, which cannot be read: save it as .xlsx or CSV", name)
	default:
		t, err = readCSV(name, content)
	}
	if err != nil {
		return nil, err
	}
	return t.rows()
}

var (
	zipSignature = []byte("PK\x03\x04")
	oleSignature = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
)

// table is a sheet or a CSV file whose header row has been found.
type table struct {
	file     string
	sheet    string // "" for CSV
	date1904 bool   // the workbook counts serial dates from 1904
	cols     map[column]int
	records  []record // the records after the header
}

// record is one row of cells and where it is.
type record struct {
	line  int
	cells []string
}

// position locates a row (and a column) in error messages, in the form
// the brief gives: "f.xlsx: sheet S, row 12, column C" or "f.csv:7: column C".
func (t *table) position(line int, col column) string {
	var b strings.Builder
	if t.sheet != "" {
		fmt.Fprintf(&b, "%s: sheet %s, row %d", t.file, t.sheet, line)
		if col != "" {
			fmt.Fprintf(&b, ", column %s", col)
		}
		return b.String()
	}
	fmt.Fprintf(&b, "%s:%d", t.file, line)
	if col != "" {
		fmt.Fprintf(&b, ": column %s", col)
	}
	return b.String()
}

// rowWord names a line in the prose of a message ("at row 5", "at line 5").
func (t *table) rowWord() string {
	if t.sheet != "" {
		return "row"
	}
	return "line"
}

func (t *table) cell(rec record, col column) string {
	i, ok := t.cols[col]
	if !ok || i >= len(rec.cells) {
		return ""
	}
	return rec.cells[i]
}

// problems gathers the errors of a file, capped at maxReported.
type problems struct {
	errs  []error
	extra int
}

func (p *problems) add(err error) {
	if len(p.errs) < maxReported {
		p.errs = append(p.errs, err)
		return
	}
	p.extra++
}

func (p *problems) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	errs := p.errs
	if p.extra > 0 {
		errs = append(errs, fmt.Errorf("… and %d more problems", p.extra))
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}

// firstSeen remembers where a GHT was first seen, for the cross-row checks.
type firstSeen struct {
	line int
	name string
}

// rows checks every record and turns it into a Row.
func (t *table) rows() ([]Row, error) {
	var (
		p      problems
		out    []Row
		ghts   = map[string]firstSeen{} // GHT code → first row and name
		member = map[[2]string]int{}    // GHT code, FINESS → first row
	)
	for _, rec := range t.records {
		if blank(rec.cells) {
			continue
		}
		ok := true
		fail := func(col column, format string, args ...any) {
			p.add(fmt.Errorf("%s: %s", t.position(rec.line, col), fmt.Sprintf(format, args...)))
			ok = false
		}
		r := Row{
			Line:       rec.line,
			Region:     text(t.cell(rec, colRegion)),
			GHTName:    text(t.cell(rec, colGHTName)),
			GHTCode:    strings.ToUpper(text(t.cell(rec, colGHTCode))),
			Category:   text(t.cell(rec, colCategory)),
			EntityName: text(t.cell(rec, colEntityName)),
			Commune:    text(t.cell(rec, colCommune)),
			PostalCode: postalCode(t.cell(rec, colPostalCode)),
		}
		if r.GHTCode == "" {
			fail(colGHTCode, "empty")
		}
		if r.GHTName == "" {
			fail(colGHTName, "empty")
		}
		if raw := strings.TrimSpace(t.cell(rec, colFiness)); raw == "" {
			fail(colFiness, "empty")
		} else if n, err := finessNumber(raw); err != nil {
			fail(colFiness, "%v", err)
		} else {
			r.Finess = n
		}
		if role, err := parseRole(t.cell(rec, colRole)); err != nil {
			fail(colRole, "%v", err)
		} else {
			r.Role = role
		}
		if _, flagged := t.cols[colSupport]; flagged && r.Role == "" {
			if role, err := parseSupportFlag(t.cell(rec, colSupport)); err != nil {
				fail(colSupport, "%v", err)
			} else {
				r.Role = role
			}
		}
		var err error
		if r.ValidFrom, err = parseDate(t.cell(rec, colValidFrom), t.date1904); err != nil {
			fail(colValidFrom, "%v", err)
		}
		if r.ValidTo, err = parseDate(t.cell(rec, colValidTo), t.date1904); err != nil {
			fail(colValidTo, "%v", err)
		}
		if r.ValidFrom != nil && r.ValidTo != nil && r.ValidTo.Before(*r.ValidFrom) {
			fail(colValidTo, "%s is before %s %s", r.ValidTo.Format(time.DateOnly), colValidFrom, r.ValidFrom.Format(time.DateOnly))
		}
		if r.GHTCode != "" && r.GHTName != "" {
			if first, seen := ghts[r.GHTCode]; !seen {
				ghts[r.GHTCode] = firstSeen{rec.line, r.GHTName}
			} else if textnorm.Fold(first.name) != textnorm.Fold(r.GHTName) {
				fail(colGHTName, "GHT %s is named %q here but %q at %s %d", r.GHTCode, r.GHTName, first.name, t.rowWord(), first.line)
			}
		}
		if r.GHTCode != "" && r.Finess != "" {
			key := [2]string{r.GHTCode, r.Finess}
			if first, seen := member[key]; seen {
				fail(colFiness, "FINESS %s already listed in GHT %s at %s %d", r.Finess, r.GHTCode, t.rowWord(), first)
			} else {
				member[key] = rec.line
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return out, nil
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// text trims a cell and collapses its inner runs of blanks (line breaks
// inside Excel cells, double spaces) into one space.
func text(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
