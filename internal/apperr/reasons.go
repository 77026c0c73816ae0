package apperr

// Reasons say why an edit was refused, beyond its code: a stable name a
// client explains in its own language (`extensions.reason`), with the
// values the explanation needs (`extensions.details`). The message stays
// for people reading the API by hand.
const (
	ReasonRoleMayNotWrite     = "ROLE_MAY_NOT_WRITE"     // details: role
	ReasonOutsideTerritory    = "OUTSIDE_TERRITORY"      // details: territories (the caller's), outside (the places not covered)
	ReasonNoLocatedParty      = "NO_LOCATED_PARTY"       // details: type
	ReasonSourceRequired      = "SOURCE_REQUIRED"        // -
	ReasonUnknownRecord       = "UNKNOWN_RECORD"         // details: type, id
	ReasonUnknownFiness       = "UNKNOWN_FINESS"         // details: finess
	ReasonSiteOfAnotherEntity = "SITE_OF_ANOTHER_ENTITY" // details: sites
	ReasonDuplicateMembership = "DUPLICATE_MEMBERSHIP"   // details: membership, validFrom (validFromPrecision), validTo
	ReasonSecondSupport       = "SECOND_SUPPORT"         // details: grouping, membership, validFrom (validFromPrecision), validTo
	ReasonAlreadyClosed       = "ALREADY_CLOSED"         // details: validTo
	ReasonStaleVersion        = "STALE_VERSION"          // details: type, id
	ReasonDatesOutOfOrder     = "DATES_OUT_OF_ORDER"     // details: validFrom, validTo
)

// ReasonInfo documents a reason for the README.
type ReasonInfo struct {
	Reason, Code, Details, Meaning string
}

// Reasons is the one list of refusal reasons.
var Reasons = []ReasonInfo{
	{ReasonRoleMayNotWrite, CodeForbidden, "`role`", "the caller's role writes nothing (anonymous, partner)"},
	{ReasonOutsideTerritory, CodeForbidden, "`territories`, `outside`", "the record also lies outside the editor's territories"},
	{ReasonNoLocatedParty, CodeForbidden, "`type`", "the record has no located party: only an admin writes it"},
	{ReasonSourceRequired, CodeBadInput, "", "an edit cites its source"},
	{ReasonUnknownRecord, CodeBadInput, "`type`, `id`", "an ID names no record of the type the field wants"},
	{ReasonUnknownFiness, CodeBadInput, "`finess`", "a FINESS number the register does not hold"},
	{ReasonSiteOfAnotherEntity, CodeBadInput, "`sites`", "named sites belong to another legal entity than the party"},
	{ReasonDuplicateMembership, CodeBadInput, "`membership`, `validFrom` (`validFromPrecision` when YEAR or MONTH), `validTo`", "the legal entity is already a member of the grouping over that period"},
	{ReasonSecondSupport, CodeBadInput, "`grouping`, `membership`, `validFrom` (`validFromPrecision` when YEAR or MONTH), `validTo`", "a GHT has one support at any date"},
	{ReasonAlreadyClosed, CodeBadInput, "`validTo`", "the record is already closed: update it to change its end"},
	{ReasonStaleVersion, CodeConflict, "`type`, `id`", "someone changed the record since the caller read it"},
	{ReasonDatesOutOfOrder, CodeBadInput, "`validFrom`, `validTo`", "the end is not after the start"},
}

// Because gives e a reason and the values it names.
func (e *Error) Because(reason string, details map[string]any) *Error {
	e.Reason, e.Details = reason, details
	return e
}

// Explainer is an error that knows its reason without being an *Error.
type Explainer interface {
	Reason() (reason string, details map[string]any)
}
