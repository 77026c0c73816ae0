package apperr

import "net/http"

// Codes reported in extensions.code of every error the API answers, and
// what each means. This is the one list: the HTTP layer, the GraphQL
// layer and the domain packages name their errors from it, and the
// README's table is TestCodesAreDocumented's.
const (
	CodeBadInput        = "BAD_USER_INPUT"  // an input value: extensions.field names it
	CodeBadRequest      = "BAD_REQUEST"     // the HTTP request itself: unreadable, undecodable, too large
	CodeNotFound        = "NOT_FOUND"       // nothing has the key asked for
	CodeAmbiguous       = "AMBIGUOUS"       // a code that is both a région and a département
	CodeUnauthenticated = "UNAUTHENTICATED" // a bad or expired token
	CodeForbidden       = "FORBIDDEN"       // the caller's role or territories do not allow it
	CodeConflict        = "CONFLICT"        // an update based on a stale version
	CodeInternal        = "INTERNAL_SERVER_ERROR"
	CodeUnavailable     = "SERVICE_UNAVAILABLE" // the database does not answer

	CodeUnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
	CodeBatchNotSupported    = "BATCH_NOT_SUPPORTED"
	CodeMethodNotAllowed     = "METHOD_NOT_ALLOWED"
	CodeRequestTimeout       = "REQUEST_TIMEOUT"
	CodeTimeout              = "TIMEOUT"
	CodeCancelled            = "CANCELLED"
	CodeLimitExceeded        = "QUERY_LIMIT_EXCEEDED"
	CodeComplexityExceeded   = "COMPLEXITY_LIMIT_EXCEEDED"
	CodeResponseTooLarge     = "RESPONSE_TOO_LARGE"
	CodeIntrospectionOff     = "INTROSPECTION_DISABLED"
	CodeRateLimited          = "RATE_LIMITED"
	CodeOverloaded           = "OVERLOADED"

	// gqlgen's own, for documents that do not parse or validate.
	CodeParseFailed      = "GRAPHQL_PARSE_FAILED"
	CodeValidationFailed = "GRAPHQL_VALIDATION_FAILED"
)

// CodeInfo is a code, the HTTP status it is answered with, and what it
// means for the caller.
type CodeInfo struct {
	Code    string
	Status  int // 200 when the request was run and the error is one field's
	Meaning string
}

// Codes are every code, in the order the README lists them.
var Codes = []CodeInfo{
	{CodeBadInput, http.StatusOK, "an input value is wrong: a FINESS number with a bad check key, a malformed ID, date or cursor, an unknown enum value in a variable, a value out of range; `extensions.field` names the input (`filter.asOf`). Variables that do not fit their type and limits on values checked before the request runs answer 422 and 400"},
	{CodeNotFound, http.StatusOK, "nothing has the key asked for"},
	{CodeAmbiguous, http.StatusOK, "a code that is both a région and a département: give `kind`"},
	{CodeUnauthenticated, http.StatusUnauthorized, "a bad, revoked or expired token"},
	{CodeForbidden, http.StatusOK, "not yours to read or change (role, territories)"},
	{CodeConflict, http.StatusOK, "a stale `expectedVersion`: someone changed the record meanwhile"},
	{CodeBadRequest, http.StatusBadRequest, "the HTTP request is unreadable, not JSON, nested too deep, or too large (413)"},
	{CodeUnsupportedMediaType, http.StatusUnsupportedMediaType, "a POST that is not `application/json`"},
	{CodeBatchNotSupported, http.StatusBadRequest, "a JSON array of operations: one per request"},
	{CodeMethodNotAllowed, http.StatusMethodNotAllowed, "a mutation over GET, or a method other than GET, POST, OPTIONS"},
	{CodeParseFailed, http.StatusUnprocessableEntity, "the document does not parse"},
	{CodeValidationFailed, http.StatusUnprocessableEntity, "the document does not validate against the schema"},
	{CodeLimitExceeded, http.StatusUnprocessableEntity, "the document is too long, too deep, has too many aliases or fields, or input nested too deep"},
	{CodeComplexityExceeded, http.StatusUnprocessableEntity, "the request could resolve more fields than the limit (lists priced by their bounds)"},
	{CodeResponseTooLarge, http.StatusUnprocessableEntity, "the answer grew past its budget of fields or bytes while it ran"},
	{CodeIntrospectionOff, http.StatusUnprocessableEntity, "introspection is switched off on this server"},
	{CodeRateLimited, http.StatusTooManyRequests, "past the address's or the token's rate: retry after `Retry-After`"},
	{CodeOverloaded, http.StatusServiceUnavailable, "the server is busy (requests without a token, or big requests, waiting their turn): retry in a moment, or use a token, or ask for less"},
	{CodeRequestTimeout, http.StatusRequestTimeout, "the request body came too slowly"},
	{CodeTimeout, http.StatusGatewayTimeout, "the request ran past the query timeout and was stopped, its SQL cancelled"},
	{CodeCancelled, http.StatusOK, "the client left before the answer (logged, never seen)"},
	{CodeUnavailable, http.StatusServiceUnavailable, "the database does not answer"},
	{CodeInternal, http.StatusOK, "a bug: no detail is given; the server log has it under the request's ID"},
}

// Coder is an error of a domain package that knows its code and the
// input it concerns (a FINESS number, a period).
type Coder interface {
	error
	APICode() (code, field string)
}
