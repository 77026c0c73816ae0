package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/maillage/maillage/internal/memberknown"
)

// BatchMembersKnown is an operation middleware (the server's
// AroundOperations): a document that asks Grouping.membersKnown gets a
// batch in which the groupings it loads are noted, so that the field
// costs one statement per request rather than one per grouping. Other
// documents note nothing.
func BatchMembersKnown(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if strings.Contains(graphql.GetOperationContext(ctx).RawQuery, "membersKnown") {
		ctx = memberknown.WithBatch(ctx)
	}
	return next(ctx)
}
