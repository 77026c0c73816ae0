// Package period answers "does this dated record hold on that day?" for
// the half-open validity periods every cooperation record carries.
package period

import (
	"fmt"
	"time"

	"github.com/maillage/maillage/internal/apperr"
)

// DateLayout is the wire and storage format of a day.
const DateLayout = "2006-01-02"

// OrderError reports a period whose end is not after its start.
type OrderError struct {
	From, To time.Time
}

func (e *OrderError) Error() string {
	return fmt.Sprintf("validTo (%s) must be after validFrom (%s)", e.To.Format(DateLayout), e.From.Format(DateLayout))
}

// APICode makes periods out of order the caller's error, on validTo.
func (e *OrderError) APICode() (code, field string) { return apperr.CodeBadInput, "validTo" }

// Reason says why, for a client to explain.
func (e *OrderError) Reason() (string, map[string]any) {
	return apperr.ReasonDatesOutOfOrder, map[string]any{"validFrom": e.From.Format(DateLayout), "validTo": e.To.Format(DateLayout)}
}

// CheckOrder returns an *OrderError unless to is strictly after from.
func CheckOrder(from, to time.Time) error {
	if !Day(to).After(Day(from)) {
		return &OrderError{From: from, To: to}
	}
	return nil
}

// Day truncates t to midnight UTC of its calendar day, the granularity of
// every validity date.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Holds reports whether the period [from, to) contains day. A nil bound is
// open: nil from means "since always", nil to means "still holds".
func Holds(from, to *time.Time, day time.Time) bool {
	day = Day(day)
	if from != nil && Day(*from).After(day) {
		return false
	}
	if to != nil && !Day(*to).After(day) {
		return false
	}
	return true
}

// ParseDay parses a YYYY-MM-DD day.
func ParseDay(s string) (time.Time, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("invalid date %q: want YYYY-MM-DD", s)
	}
	return t, nil
}

// HoldsDay is Holds for bounds and day already truncated by Day: the hot
// path of graph traversals, where every date was truncated once.
func HoldsDay(from, to *time.Time, day time.Time) bool {
	return (from == nil || !from.After(day)) && (to == nil || to.After(day))
}
