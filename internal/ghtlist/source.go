package ghtlist

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// readXLSX finds the header row in the first sheet that has one and
// returns that sheet's rows below it. Cells are read raw, not as Excel
// would display them: numbers keep all their digits and dates stay serial
// numbers, whatever their number format.
func readXLSX(name string, content []byte) (*table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(content))
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable .xlsx workbook: %w", name, err)
	}
	defer f.Close()
	props, err := f.GetWorkbookProps()
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable .xlsx workbook: %w", name, err)
	}
	date1904 := props.Date1904 != nil && *props.Date1904

	best, bestSheet := headerSearch{index: -1, matched: -1}, ""
	var readErr error
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			if readErr == nil {
				readErr = fmt.Errorf("%s: sheet %s: %w", name, sheet, err)
			}
			continue
		}
		records := make([]record, len(rows))
		for i, cells := range rows {
			records[i] = record{line: i + 1, cells: cells}
		}
		s := findHeader(records)
		if s.index < 0 {
			if s.matched > best.matched {
				best, bestSheet = s, sheet
			}
			continue
		}
		t := &table{file: name, sheet: sheet, date1904: date1904, cols: s.header.cols, records: records[s.index+1:]}
		if h := s.header; h.dup != "" {
			return nil, fmt.Errorf("%s: column %s appears twice (columns %s and %s)",
				t.position(records[s.index].line, ""), h.dup, columnLetter(h.dupAt[0]), columnLetter(h.dupAt[1]))
		}
		return t, nil
	}
	if best.matched <= 0 && readErr != nil {
		return nil, readErr
	}
	where := name
	if best.matched >= 0 {
		where = fmt.Sprintf("%s: sheet %s", name, bestSheet)
	}
	return nil, missingError(where, best)
}

func columnLetter(i int) string {
	s, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return fmt.Sprint(i + 1)
	}
	return s
}

// separators are the CSV field separators tried, the first preferred.
var separators = []rune{';', ','}

// readCSV decodes a CSV file, finds its separator and header row, and
// returns the records below the header.
func readCSV(name string, content []byte) (*table, error) {
	if bytes.HasPrefix(content, []byte{0xFF, 0xFE}) || bytes.HasPrefix(content, []byte{0xFE, 0xFF}) {
		return nil, fmt.Errorf("%s: UTF-16 text, which cannot be read: save it as CSV in UTF-8 or Windows-1252", name)
	}
	text := decode(content)

	// The separator is the one that splits some line into a header: title
	// lines above the header say nothing reliable about it.
	var (
		chosen  *table
		chosenS headerSearch
		parseE  error
		best    = headerSearch{index: -1, matched: -1}
	)
	for _, sep := range separators {
		records, err := parseCSV(text, sep)
		s := findHeader(records)
		if s.index < 0 {
			if s.matched > best.matched {
				best = s
			}
			continue
		}
		if chosen != nil && records[s.index].line >= chosen.records[0].line {
			continue
		}
		chosen = &table{file: name, cols: s.header.cols, records: records[s.index:]}
		chosenS, parseE = s, err
	}
	if chosen == nil {
		return nil, missingError(name, best)
	}
	if h := chosenS.header; h.dup != "" {
		return nil, fmt.Errorf("%s: column %s appears twice (fields %d and %d)",
			chosen.position(chosen.records[0].line, ""), h.dup, h.dupAt[0]+1, h.dupAt[1]+1)
	}
	if parseE != nil {
		var pe *csv.ParseError
		if errors.As(parseE, &pe) {
			return nil, fmt.Errorf("%s:%d: malformed CSV: %v", name, pe.Line, pe.Err)
		}
		return nil, fmt.Errorf("%s: malformed CSV: %v", name, parseE)
	}
	chosen.records = chosen.records[1:]
	return chosen, nil
}

// decode returns the text of a CSV file: UTF-8 (its byte order mark
// dropped) when it is valid UTF-8, else Windows-1252, which is what Excel
// writes for "CSV (séparateur : point-virgule)" on a French Windows.
func decode(content []byte) string {
	content = bytes.TrimPrefix(content, []byte("\xEF\xBB\xBF"))
	if utf8.Valid(content) {
		return string(content)
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(content)
	if err != nil { // cannot happen: every byte decodes
		return string(content)
	}
	return string(s)
}

// parseCSV reads every record it can, each with the line it starts on;
// err is the parse error that stopped it, if any.
func parseCSV(text string, sep rune) ([]record, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	var records []record
	for {
		cells, err := r.Read()
		if errors.Is(err, io.EOF) {
			return records, nil
		}
		if err != nil {
			return records, err
		}
		line, _ := r.FieldPos(0)
		records = append(records, record{line: line, cells: cells})
	}
}
