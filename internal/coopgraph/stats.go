package coopgraph

import (
	"sort"
)

// Count is a number of records sharing a key.
type Count struct {
	Key   string
	Count int
}

// Stats describe a territory's organisations and their cooperation.
type Stats struct {
	Sites         int
	LegalEntities int
	// Organisations taking part, on the day, in at least one cooperation.
	CooperatingLegalEntities int
	CooperatingShare         float64
	// Isolated are the hospitals (legal entities running a hospital) in
	// no cooperation: the seeds' "exercice isolé". At most MaxIsolated.
	Isolated        []NodeView
	IsolatedCount   int
	ByCategory      []Count // sites by FINESS category
	ByLegalStatus   []Count // legal entities by legal status
	GroupingsByKind []Count // groupings with a member there, by kind
}

// Bounds of a Stats' lists: the isolated hospitals, and each tally
// (the largest counts are kept).
const (
	MaxIsolated = 100
	MaxCounts   = 500
)

// Stats counts the organisations located in the filter's territories on
// its day, and their cooperation.
func (g *Graph) Stats(f Filter) (*Stats, error) {
	q, err := g.prepare(f)
	if err != nil {
		return nil, err
	}
	st := &Stats{}
	categories, statuses, groupings := map[string]int{}, map[string]int{}, map[string]int{}
	seenGrouping := map[int32]bool{}
	for i := range g.nodes {
		n := int32(i)
		nd := &g.nodes[n]
		if !nd.kind.IsOrganisation() || !q.holds(nd.from, nd.to) || !g.located(q, n) {
			continue
		}
		if nd.kind == Site {
			st.Sites++
			categories[nd.category]++
			continue
		}
		st.LegalEntities++
		statuses[nd.category]++
		cooperating := false
		for _, h := range g.neighbors(q, n) {
			cooperating = true
			if o := h.to; g.nodes[o].kind == Grouping && !seenGrouping[o] {
				seenGrouping[o] = true
				groupings[g.nodes[o].category]++
			}
		}
		if cooperating {
			st.CooperatingLegalEntities++
		} else if g.hospital(n) {
			st.IsolatedCount++
			if len(st.Isolated) < MaxIsolated {
				st.Isolated = append(st.Isolated, g.view(n))
			}
		}
	}
	if st.LegalEntities > 0 {
		st.CooperatingShare = float64(st.CooperatingLegalEntities) / float64(st.LegalEntities)
	}
	st.ByCategory, st.ByLegalStatus, st.GroupingsByKind = counts(categories), counts(statuses), counts(groupings)
	return st, nil
}

// counts sorts a tally, largest first, and keeps the MaxCounts largest.
func counts(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, v := range m {
		out = append(out, Count{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	return out[:min(len(out), MaxCounts)]
}
