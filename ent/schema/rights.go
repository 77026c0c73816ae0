package schema

import (
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
