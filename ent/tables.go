package ent

// Hand-written: which type's records each table holds, for those who
// follow writes table by table (PostgreSQL's change notifications).

import "entgo.io/ent/dialect/sql/sqlgraph"

// TableTypes maps every table to the type whose records or links it
// holds: a type's own table, and the join table of each many-to-many
// link it owns (the type whose mutation writes it).
func TableTypes() map[string]string {
	out := map[string]string{}
	for _, n := range schemaGraph.Nodes {
		out[n.Table] = n.Type
	}
	for _, n := range schemaGraph.Nodes {
		for _, e := range n.Edges {
			if e.Spec.Rel == sqlgraph.M2M && !e.Spec.Inverse {
				if _, known := out[e.Spec.Table]; !known {
					out[e.Spec.Table] = n.Type
				}
			}
		}
	}
	return out
}
