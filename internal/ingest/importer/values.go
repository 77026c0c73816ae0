package importer

import (
	"context"
	"fmt"
	"time"
)

// registerRecord is what closing needs to know of a site or entity.
type registerRecord struct {
	id, sourceID       int
	finess             string
	validFrom, validTo *time.Time
}

// siteRegisterKeys prefixes the keys of the FINESS site and legal-entity
// register's files: etalab extracts, and the shipped extract.
const siteRegisterKeys = "finess-et"

// closable lists the records a complete file may close: all but those
// (by ID) only another register describes.
func closable[T any](existing []T, others []int, record func(T) registerRecord) []registerRecord {
	skip := make(map[int]bool, len(others))
	for _, id := range others {
		skip[id] = true
	}
	out := make([]registerRecord, 0, len(existing))
	for _, e := range existing {
		if r := record(e); !skip[r.id] {
			out = append(out, r)
		}
	}
	return out
}

// closeOmitted gives date as end date to the open records a complete file
// omits — unless a file at least as new as this one vouched for them, or
// they opened on or after that date — through close, batch by batch.
func closeOmitted(ctx context.Context, what string, date time.Time, records []registerRecord, inFile map[string]int, sourceDates map[int]*time.Time, rep *Report, close func(context.Context, []int) error) error {
	var toClose []int
	for _, r := range records {
		if _, listed := inFile[r.finess]; listed || r.validTo != nil {
			continue
		}
		if d := sourceDates[r.sourceID]; d != nil && !d.Before(date) {
			continue
		}
		if r.validFrom != nil && !r.validFrom.Before(date) {
			rep.warnf("%s %s opened on %s, not before the file's date: left open", what, r.finess, r.validFrom.Format(time.DateOnly))
			continue
		}
		toClose = append(toClose, r.id)
	}
	for start := 0; start < len(toClose); start += batchSize {
		if err := close(ctx, toClose[start:min(start+batchSize, len(toClose))]); err != nil {
			return fmt.Errorf("close %s: %w", what, err)
		}
	}
	rep.Closed[what] += len(toClose)
	return nil
}

func sameDay(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.UTC().Format(time.DateOnly) == b.UTC().Format(time.DateOnly)
}

func sameFloat(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// finessIDs maps FINESS numbers to IDs for a query selecting id and
// finess.
func finessIDs[Q interface {
	Scan(context.Context, any) error
}](ctx context.Context, q Q) (map[string]int, error) {
	var rows []struct {
		ID     int    `json:"id"`
		Finess string `json:"finess"`
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, err
	}
	ids := make(map[string]int, len(rows))
	for _, r := range rows {
		ids[r.Finess] = r.ID
	}
	return ids, nil
}

// setPeriod applies a period the file gives; a bound the file leaves
// empty is cleared. It reports whether anything changed.
func setPeriod[U any](oldFrom, oldTo, from, to *time.Time, setFrom func(time.Time) U, clearFrom func() U, setTo func(time.Time) U, clearTo func() U) bool {
	changed := false
	if !sameDay(oldFrom, from) {
		if from == nil {
			clearFrom()
		} else {
			setFrom(*from)
		}
		changed = true
	}
	if !sameDay(oldTo, to) {
		if to == nil {
			clearTo()
		} else {
			setTo(*to)
		}
		changed = true
	}
	return changed
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
