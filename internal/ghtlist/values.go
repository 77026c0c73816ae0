package ghtlist

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/textnorm"
)

// integer returns the digits of a whole number written the way a
// spreadsheet may write one ("10780054", "10780054.0", "1.0780054E7"),
// and false for anything else.
func integer(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	if allDigits(s) {
		return s, true
	}
	if !strings.ContainsAny(s, ".eE") {
		return "", false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f >= 1e15 || f != math.Trunc(f) {
		return "", false
	}
	return strconv.FormatInt(int64(f), 10), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// finessNumber checks a FINESS cell. A number Excel stored as a number has
// lost its leading zero (010780054 → 10780054): eight digits get it back
// when that makes a valid number.
func finessNumber(raw string) (string, error) {
	n := strings.ToUpper(strings.TrimSpace(raw))
	if d, ok := integer(n); ok {
		n = d
		if len(n) == 8 && finess.Validate("0"+n) == nil {
			return "0" + n, nil
		}
	}
	if err := finess.Validate(n); err != nil {
		return "", err
	}
	return n, nil
}

// postalCode trims a postal code and gives back the leading zero a
// numeric cell lost (1000 → 01000).
func postalCode(raw string) string {
	s := text(raw)
	if d, ok := integer(s); ok {
		s = d
		if len(s) == 4 {
			s = "0" + s
		}
	}
	return s
}

// roles maps the folded spellings of ROLE to Row.Role.
var roles = map[string]string{
	"support":    "SUPPORT",
	"membre":     "MEMBER",
	"member":     "MEMBER",
	"associe":    "ASSOCIATE",
	"associate":  "ASSOCIATE",
	"partenaire": "PARTNER",
	"partner":    "PARTNER",
}

// parseRole reads a ROLE cell, in any case and with or without accents;
// an empty cell is no role.
func parseRole(raw string) (string, error) {
	s := text(raw)
	if s == "" {
		return "", nil
	}
	if r, ok := roles[textnorm.Fold(s)]; ok {
		return r, nil
	}
	return "", fmt.Errorf("unknown role %q (support, membre, associé, partenaire)", s)
}

// parseSupportFlag reads the 2024 list's GHT_SUPPORT cell: "O" (oui) is
// the support establishment, "N" (non) a member; empty says nothing.
func parseSupportFlag(raw string) (string, error) {
	switch textnorm.Fold(text(raw)) {
	case "":
		return "", nil
	case "o", "oui", "1", "y", "yes":
		return "SUPPORT", nil
	case "n", "non", "0", "no":
		return "MEMBER", nil
	}
	return "", fmt.Errorf("%q: want O or N", text(raw))
}

// Excel serial numbers accepted as dates: 1900-01-01 to 9999-12-31.
const maxSerial = 2958465

// parseDate reads a date cell: an Excel serial number (as raw numeric
// cells hold dates), dd/mm/yyyy or yyyy-mm-dd, the latter possibly
// followed by a time of day, which is dropped. An empty cell is no date.
func parseDate(raw string, date1904 bool) (*time.Time, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return nil, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if !(f >= 1 && f <= maxSerial) {
			return nil, fmt.Errorf("unparsable date %q: not a date (Excel serial number out of range)", s)
		}
		t, err := excelize.ExcelDateToTime(f, date1904)
		if err != nil {
			return nil, fmt.Errorf("unparsable date %q: %v", s, err)
		}
		return midnight(t), nil
	}
	d := s
	if len(d) > 10 && (d[10] == ' ' || d[10] == 'T') && timeOfDay(d[11:]) {
		d = d[:10]
	}
	for _, layout := range []string{"2/1/2006", time.DateOnly} {
		t, err := time.Parse(layout, d)
		if err == nil {
			return midnight(t), nil
		}
		// A date of the right shape that does not exist: 31/02/2024.
		var pe *time.ParseError
		if errors.As(err, &pe) && strings.HasSuffix(pe.Message, "out of range") {
			return nil, fmt.Errorf("unparsable date %q: %s", s, strings.TrimPrefix(pe.Message, ": "))
		}
	}
	return nil, fmt.Errorf("unparsable date %q: want dd/mm/yyyy, yyyy-mm-dd or an Excel date", s)
}

// timeOfDay accepts hh:mm, hh:mm:ss and hh:mm:ss.fff, possibly ending in Z.
func timeOfDay(s string) bool {
	s = strings.TrimSuffix(s, "Z")
	for _, layout := range []string{"15:04", "15:04:05", "15:04:05.999999999"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

func midnight(t time.Time) *time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return &d
}
