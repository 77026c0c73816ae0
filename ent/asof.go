package ent

// Hand-written: "as of" filtering of the dated records, shared by every
// resolver of a list field with an asOf argument.

import (
	"context"
	"time"

	"github.com/maillage/maillage/internal/period"
)

// dated is a record with a validity period.
type dated interface {
	validity() (from, to *time.Time)
}

func (e *Convention) validity() (from, to *time.Time)      { return e.ValidFrom, e.ValidTo }
func (e *ConventionParty) validity() (from, to *time.Time) { return e.ValidFrom, e.ValidTo }
func (e *Establishment) validity() (from, to *time.Time)   { return e.ValidFrom, e.ValidTo }
func (e *Filiere) validity() (from, to *time.Time)         { return e.ValidFrom, e.ValidTo }
func (e *FiliereRole) validity() (from, to *time.Time)     { return e.ValidFrom, e.ValidTo }
func (e *Grouping) validity() (from, to *time.Time)        { return e.ValidFrom, e.ValidTo }
func (e *LegalEntity) validity() (from, to *time.Time)     { return e.ValidFrom, e.ValidTo }
func (e *MedicalTeam) validity() (from, to *time.Time)     { return e.ValidFrom, e.ValidTo }
func (e *Membership) validity() (from, to *time.Time)      { return e.ValidFrom, e.ValidTo }
func (e *TeamSite) validity() (from, to *time.Time)        { return e.ValidFrom, e.ValidTo }

// AsOf loads records with load (an edge getter, which uses eager-loaded
// edges when present) and keeps those that hold on day; a nil day keeps
// them all. The result is never nil, as the GraphQL lists are non-null.
func AsOf[T dated](ctx context.Context, day *time.Time, load func(context.Context) ([]T, error)) ([]T, error) {
	records, err := load(ctx)
	if err != nil {
		return nil, err
	}
	kept := make([]T, 0, len(records))
	for _, r := range records {
		from, to := r.validity()
		if day == nil || period.Holds(from, to, *day) {
			kept = append(kept, r)
		}
	}
	return kept, nil
}
