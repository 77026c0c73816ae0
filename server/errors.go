package server

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/internal/finess"
	"github.com/maillage/maillage/internal/period"
)

// errorPresenter gives every GraphQL error a code in its extensions and
// hides internal failures behind a generic message (logged in full).
func errorPresenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		if _, has := gqlErr.Extensions["code"]; has {
			return gqlErr // parse and validation errors from gqlgen
		}
		// gqlgen's own request errors (unreadable body, bad JSON) wrap
		// nothing and carry no path; resolver errors always wrap theirs.
		var reqErr *gqlerror.Error
		if errors.As(err, &reqErr) && reqErr.Err == nil && len(reqErr.Path) == 0 {
			gqlErr.Extensions["code"] = apperr.CodeBadRequest
			gqlErr.Message = truncate(gqlErr.Message, maxEchoedMessage)
			return gqlErr
		}
		code, field := classify(err)
		gqlErr.Extensions["code"] = code
		if field != "" {
			gqlErr.Extensions["field"] = field
		}
		if code == apperr.CodeInternal {
			logger.ErrorContext(ctx, "graphql: internal error", "path", gqlErr.Path.String(), "err", err)
			gqlErr.Message = "internal error"
		}
		return gqlErr
	}
}

// maxEchoedMessage bounds a request error's message, which gqlgen
// writes with the whole undecodable body in it.
const maxEchoedMessage = 300

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}

// classify maps an error to its API code and the input it concerns.
func classify(err error) (code, field string) {
	if e, ok := apperr.As(err); ok {
		return e.Code, e.Field
	}
	var numErr *finess.NumberError
	var orderErr *period.OrderError
	var validation *ent.ValidationError
	var constraint *ent.ConstraintError
	switch {
	case errors.As(err, &numErr):
		return apperr.CodeBadInput, "finess"
	case errors.As(err, &orderErr):
		return apperr.CodeBadInput, "validTo"
	case errors.As(err, &validation):
		return apperr.CodeBadInput, validation.Name
	case errors.As(err, &constraint):
		return apperr.CodeBadInput, ""
	case ent.IsNotFound(err):
		return apperr.CodeNotFound, ""
	}
	return apperr.CodeInternal, ""
}

// recoverFunc turns a resolver panic into an internal error.
func recoverFunc(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, v any) error {
		logger.ErrorContext(ctx, "graphql: panic", "panic", v)
		return &apperr.Error{Code: apperr.CodeInternal, Msg: "internal error"}
	}
}
