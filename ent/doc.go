// Package ent holds the model: hand-written schemas in ./schema, the
// client generated from them beside it (see ../generate.go).
package ent
