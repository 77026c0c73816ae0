// Package suggest proposes likely members of groupings from the register:
// where FINESS registers a grouping (a GCS…) at the very address of a
// hospital's site, that hospital likely belongs to it. A suggestion is
// never stored: it is offered "à confirmer", and becomes a fact only when
// an editor records the membership with a source.
package suggest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/predicate"
	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/textnorm"
)

// MaxMembers bounds the suggestions one request returns.
const MaxMembers = 100

// Member is a likely member of a grouping that lists none.
type Member struct {
	Grouping    *ent.Grouping      // the grouping, which no source gives members
	LegalEntity *ent.LegalEntity   // the hospital's legal entity
	Site        *ent.Establishment // the hospital's site at the grouping's address
	Seat        *ent.Establishment // the grouping's own site at that address
	Address     string             // the address, as the register writes the seat's
}

// Where says which sites a request concerns: a région or a département.
type Where struct{ Region, Department string }

// Check refuses a request that names neither or both.
func (w Where) Check() error {
	if (w.Region == "") == (w.Department == "") {
		return apperr.BadInput("region", errors.New("give a région or a département code, one of them"))
	}
	return nil
}

func (w Where) sites() predicate.Establishment {
	if w.Department != "" {
		return establishment.DepartmentCode(w.Department)
	}
	return establishment.RegionCode(w.Region)
}

// open selects sites open on day (or of unknown dates).
func open(day time.Time) predicate.Establishment {
	return establishment.And(
		establishment.Or(establishment.ValidFromIsNil(), establishment.ValidFromLTE(day)),
		establishment.Or(establishment.ValidToIsNil(), establishment.ValidToGT(day)))
}

// Members returns at most first (≤ MaxMembers) likely members of the
// groupings in force on day that list no member, whose own sites lie in
// where, in four statements: the groupings' sites there (with their
// groupings), the hospital sites of the same postal codes, and their
// legal entities.
func Members(ctx context.Context, c *ent.Client, where Where, day time.Time, first int) ([]*Member, error) {
	if err := where.Check(); err != nil {
		return nil, err
	}
	first = min(max(first, 0), MaxMembers)
	seats, err := c.Establishment.Query().
		Where(where.sites(), open(day), establishment.AddressNEQ(""), establishment.PostalCodeNEQ(""),
			establishment.HasGroupingsWith(
				grouping.Not(grouping.HasMemberships()),
				grouping.Or(grouping.ValidFromIsNil(), grouping.ValidFromLTE(day)),
				grouping.Or(grouping.ValidToIsNil(), grouping.ValidToGT(day)))).
		WithGroupings().
		Order(establishment.ByID(sql.OrderAsc())).
		All(ctx)
	if err != nil || len(seats) == 0 || first == 0 {
		return []*Member{}, err
	}
	postal := make([]string, 0, len(seats))
	for _, s := range seats {
		postal = append(postal, s.PostalCode)
	}
	slices.Sort(postal)
	hospitals, err := c.Establishment.Query().
		Where(establishment.PostalCodeIn(slices.Compact(postal)...), open(day),
			establishment.CategoryGroupCodeIn(finess.HospitalCentreGroups...)).
		Order(establishment.ByID(sql.OrderAsc())).
		All(ctx)
	if err != nil {
		return nil, err
	}
	entities := map[int]*ent.LegalEntity{}
	if len(hospitals) > 0 {
		ids := make([]int, len(hospitals))
		for i, h := range hospitals {
			ids[i] = h.LegalEntityID
		}
		les, err := c.LegalEntity.Query().Where(legalentity.IDIn(ids...)).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, le := range les {
			entities[le.ID] = le
		}
	}
	type place struct{ postal, address string }
	at := map[place][]*ent.Establishment{}
	for _, h := range hospitals {
		k := place{h.PostalCode, textnorm.Key(h.Address)}
		at[k] = append(at[k], h)
	}
	out := []*Member{}
	seen := map[[2]int]bool{}
	for _, s := range seats {
		for _, h := range at[place{s.PostalCode, textnorm.Key(s.Address)}] {
			le := entities[h.LegalEntityID]
			if h.LegalEntityID == s.LegalEntityID || le == nil {
				continue // the grouping's own legal person
			}
			for _, g := range s.Edges.Groupings {
				if seen[[2]int{g.ID, h.LegalEntityID}] {
					continue
				}
				seen[[2]int{g.ID, h.LegalEntityID}] = true
				out = append(out, &Member{Grouping: g, LegalEntity: le, Site: h, Seat: s,
					Address: strings.TrimSpace(s.Address + ", " + s.PostalCode + " " + s.City)})
				if len(out) == first {
					return out, nil
				}
			}
		}
	}
	return out, nil
}
