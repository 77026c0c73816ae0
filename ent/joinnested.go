package ent

// Hand-written: members read with their own memberships (a GHT's members
// and the groupings each belongs to) cost a second statement after the
// first, for the members' memberships; read by a second join in the first
// statement, one row per member and membership of it, they cost none.

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"sync"

	"entgo.io/ent/dialect/sql"

	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/membership"
)

// Aliases of the tables the members' memberships are read from.
const (
	membersMembershipsAlias = "j_members_memberships"
	membersGroupingsAlias   = "j_members_groupings"
)

// joinMembersMemberships prepares reading, in a memberships statement
// whose legal entities are joined (le, its query; entities, the records
// the join reads), each legal entity's own memberships and their
// groupings: the legal entity's one eager load of memberships, plain,
// whose only eager load is its grouping. The rows multiply (one per
// membership read and membership of its legal entity, or one when it has
// none): joinHook reads each membership read once. Each legal entity gets
// the memberships ent's eager loading would give it (all of them, as ent
// reads them: no bound of the edge's own); otherwise the edge is loaded
// as ent loads it, after the statement. A statement with bounds (a page,
// First, Only) or distinct rows keeps one row per record: bounds count
// rows.
func joinMembersMemberships(ctx context.Context, parent *QueryContext, le *LegalEntityQuery, entities *joinedRecords[LegalEntity]) joinCandidate {
	return func() (*pendingJoin, error) {
		if le == nil || !entities.joined || parent.Limit != nil || parent.Offset != nil || (parent.Unique != nil && *parent.Unique) {
			return nil, nil
		}
		name, edge := onlyEdge(le.withMemberships, le.withNamedMemberships)
		if edge == nil || !onlyGroupingLoaded(edge) ||
			!plainQuery(edge.ctx, len(edge.predicates) > 0 || len(edge.order) > 0 || len(edge.modifiers) > 0 || edge.sql != nil || edge.path != nil) {
			return nil, nil
		}
		groupings := edge.withGrouping
		if !groupingTable.plain(groupings) {
			return nil, nil
		}
		// Each query as its All would run it (privacy, interceptors), up to
		// the statement; an interceptor's condition keeps ent's way.
		memberColumns, err := dryRun[[]*Membership](ctx, edge, edge.ctx, edge.inters, edge.prepareQuery)
		if err != nil || memberColumns == nil || len(edge.predicates) > 0 {
			return nil, err
		}
		groupingColumns, err := groupingTable.dryRun(ctx, groupings)
		if err != nil || groupingColumns == nil || groupingTable.conditions(groupings) {
			return nil, err
		}
		memberColumns = membershipColumns(memberColumns)
		if len(groupingColumns) == 0 {
			groupingColumns = grouping.Columns
		}
		membershipID := slices.Index(memberColumns, membership.FieldID)
		groupingID := slices.Index(groupingColumns, grouping.FieldID)
		if groupingID < 0 {
			return nil, nil // a missing grouping could not be told from a found one
		}
		columns := append(slices.Clip(memberColumns), groupingColumns...)

		// Set aside: ent would load it after the statement.
		edge.withGrouping = nil
		if name == "" {
			le.withMemberships = nil
		} else {
			delete(le.withNamedMemberships, name)
		}
		var (
			read          = map[int]bool{} // memberships read, by key
			byEntity      = map[int][]*Membership{}
			readGroupings = map[int]*Grouping{}
			distinct      []*Grouping // in the order first read
		)
		return &pendingJoin{
			columns: columns,
			fansOut: true,
			modify: func(s *sql.Selector) {
				m := sql.Table(membership.Table).As(membersMembershipsAlias)
				g := sql.Table(grouping.Table).As(membersGroupingsAlias)
				s.LeftJoin(m).On(s.C(membership.FieldLegalEntityID), m.C(membership.FieldLegalEntityID))
				s.LeftJoin(g).On(m.C(membership.FieldGroupingID), g.C(grouping.FieldID))
				for _, c := range memberColumns {
					s.AppendSelect(qualified(s.Dialect(), membersMembershipsAlias, c))
				}
				for _, c := range groupingColumns {
					s.AppendSelect(qualified(s.Dialect(), membersGroupingsAlias, c))
				}
			},
			scan: func() ([]any, error) {
				mv, err := (*Membership)(nil).scanValues(memberColumns)
				if err != nil {
					return nil, err
				}
				gv, err := (*Grouping)(nil).scanValues(groupingColumns)
				return append(mv, gv...), err
			},
			row: func(values []any) error {
				key, ok := values[membershipID].(*sql.NullInt64)
				if !ok {
					return fmt.Errorf("ent: %s.%s scanned as %T, not an integer key", membership.Table, membership.FieldID, values[membershipID])
				}
				if !key.Valid || read[int(key.Int64)] {
					return nil // a legal entity without memberships, or one read on an earlier row
				}
				m := &Membership{config: edge.config}
				if err := m.assignValues(memberColumns, values[:len(memberColumns)]); err != nil {
					return err
				}
				if m.LegalEntityID == nil {
					return fmt.Errorf("ent: membership %d joined to a legal entity without naming it", m.ID)
				}
				if at := membershipGrouping(); at >= 0 {
					m.Edges.loadedTypes[at] = true // even without one, as ent marks it
				}
				gv := values[len(memberColumns):]
				if gk, ok := gv[groupingID].(*sql.NullInt64); ok && gk.Valid {
					g, found := readGroupings[int(gk.Int64)]
					if !found {
						g = &Grouping{config: groupings.config}
						if err := g.assignValues(groupingColumns, gv); err != nil {
							return err
						}
						readGroupings[g.ID] = g
						distinct = append(distinct, g)
					}
					m.Edges.Grouping = g
				}
				read[m.ID] = true
				byEntity[*m.LegalEntityID] = append(byEntity[*m.LegalEntityID], m)
				return nil
			},
			// After the legal entities' own edges (their join's loadEdges
			// marks which they loaded): each gets its memberships.
			loadEdges: func(ctx context.Context) error {
				given := map[*LegalEntity]bool{}
				for _, e := range entities.rows {
					if e == nil || given[e] {
						continue
					}
					given[e] = true
					if name == "" {
						e.Edges.Memberships = append([]*Membership{}, byEntity[e.ID]...)
						e.Edges.loadedTypes[legalEntityMemberships()] = true
					} else {
						e.appendNamedMemberships(name)
						e.appendNamedMemberships(name, byEntity[e.ID]...)
					}
				}
				if len(distinct) == 0 {
					return nil
				}
				return groupingTable.loadEdges(ctx, groupings, distinct)
			},
			undo: func() {
				edge.withGrouping = groupings
				if name == "" {
					le.withMemberships = edge
				} else {
					le.withNamedMemberships[name] = edge
				}
			},
		}, nil
	}
}

// membershipColumns are the columns ent's eager loading of a legal
// entity's memberships, with their groupings, reads of those chosen
// (none: all): the key, the legal entity's and the grouping's keys.
func membershipColumns(chosen []string) []string {
	if len(chosen) == 0 {
		return membership.Columns
	}
	columns := []string{membership.FieldID}
	for _, c := range append(slices.Clip(chosen), membership.FieldLegalEntityID, membership.FieldGroupingID) {
		if !slices.Contains(columns, c) {
			columns = append(columns, c)
		}
	}
	return columns
}

// onlyGroupingLoaded reports whether a memberships query eager-loads
// their groupings and nothing else.
func onlyGroupingLoaded(q *MembershipQuery) bool {
	return q.withGrouping != nil && q.withSource == nil && q.withSources == nil && q.withLegalEntity == nil &&
		q.withSites == nil && len(q.withNamedSources) == 0 && len(q.withNamedSites) == 0 && len(q.loadTotal) == 0
}

// legalEntityMemberships is the place of a legal entity's memberships in
// its loadedTypes.
var legalEntityMemberships = sync.OnceValue(func() int {
	for i := range len(LegalEntityEdges{}.loadedTypes) {
		var e LegalEntityEdges
		e.loadedTypes[i] = true
		if _, err := e.MembershipsOrErr(); err == nil {
			return i
		}
	}
	panic("ent: no place in loadedTypes marks a legal entity's memberships loaded")
})

// LoadedMemberships yields the memberships loaded with a legal entity,
// under any name: the groupings they carry were read with them, by a
// statement no grouping query sees (memberknown notes them).
func (_m *LegalEntity) LoadedMemberships() iter.Seq[*Membership] {
	return func(yield func(*Membership) bool) {
		for _, m := range _m.Edges.Memberships {
			if !yield(m) {
				return
			}
		}
		for _, named := range _m.Edges.namedMemberships {
			for _, m := range named {
				if !yield(m) {
					return
				}
			}
		}
	}
}
