package schema

import (
	"reflect"

	"entgo.io/ent"
	"entgo.io/ent/schema/mixin"

	"github.com/maillage/maillage/internal/rights"
)

// Rights puts a schema under Maillage's access rules: one privacy policy
// (internal/rights), told the class of data the schema holds.
type Rights struct {
	mixin.Schema
	Class rights.Class
}

// Policy of the Rights mixin.
func (r Rights) Policy() ent.Policy { return rights.Policy{Class: r.Class} }

// Classes reads back the class of data each schema declares in its
// Rights mixin, by type name: the one place a schema's class is written.
// TestEveryTypeHasAClass (internal/store) fails when a schema is missing
// here.
func Classes() map[string]rights.Class {
	out := map[string]rights.Class{}
	for _, s := range []ent.Interface{
		AuditEvent{}, Convention{}, ConventionParty{}, Establishment{}, Filiere{}, FiliereRole{},
		Grouping{}, LegalEntity{}, MedicalTeam{}, Membership{}, Source{}, TeamSite{}, Territory{}, Token{},
	} {
		for _, m := range s.Mixin() {
			if r, ok := m.(Rights); ok {
				out[reflect.TypeOf(s).Name()] = r.Class
			}
		}
	}
	return out
}
