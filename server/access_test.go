package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/tokens"
)

// TestBearerTokens: a valid token is accepted, a bad, revoked or
// malformed one refused with 401 and a coded error; no token reads as
// anonymous.
func TestBearerTokens(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			plain, _, err := tokens.Create(ctx, b.db.Client, tokens.Spec{Role: access.RolePartner, Name: "partner " + b.name}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			revoked, rtok, err := tokens.Create(ctx, b.db.Client, tokens.Spec{Role: access.RolePartner, Name: "revoked " + b.name}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tokens.Revoke(ctx, b.db.Client, rtok.Name, time.Now()); err != nil {
				t.Fatal(err)
			}
			tests := []struct {
				name, header string
				status       int
				contains     string
			}{
				{"no token", "", http.StatusOK, `"420782559"`},
				{"valid token", "Bearer " + plain, http.StatusOK, `"420782559"`},
				{"scheme case", "bearer " + plain, http.StatusOK, `"420782559"`},
				{"revoked", "Bearer " + revoked, http.StatusUnauthorized, `"UNAUTHENTICATED"`},
				{"unknown", "Bearer mlg_nope", http.StatusUnauthorized, `"UNAUTHENTICATED"`},
				{"basic auth", "Basic dXNlcjpwYXNz", http.StatusUnauthorized, `"UNAUTHENTICATED"`},
				{"empty bearer", "Bearer ", http.StatusUnauthorized, `"UNAUTHENTICATED"`},
			}
			for _, tt := range tests {
				req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ establishment(finess: \"420782559\") { finess } }"}`))
				req.Header.Set("Content-Type", "application/json")
				if tt.header != "" {
					req.Header.Set("Authorization", tt.header)
				}
				rec := httptest.NewRecorder()
				b.handler.ServeHTTP(rec, req)
				if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.contains) {
					t.Errorf("%s: %d %s, want %d with %s", tt.name, rec.Code, rec.Body.String(), tt.status, tt.contains)
				}
				if rec.Code == http.StatusUnauthorized && rec.Header().Get("WWW-Authenticate") == "" {
					t.Errorf("%s: 401 without WWW-Authenticate", tt.name)
				}
			}
		})
	}
}
