package ghtlist

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// column is the name of a column as the DGOS file of 2017 spells it; it
// is also how error messages name the column. The 2024 list spells them
// otherwise (aliases).
type column string

const (
	colRegion     column = "REGION"
	colGHTName    column = "DENOMINATION GHT"
	colGHTCode    column = "CODE GHT"
	colFiness     column = "FINESS"
	colCategory   column = "CATEGORIE"
	colEntityName column = "DENOMINATION ETABLISSEMENT"
	colCommune    column = "COMMUNE"
	colPostalCode column = "CODE POSTAL"
	colRole       column = "ROLE"
	colValidFrom  column = "DATE_DEBUT"
	colValidTo    column = "DATE_FIN"
	colSupport    column = "GHT_SUPPORT" // 2024: "O" for the support establishment
)

// aliases are the 2024 list's names of the same columns (as a public
// importer of that list reads them).
var aliases = map[string]column{
	"GHT_CODE":   colGHTCode,
	"GHT_LIB":    colGHTName,
	"ARS_LIB":    colRegion,
	"ES_FINESS":  colFiness,
	"ES_LIB":     colEntityName,
	"ES_RS":      colEntityName,
	"ES_CATEG":   colCategory,
	"ES_COMMUNE": colCommune,
}

// required are the columns a header row must have; their presence is
// also how the header row is told from the title rows above it.
var required = []column{colRegion, colGHTName, colGHTCode, colFiness}

var known = []column{
	colRegion, colGHTName, colGHTCode, colFiness, colCategory, colEntityName,
	colCommune, colPostalCode, colRole, colValidFrom, colValidTo, colSupport,
}

// byKey finds a known column from a header cell's key.
var byKey = func() map[string]column {
	m := map[string]column{}
	for _, c := range known {
		m[headerKey(string(c))] = c
	}
	for name, c := range aliases {
		m[headerKey(name)] = c
	}
	return m
}()

var stripMarks = runes.Remove(runes.In(unicode.Mn))

// headerKey folds a header cell so that "Code GHT", "CODE_GHT",
// " code-ght " and "Dénomination GHT"/"DENOMINATION GHT" match: case,
// accents, blanks, underscores and hyphens are ignored.
func headerKey(s string) string {
	t := transform.Chain(norm.NFD, stripMarks, norm.NFC)
	folded, _, err := transform.String(t, s)
	if err != nil {
		folded = s
	}
	var b strings.Builder
	for _, r := range folded {
		switch {
		case unicode.IsSpace(r), r == '_', r == '-', r == '\u2010', r == '\u2011', r == '\u2013', r == '\uFEFF':
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// header is what a row says about the columns, were it the header row.
type header struct {
	cols    map[column]int
	missing []column
	matched int    // required columns present
	dup     column // a known column given twice, at dupAt (0-based)
	dupAt   [2]int
}

func readHeader(cells []string) header {
	h := header{cols: map[column]int{}}
	for i, cell := range cells {
		c, ok := byKey[headerKey(cell)]
		if !ok {
			continue
		}
		if j, dup := h.cols[c]; dup {
			if h.dup == "" {
				h.dup, h.dupAt = c, [2]int{j, i}
			}
			continue
		}
		h.cols[c] = i
	}
	for _, c := range required {
		if _, ok := h.cols[c]; ok {
			h.matched++
		} else {
			h.missing = append(h.missing, c)
		}
	}
	return h
}

// headerSearch is the outcome of looking for the header row in a list of
// records: the index of the header row, or -1 and the row that came
// closest, for the error message.
type headerSearch struct {
	index   int
	header  header
	closest record
	matched int // required columns in closest; -1 when there is no row at all
}

func findHeader(records []record) headerSearch {
	s := headerSearch{index: -1, matched: -1}
	for i, rec := range records {
		if blank(rec.cells) {
			continue
		}
		h := readHeader(rec.cells)
		if len(h.missing) == 0 {
			s.index, s.header = i, h
			return s
		}
		if h.matched > s.matched {
			s.closest, s.matched = rec, h.matched
		}
	}
	return s
}

// missingError says which required columns the closest row lacks, and
// what it has.
func missingError(where string, s headerSearch) error {
	var missing []column
	var found []string
	if s.matched < 0 {
		missing = required
	} else {
		missing = readHeader(s.closest.cells).missing
		for _, c := range s.closest.cells {
			if c = text(c); c != "" {
				found = append(found, c)
			}
		}
	}
	names := make([]string, len(missing))
	for i, c := range missing {
		names[i] = string(c)
	}
	word := "column"
	if len(names) > 1 {
		word = "columns"
	}
	have := "nothing"
	if len(found) > 0 {
		have = strings.Join(found, ", ")
	}
	return fmt.Errorf("%s: missing %s %s (found: %s); a DGOS GHT list has the 2017 headers (REGION, DENOMINATION GHT, CODE GHT, FINESS…) or the 2024 ones (ARS_LIB, GHT_LIB, GHT_CODE, ES_FINESS…)", where, word, strings.Join(names, ", "), have)
}
