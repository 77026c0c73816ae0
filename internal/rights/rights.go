// Package rights decides what a caller may read and write: the one ent
// privacy policy every schema carries (ent/schema's Rights mixin names
// its class). Resolvers and domain code check nothing themselves.
//
//   - anonymous and partner read open data; they write nothing;
//   - editor also writes cooperation records (groupings, memberships,
//     conventions and parties, filières and roles, medical teams and
//     sites) whose every located party lies in a territory its token
//     names, records sources, and reads the audit log;
//   - admin may do everything, and alone reads tokens;
//   - system (imports, data loads, the command line) may do everything.
//
// Nobody updates or deletes an audit event.
package rights

import (
	"context"
	"fmt"
	"slices"
	"strings"

	entgo "entgo.io/ent"
	"entgo.io/ent/privacy"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/apperr"
)

// Class is what kind of data a schema holds, which decides who may read
// and write it.
type Class int

// Classes of data.
const (
	Register    Class = iota // sites, legal entities, territories: written by imports
	Source                   // provenance: editors record the sources they cite
	Cooperation              // editable within the editor's territories
	Token                    // API tokens: admin only
	Audit                    // the audit log: read by editors and admins, append-only
)

// Policy is the ent privacy policy of a schema of class Class.
type Policy struct{ Class Class }

// EvalQuery allows reads of open data to all; tokens to admins, the
// audit log to editors and admins.
func (p Policy) EvalQuery(ctx context.Context, _ entgo.Query) error {
	who := access.FromContext(ctx)
	switch p.Class {
	case Token:
		if who.Role == access.RoleAdmin || who.Role == access.RoleSystem {
			return privacy.Allow
		}
		return forbidden("only an admin reads tokens")
	case Audit:
		if isWriter(who.Role) {
			return privacy.Allow
		}
		return forbidden("the audit log is for editors and admins")
	}
	return privacy.Allow
}

// EvalMutation decides a write.
func (p Policy) EvalMutation(ctx context.Context, m entgo.Mutation) error {
	who := access.FromContext(ctx)
	if p.Class == Audit {
		if m.Op().Is(entgo.OpCreate) && isWriter(who.Role) {
			return privacy.Allow
		}
		return forbidden("audit events are never changed")
	}
	switch who.Role {
	case access.RoleSystem, access.RoleAdmin:
		return privacy.Allow
	case access.RoleEditor:
	default:
		return because(forbidden(fmt.Sprintf("%s may not write: an editor or admin token is needed", who.Role)),
			apperr.ReasonRoleMayNotWrite, map[string]any{"role": string(who.Role)})
	}
	switch p.Class {
	case Source:
		if m.Op().Is(entgo.OpCreate) {
			return privacy.Allow
		}
		return forbidden("an editor records sources but does not change them")
	case Cooperation:
		if !m.Op().Is(entgo.OpCreate | entgo.OpUpdateOne) {
			return forbidden(fmt.Sprintf("an editor changes one record at a time and never deletes (%s %s)", m.Op(), m.Type()))
		}
		return editorMayWrite(ctx, who, m)
	}
	return forbidden(fmt.Sprintf("an editor does not write %s records", m.Type()))
}

func isWriter(r access.Role) bool {
	return r == access.RoleEditor || r == access.RoleAdmin || r == access.RoleSystem
}

// forbidden is a FORBIDDEN error that is also ent privacy's Deny.
func forbidden(msg string) error {
	e := apperr.Forbidden(msg)
	e.Err = privacy.Deny
	return e
}

// editorMayWrite allows the mutation when every place the record lies
// in, before and after it, is within the editor's territories.
func editorMayWrite(ctx context.Context, who access.Principal, m entgo.Mutation) error {
	cm, ok := m.(interface{ Client() *ent.Client })
	if !ok {
		return fmt.Errorf("rights: %s mutation has no client", m.Type())
	}
	places, err := PlacesOf(ctx, cm.Client(), m)
	if err != nil {
		return err
	}
	if len(places) == 0 {
		return because(forbidden(fmt.Sprintf("this %s has no located party (no territory, member or site with a known département): only an admin may write it", m.Type())),
			apperr.ReasonNoLocatedParty, map[string]any{"type": m.Type()})
	}
	var outside []string
	var outsidePlaces []map[string]string
	for _, pl := range places {
		if !Covers(who.Territories, pl) {
			outside = append(outside, pl.String())
			outsidePlaces = append(outsidePlaces, map[string]string{"region": pl.Region, "department": pl.Department})
		}
	}
	if len(outside) > 0 {
		slices.Sort(outside)
		return because(forbidden(fmt.Sprintf("%s %q may write in %s only; this %s also lies in %s",
			who.Role, who.Name, strings.Join(who.Territories, ", "), m.Type(), strings.Join(slices.Compact(outside), ", "))),
			apperr.ReasonOutsideTerritory, map[string]any{"territories": who.Territories, "outside": outsidePlaces})
	}
	return privacy.Allow
}

// because gives a refusal made by forbidden its reason.
func because(err error, reason string, details map[string]any) error {
	if e, ok := apperr.As(err); ok {
		e.Because(reason, details)
	}
	return err
}

// Place is where a party lies: its région and, when known, département.
// A place with no région is unlocated and no editor covers it.
type Place struct{ Region, Department string }

func (p Place) String() string {
	switch {
	case p.Region == "" && p.Department == "":
		return "an unknown place"
	case p.Department == "":
		return "région " + p.Region
	case p.Region == "":
		return "département " + p.Department + " (région unknown)"
	}
	return "région " + p.Region + " (département " + p.Department + ")"
}

// Covers tells whether territories (a token's codes: `REGION:84`,
// `DEPARTMENT:42`, or a plain code, which matches either kind) include
// place.
func Covers(territories []string, p Place) bool {
	for _, t := range territories {
		kind, code, found := strings.Cut(t, ":")
		if !found {
			kind, code = "", t
		}
		kind = strings.ToUpper(kind)
		if p.Region != "" && code == p.Region && (kind == "" || kind == "REGION") {
			return true
		}
		if p.Department != "" && code == p.Department && (kind == "" || kind == "DEPARTMENT") {
			return true
		}
	}
	return false
}
