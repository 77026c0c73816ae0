package coopgraph

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/internal/finess"
)

// Severities say how much a finding matters, most serious first.
const (
	SeverityError   = "ERROR"
	SeverityWarning = "WARNING"
	SeverityInfo    = "INFO"
)

// severityRank orders severities, most serious first.
var severityRank = map[string]int{SeverityError: 0, SeverityWarning: 1, SeverityInfo: 2}

// Finding is one thing an ARS analyst would fix.
type Finding struct {
	Rule     string
	Severity string
	Records  []int // the IDs of the records involved, at most MaxFindingRecords
	Message  string
	Fixes    []Fix // the edits that would settle it, at most MaxFindingRecords
}

// Fix actions: what an editor would do to settle a finding.
const (
	FixAddMember        = "ADD_MEMBER"        // add Organisation (or one the editor chooses) to the grouping Record (or one the editor chooses), with Role
	FixClose            = "CLOSE"             // close Record (a participation, a convention…)
	FixUpdate           = "UPDATE"            // correct Record (its dates, role or named sites)
	FixCreateConvention = "CREATE_CONVENTION" // record a convention to which Organisation is party
)

// Fix is an edit that would settle a finding, for the app to offer as a
// form. It is never applied by itself: an editor makes it, with a source.
type Fix struct {
	Action       string
	Record       *int    // the record to change or add to; nil when the editor chooses it
	Organisation *int    // the organisation concerned; nil when none
	Role         *string // for FixAddMember, the role the member would hold; nil when any
}

// offer adds a fix to a finding, within MaxFindingRecords.
func (f *Finding) offer(fix Fix) *Finding {
	if len(f.Fixes) < MaxFindingRecords {
		f.Fixes = append(f.Fixes, fix)
	}
	return f
}

// reporter reports a finding with the nodes it involves; the fixes are
// offered on what it returns.
type reporter func(msg string, nodes ...int32) *Finding

// idOf is a node's or an edge's record ID, for a fix.
func idOf(id int) *int { return &id }

// role is a membership role, for a fix.
func role(r string) *string { return &r }

// MaxFindingRecords bounds the records a finding names.
const MaxFindingRecords = 10

// Findings is the answer of Checks.
type Findings struct {
	Findings  []Finding
	Total     int
	Truncated bool
}

// rule is one check: plain code over the graph as of the query's day,
// reporting each finding with the nodes it involves.
type rule struct {
	name     string
	severity string
	check    func(g *Graph, q *query, report reporter)
	// missing, when set, says what data the rule needs and the graph
	// lacks on the query's day ("" when it has it): the rule then says so
	// once, rather than flag every organisation for what Maillage lacks.
	missing func(g *Graph, q *query) string
}

// rules are the checks, one per file (rule_*.go).
var rules = []rule{
	publicEntityWithoutGHT,
	ghtSupportCount,
	supportNotMember,
	membershipOfClosed,
	conventionPastEnd,
	ghtMemberOutsideTerritory,
	ehpadWithoutHospitalConvention,
}

// RuleNames lists the checks by name.
func RuleNames() []string {
	names := make([]string, len(rules))
	for i, r := range rules {
		names[i] = r.name
	}
	return names
}

// Checks runs the rules (all, or those named) on the graph as of the
// filter's day, keeping the findings that involve an organisation of the
// filter's territories, the most serious first.
func (g *Graph) Checks(f Filter, only []string) (*Findings, error) {
	q, err := g.prepare(f)
	if err != nil {
		return nil, err
	}
	for _, name := range only {
		if !slices.Contains(RuleNames(), name) {
			return nil, apperr.BadInput("rules", fmt.Errorf("unknown rule %q: want one of %v", name, RuleNames()))
		}
	}
	var all []*Finding
	for _, r := range rules {
		if len(only) > 0 && !slices.Contains(only, r.name) {
			continue
		}
		if r.missing != nil {
			if msg := r.missing(g, q); msg != "" {
				all = append(all, &Finding{Rule: r.name, Severity: SeverityInfo, Records: []int{}, Message: msg, Fixes: []Fix{}})
				continue
			}
		}
		var found []*Finding
		r.check(g, q, func(msg string, nodes ...int32) *Finding {
			if !g.involvesTerritory(q, nodes) {
				return &Finding{} // outside the territories: its fixes go nowhere
			}
			ids := make([]int, 0, min(len(nodes), MaxFindingRecords))
			for _, n := range nodes[:min(len(nodes), MaxFindingRecords)] {
				ids = append(ids, g.nodes[n].id)
			}
			fd := &Finding{Rule: r.name, Severity: r.severity, Records: ids, Message: msg, Fixes: []Fix{}}
			found = append(found, fd)
			return fd
		})
		sort.SliceStable(found, func(i, j int) bool { return found[i].Message < found[j].Message })
		all = append(all, found...)
	}
	// The most serious first, so that a cut keeps them; rules in their
	// order within a severity.
	sort.SliceStable(all, func(i, j int) bool { return severityRank[all[i].Severity] < severityRank[all[j].Severity] })
	out := &Findings{Total: len(all), Truncated: len(all) > q.limit, Findings: make([]Finding, 0, min(len(all), q.limit))}
	for _, fd := range all[:min(len(all), q.limit)] {
		out.Findings = append(out.Findings, *fd)
	}
	return out, nil
}

// involvesTerritory reports whether a finding concerns the territories:
// one of its organisations lies there (findings without organisations
// are kept).
func (g *Graph) involvesTerritory(q *query, nodes []int32) bool {
	if q.territories == nil {
		return true
	}
	orgs := false
	for _, n := range nodes {
		if g.nodes[n].kind.IsOrganisation() {
			orgs = true
			if g.located(q, n) {
				return true
			}
		}
	}
	return !orgs
}

// participations lists the edges of object o in force on the query's day
// whose other end is a legal entity, with that entity.
func (g *Graph) participations(q *query, o int32) (edges []*edge, members []int32) {
	for _, ei := range g.adj[o] {
		e := &g.edges[ei]
		if e.b != o || g.nodes[e.a].kind != LegalEntity || !q.holds(e.from, e.to) {
			continue
		}
		edges = append(edges, e)
		members = append(members, e.a)
	}
	return edges, members
}

// isGHT reports whether node n is a GHT in force on the query's day.
func (g *Graph) isGHT(q *query, n int32) bool {
	nd := &g.nodes[n]
	return nd.kind == Grouping && nd.category == "GHT" && q.holds(nd.from, nd.to)
}

// hospital reports whether a legal entity runs a hospital (a site of the
// FINESS aggregates of centres hospitaliers).
func (g *Graph) hospital(n int32) bool {
	for _, s := range g.sites[n] {
		if slices.Contains(finess.HospitalCentreGroups, g.nodes[s].catGroup) {
			return true
		}
	}
	return false
}

// name quotes a node for a message: « label » (FINESS n).
func (g *Graph) name(n int32) string {
	nd := &g.nodes[n]
	if nd.finess != "" {
		return fmt.Sprintf("« %s » (FINESS %s)", nd.label, nd.finess)
	}
	if nd.code != "" {
		return fmt.Sprintf("« %s » (%s)", nd.label, nd.code)
	}
	return fmt.Sprintf("« %s »", nd.label)
}

// frenchDay writes a day as users read it.
func frenchDay(t time.Time) string { return t.Format("02/01/2006") }
