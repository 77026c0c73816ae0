// Package access says who is calling: the principal a bearer token names
// (role, territories), carried in the request's context.
package access

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/maillage/maillage/internal/apperr"
)

// Role is what a token allows.
type Role string

// Roles, from least to most allowed.
const (
	RoleAnonymous Role = "anonymous" // reads open data at a low rate
	RolePartner   Role = "partner"   // reads with a higher quota
	RoleEditor    Role = "editor"    // also writes within its territories
	RoleAdmin     Role = "admin"     // also manages tokens
	// RoleSystem is Maillage itself: the command line's imports, data
	// loads and token management. No token carries it.
	RoleSystem Role = "system"
)

// Roles a token may be created with.
var TokenRoles = []Role{RolePartner, RoleEditor, RoleAdmin}

// Principal is the caller.
type Principal struct {
	TokenID     int // 0 when anonymous
	Name        string
	Role        Role
	Territories []string // région or département codes an editor may write in
}

// Anonymous is the caller without a token.
var Anonymous = Principal{Name: "anonymous", Role: RoleAnonymous}

// System is Maillage acting on its own behalf (imports, the shipped data
// load, token management from the command line): every right.
var System = Principal{Name: "system", Role: RoleSystem}

// AsSystem returns ctx carrying System.
func AsSystem(ctx context.Context) context.Context { return WithPrincipal(ctx, System) }

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the caller ctx carries, Anonymous when none.
func FromContext(ctx context.Context) Principal {
	if p, ok := ctx.Value(principalKey{}).(Principal); ok {
		return p
	}
	return Anonymous
}

// ErrBadToken is returned for a token that is unknown, revoked or
// expired.
var ErrBadToken = errors.New("unknown, revoked or expired token")

// Authenticator finds the principal a bearer token names.
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (Principal, error)
}

// Middleware puts the caller in each request's context: anonymous
// without an Authorization header, the token's principal with a valid
// "Bearer" one; a bad token is refused with 401 rather than served as
// anonymous, so that a client notices.
func Middleware(a Authenticator, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		header := r.Header.Get("Authorization")
		if header == "" {
			next.ServeHTTP(w, r.WithContext(WithPrincipal(r.Context(), Anonymous)))
			return
		}
		scheme, token, ok := strings.Cut(header, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
			refuse(w, "Authorization header: want \"Bearer <token>\"")
			return
		}
		p, err := a.Authenticate(r.Context(), strings.TrimSpace(token))
		if errors.Is(err, ErrBadToken) {
			refuse(w, err.Error())
			return
		}
		if err != nil {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"errors":[{"message":"service unavailable","extensions":{"code":"SERVICE_UNAVAILABLE"}}]}`))
			return
		}
		next.ServeHTTP(w, r.WithContext(WithPrincipal(r.Context(), p)))
	})
}

func refuse(w http.ResponseWriter, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("WWW-Authenticate", `Bearer realm="maillage"`)
	w.WriteHeader(http.StatusUnauthorized)
	_, _ = w.Write([]byte(`{"errors":[{"message":` + quote(message) + `,"extensions":{"code":"` + apperr.CodeUnauthenticated + `"}}]}`))
}

func quote(s string) string { return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"` }

// MayEdit tells whether p's role writes at all: editors (within their
// territories, which the rights package checks) and admins.
func (p Principal) MayEdit() bool {
	return p.Role == RoleEditor || p.Role == RoleAdmin || p.Role == RoleSystem
}

// MayReadAudit tells whether p's role reads the audit log.
func (p Principal) MayReadAudit() bool { return p.MayEdit() }

// Caller returns the caller ctx carries, as the GraphQL `viewer` shows it.
func Caller(ctx context.Context) *Principal {
	p := FromContext(ctx)
	return &p
}
