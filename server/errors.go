package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/internal/apperr"
)

// errorPresenter gives every GraphQL error a code in its extensions and
// hides internal failures behind a generic message (logged in full):
// one caused by the request running out of time is TIMEOUT (504), one
// while the database does not answer SERVICE_UNAVAILABLE (503); neither
// names a table or a statement. Codes are recorded for metrics.
func errorPresenter(logger *slog.Logger, ping func(context.Context) error) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := present(ctx, logger, ping, err)
		if code, ok := gqlErr.Extensions["code"].(string); ok {
			stateOf(ctx).addCode(code)
		}
		return gqlErr
	}
}

func present(ctx context.Context, logger *slog.Logger, ping func(context.Context) error, err error) *gqlerror.Error {
	gqlErr := graphql.DefaultErrorPresenter(ctx, err)
	if gqlErr.Extensions == nil {
		gqlErr.Extensions = map[string]any{}
	}
	if code, has := gqlErr.Extensions["code"]; has {
		// parse and validation errors from gqlgen, limits
		if code == errcode.ParseFailed && strings.Contains(gqlErr.Message, "token limit") {
			gqlErr.Extensions["code"] = apperr.CodeLimitExceeded
		}
		if code == errcode.ValidationFailed && len(gqlErr.Path) > 1 && gqlErr.Path[0] == ast.PathName("variable") {
			// A variable's value that does not fit its type (an enum value
			// that does not exist, say): the caller's input, named.
			gqlErr.Extensions["code"] = apperr.CodeBadInput
			gqlErr.Extensions["field"] = pathString(gqlErr.Path[1:])
		}
		return gqlErr
	}
	// gqlgen's own request errors (unreadable body, bad JSON) wrap
	// nothing and carry no path; resolver errors always wrap theirs.
	var reqErr *gqlerror.Error
	if errors.As(err, &reqErr) && reqErr.Err == nil && len(reqErr.Path) == 0 {
		gqlErr.Extensions["code"] = apperr.CodeBadRequest
		gqlErr.Message = truncate(gqlErr.Message, maxEchoedMessage)
		return gqlErr
	}
	if arg, ok := argumentOf(ctx, err); ok {
		// A value the caller gave that does not parse (a cursor, an ID,
		// a date): the caller's error, named by its argument.
		gqlErr.Extensions["code"] = apperr.CodeBadInput
		gqlErr.Extensions["field"] = arg
		gqlErr.Message = truncate(gqlErr.Message, maxEchoedMessage)
		return gqlErr
	}
	code, field := classify(err)
	if code == apperr.CodeInternal {
		code = internalCause(ctx, ping)
	}
	gqlErr.Extensions["code"] = code
	if field != "" {
		gqlErr.Extensions["field"] = field
	}
	if reason, details := reasonOf(err); reason != "" {
		gqlErr.Extensions["reason"] = reason
		if len(details) > 0 {
			gqlErr.Extensions["details"] = details
		}
	}
	var constraint *ent.ConstraintError
	if errors.As(err, &constraint) {
		gqlErr.Message = "the value conflicts with an existing record" // the driver's message names tables
	}
	switch code {
	case apperr.CodeInternal:
		logger.ErrorContext(ctx, "graphql: internal error", "path", gqlErr.Path.String(), "err", err)
		gqlErr.Message = "internal error"
	case apperr.CodeTimeout:
		logger.WarnContext(ctx, "graphql: request ran out of time", "path", gqlErr.Path.String(), "err", err)
		stateOf(ctx).setStatus(http.StatusGatewayTimeout)
		gqlErr.Message = "the request took too long and was stopped"
	case apperr.CodeUnavailable:
		logger.ErrorContext(ctx, "graphql: database unavailable", "path", gqlErr.Path.String(), "err", err)
		stateOf(ctx).setStatus(http.StatusServiceUnavailable)
		gqlErr.Message = "service unavailable: the database does not answer; retry later"
	case apperr.CodeCancelled:
		logger.InfoContext(ctx, "graphql: client left, request cancelled", "path", gqlErr.Path.String())
		gqlErr.Message = "request cancelled"
	}
	return gqlErr
}

// internalCause tells an internal error caused by the request's deadline
// or an unreachable database from a bug.
func internalCause(ctx context.Context, ping func(context.Context) error) string {
	switch {
	case errors.Is(context.Cause(ctx), context.DeadlineExceeded):
		return apperr.CodeTimeout
	case errors.Is(ctx.Err(), context.Canceled):
		return apperr.CodeCancelled
	case ping != nil:
		pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		if ping(pctx) != nil {
			return apperr.CodeUnavailable
		}
	}
	return apperr.CodeInternal
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

// argumentOf names the argument an error was found in, "filter.asOf"
// say: gqlgen reports a value that fails to unmarshal on the path of the
// field extended by the argument's. Resolver errors carry no such path.
func argumentOf(ctx context.Context, err error) (string, bool) {
	var withPath *gqlerror.Error
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !errors.As(err, &withPath) {
		return "", false
	}
	field := fc.Path()
	if len(withPath.Path) <= len(field) {
		return "", false
	}
	return pathString(withPath.Path[len(field):]), true
}

// pathString writes an input's path as "filter.territories.0".
func pathString(path ast.Path) string {
	names := make([]string, 0, len(path))
	for _, el := range path {
		switch el := el.(type) {
		case ast.PathName:
			names = append(names, string(el))
		case ast.PathIndex:
			names = append(names, fmt.Sprint(int(el)))
		}
	}
	return strings.Join(names, ".")
}

// reasonOf says why an edit was refused, when the error knows.
func reasonOf(err error) (string, map[string]any) {
	if e, ok := apperr.As(err); ok && e.Reason != "" {
		return e.Reason, e.Details
	}
	var x apperr.Explainer
	if errors.As(err, &x) {
		return x.Reason()
	}
	return "", nil
}

// classify maps an error to its API code and the input it concerns.
func classify(err error) (code, field string) {
	if code, field, ok := ent.Classify(err); ok {
		return code, field
	}
	return apperr.CodeInternal, ""
}

// recoverFunc turns a resolver panic into an internal error; the server
// goes on serving.
func recoverFunc(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, v any) error {
		logger.ErrorContext(ctx, "graphql: panic", "panic", v)
		return &apperr.Error{Code: apperr.CodeInternal, Msg: "internal error"}
	}
}
