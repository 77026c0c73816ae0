package ent

// Hand-written: the validity columns AsOf reads are loaded whenever a
// dated record is, even when a GraphQL selection names neither.

import (
	"context"

	"entgo.io/ent"
)

// Validity column names, the same in every dated table (the Validity mixin).
const (
	validFromColumn = "valid_from"
	validToColumn   = "valid_to"
)

// KeepValidity makes every query of a dated type that selects some
// columns (entgql selects only those a request names) select the
// validity too: without it, an asOf list would see records with no dates,
// which hold on every day.
func KeepValidity() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			if qc, traversal := datedQueryContext(q); qc != nil && !traversal && loadsRecords(qc) {
				qc.AppendFieldOnce(validFromColumn).AppendFieldOnce(validToColumn)
			}
			return next.Query(ctx, q)
		})
	})
}

// loadsRecords reports whether a query selecting some columns returns
// records, as entgql's do (the ID first): loaded with All, First or Only,
// or eagerly inside another query (no op of its own then). Scans of
// columns into values (Select(…).Scan, IDs, Ints, Exist) must not get
// more columns than they name: at the top level their op says so; inside
// another query (a privacy rule) they must not start with the ID unless
// they traverse an edge (QuerySites().IDs()), which datedQueryContext
// reports.
func loadsRecords(qc *QueryContext) bool {
	if len(qc.Fields) == 0 || qc.Fields[0] != "id" {
		return false
	}
	switch qc.Op {
	case "", ent.OpQueryAll, ent.OpQueryFirst, ent.OpQueryOnly:
		return true
	}
	return false
}

// datedQueryContext is the query context of a query of a Dated type, and
// whether the query traverses an edge from another one.
func datedQueryContext(q ent.Query) (*QueryContext, bool) {
	switch q := q.(type) {
	case *ConventionQuery:
		return q.ctx, q.path != nil
	case *ConventionPartyQuery:
		return q.ctx, q.path != nil
	case *EstablishmentQuery:
		return q.ctx, q.path != nil
	case *FiliereQuery:
		return q.ctx, q.path != nil
	case *FiliereRoleQuery:
		return q.ctx, q.path != nil
	case *GroupingQuery:
		return q.ctx, q.path != nil
	case *LegalEntityQuery:
		return q.ctx, q.path != nil
	case *MedicalTeamQuery:
		return q.ctx, q.path != nil
	case *MembershipQuery:
		return q.ctx, q.path != nil
	case *TeamSiteQuery:
		return q.ctx, q.path != nil
	}
	return nil, false
}
