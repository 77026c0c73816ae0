// Package scalar holds the GraphQL scalars Maillage adds to the standard
// ones.
package scalar

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/internal/period"
)

// MarshalDate writes a day as "YYYY-MM-DD".
func MarshalDate(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.UTC().Format(period.DateLayout)))
	})
}

// UnmarshalDate reads a "YYYY-MM-DD" day.
func UnmarshalDate(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, apperr.BadInput("date", fmt.Errorf("Date must be a string YYYY-MM-DD, got %T", v))
	}
	day, err := period.ParseDay(s)
	if err != nil {
		return time.Time{}, apperr.BadInput("date", err)
	}
	return day, nil
}
