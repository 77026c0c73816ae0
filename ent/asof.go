package ent

// Hand-written: "as of" filtering of the dated records, shared by every
// resolver of a list field with an asOf argument.

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/maillage/maillage/internal/period"
)

// Dated is a record with a validity period and an ID.
type Dated interface {
	validity() (from, to *time.Time, id int)
}

func (e *Convention) validity() (from, to *time.Time, id int) { return e.ValidFrom, e.ValidTo, e.ID }
func (e *ConventionParty) validity() (from, to *time.Time, id int) {
	return e.ValidFrom, e.ValidTo, e.ID
}
func (e *Establishment) validity() (from, to *time.Time, id int) { return e.ValidFrom, e.ValidTo, e.ID }
func (e *Filiere) validity() (from, to *time.Time, id int)       { return e.ValidFrom, e.ValidTo, e.ID }
func (e *FiliereRole) validity() (from, to *time.Time, id int)   { return e.ValidFrom, e.ValidTo, e.ID }
func (e *Grouping) validity() (from, to *time.Time, id int)      { return e.ValidFrom, e.ValidTo, e.ID }
func (e *LegalEntity) validity() (from, to *time.Time, id int)   { return e.ValidFrom, e.ValidTo, e.ID }
func (e *MedicalTeam) validity() (from, to *time.Time, id int)   { return e.ValidFrom, e.ValidTo, e.ID }
func (e *Membership) validity() (from, to *time.Time, id int)    { return e.ValidFrom, e.ValidTo, e.ID }
func (e *TeamSite) validity() (from, to *time.Time, id int)      { return e.ValidFrom, e.ValidTo, e.ID }

// AsOf loads records with load (an edge getter, which uses eager-loaded
// edges when present) and keeps those that hold on day; a nil day keeps
// them all. The result is never nil, as the GraphQL lists are non-null,
// and comes in the order the records were made, whatever the database.
func AsOf[T Dated](ctx context.Context, day *time.Time, load func(context.Context) ([]T, error)) ([]T, error) {
	records, err := load(ctx)
	if err != nil {
		return nil, err
	}
	kept := make([]T, 0, len(records))
	for _, r := range records {
		from, to, _ := r.validity()
		if day == nil || period.Holds(from, to, *day) {
			kept = append(kept, r)
		}
	}
	slices.SortFunc(kept, func(a, b T) int {
		_, _, idA := a.validity()
		_, _, idB := b.validity()
		return cmp.Compare(idA, idB)
	})
	return kept, nil
}
