// Package lookup finds one record by its public key (FINESS number, code)
// and turns "malformed" and "absent" into errors clients can act on.
package lookup

import (
	"context"
	"fmt"
	"strings"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/territory"
	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/internal/finess"
)

// Each lookup eager-loads what the GraphQL request selects below the
// record (CollectFields), so nested lists cost one query per level.

// Establishment finds a site by FINESS number.
func Establishment(ctx context.Context, q *ent.EstablishmentQuery, number string) (*ent.Establishment, error) {
	if err := finess.Validate(number); err != nil {
		return nil, apperr.BadInput("finess", err)
	}
	q, err := q.CollectFields(ctx)
	if err != nil {
		return nil, err
	}
	return one(q.Where(establishment.Finess(number)).Only(ctx))("establishment", "FINESS "+number)
}

// LegalEntity finds a legal entity by FINESS number.
func LegalEntity(ctx context.Context, q *ent.LegalEntityQuery, number string) (*ent.LegalEntity, error) {
	if err := finess.Validate(number); err != nil {
		return nil, apperr.BadInput("finess", err)
	}
	q, err := q.CollectFields(ctx)
	if err != nil {
		return nil, err
	}
	return one(q.Where(legalentity.Finess(number)).Only(ctx))("legal entity", "FINESS "+number)
}

// Grouping finds a grouping by code.
func Grouping(ctx context.Context, q *ent.GroupingQuery, code string) (*ent.Grouping, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return nil, apperr.BadInput("code", fmt.Errorf("empty grouping code"))
	}
	q, err := q.CollectFields(ctx)
	if err != nil {
		return nil, err
	}
	return one(q.Where(grouping.Code(code)).Only(ctx))("grouping", "code "+code)
}

// Territory finds a territory by INSEE code, within a kind when given.
// Région and département codes overlap, so a code that names several
// territories without a kind is an error listing them.
func Territory(ctx context.Context, q *ent.TerritoryQuery, code string, kind *territory.Kind) (*ent.Territory, error) {
	code = strings.TrimSpace(code)
	q, err := q.CollectFields(ctx)
	if err != nil {
		return nil, err
	}
	q = q.Where(territory.Code(code))
	if kind != nil {
		q = q.Where(territory.KindEQ(*kind))
	}
	found, err := q.Limit(3).All(ctx)
	if err != nil {
		return nil, err
	}
	switch len(found) {
	case 0:
		return nil, apperr.NotFound("territory", "code "+code)
	case 1:
		return found[0], nil
	}
	names := make([]string, len(found))
	for i, t := range found {
		names[i] = fmt.Sprintf("%s %s (%s)", t.Kind, t.Code, t.Name)
	}
	return nil, apperr.Ambiguous("code", fmt.Sprintf("territory code %s names %s: pass kind", code, strings.Join(names, " and ")))
}

// one maps ent's not-found error to a NOT_FOUND error naming the key.
func one[T any](v T, err error) func(what, key string) (T, error) {
	return func(what, key string) (T, error) {
		if ent.IsNotFound(err) {
			var zero T
			return zero, apperr.NotFound(what, key)
		}
		return v, err
	}
}
