package ent

// Hand-written: the one classification of errors into the API's codes,
// used by the GraphQL layer and by edits alike.

import (
	"errors"
	"strings"

	"github.com/maillage/maillage/internal/apperr"
)

// emptyFilter starts the message of every ErrEmpty…WhereInput: a filter
// in and, or, not or a has…With that holds no condition. Matched by its
// text, which entgql's template writes for every type, so that a type
// added to the schema is covered too.
const emptyFilter = "ent: empty predicate "

// Classify gives err's API code and the input it concerns (its GraphQL
// name, camelCase): a code a package gave it (apperr), then ent's own
// errors; ok is false for an error nobody coded, a bug or an outage.
func Classify(err error) (code, field string, ok bool) {
	if code, field, ok := apperr.Classify(err); ok {
		return code, field, true
	}
	var validation *ValidationError
	var constraint *ConstraintError
	switch {
	case errors.As(err, &validation):
		return apperr.CodeBadInput, camel(validation.Name), true
	case errors.As(err, &constraint):
		return apperr.CodeBadInput, "", true
	case IsNotFound(err):
		return apperr.CodeNotFound, "", true
	case strings.Contains(err.Error(), emptyFilter):
		return apperr.CodeBadInput, "where", true
	}
	return "", "", false
}

// camel writes an ent field name as its GraphQL name.
func camel(name string) string {
	parts := strings.Split(name, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}
