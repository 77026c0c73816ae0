// Package apperr names the errors clients can act on and gives each the
// stable code the API reports in a GraphQL error's extensions.
package apperr

import (
	"errors"
	"fmt"
)

// Error is an error with a code and, when an input caused it, the name of
// that input.
type Error struct {
	Code  string
	Field string
	Msg   string
	Err   error
	// Reason and Details say why, for a client to explain (reasons.go).
	Reason  string
	Details map[string]any
}

func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Msg
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// BadInput reports an invalid input value.
func BadInput(field string, err error) *Error {
	return &Error{Code: CodeBadInput, Field: field, Msg: err.Error(), Err: err}
}

// NotFound reports that nothing has the given key.
func NotFound(what, key string) *Error {
	return &Error{Code: CodeNotFound, Msg: fmt.Sprintf("no %s with %s", what, key)}
}

// Ambiguous reports a key several records share.
func Ambiguous(field, msg string) *Error {
	return &Error{Code: CodeAmbiguous, Field: field, Msg: msg}
}

// Forbidden reports an operation the caller may not perform.
func Forbidden(msg string) *Error {
	return &Error{Code: CodeForbidden, Msg: msg}
}

// Conflict reports an update made on a stale version of a record.
func Conflict(field, msg string) *Error {
	return &Error{Code: CodeConflict, Field: field, Msg: msg}
}

// Classify gives err's code and the input it concerns: an *Error's, or
// a Coder's in its chain; ok is false for an error no package coded.
func Classify(err error) (code, field string, ok bool) {
	if e, found := As(err); found {
		return e.Code, e.Field, true
	}
	var c Coder
	if errors.As(err, &c) {
		code, field = c.APICode()
		return code, field, true
	}
	return "", "", false
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
