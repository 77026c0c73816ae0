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

// The viewer query says who the token names; two partners never see
// each other's name, though partners' reads share the response cache.
func TestViewer(t *testing.T) {
	ctx := context.Background()
	b := backends[0]
	stamp := time.Now().Format(time.RFC3339Nano)
	p1, _, err := tokens.Create(ctx, b.db.Client, tokens.Spec{Role: access.RolePartner, Name: "viewer partner one " + stamp}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	p2, _, err := tokens.Create(ctx, b.db.Client, tokens.Spec{Role: access.RolePartner, Name: "viewer partner two " + stamp}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	ed, _, err := tokens.Create(ctx, b.db.Client, tokens.Spec{Role: access.RoleEditor, Territories: []string{"REGION:84"}, Name: "viewer editor " + stamp}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ token, want string }{
		{"", `{"data":{"viewer":{"name":"anonymous","role":"anonymous","territories":[],"mayEdit":false,"mayReadAudit":false}}}`},
		{p1, `{"data":{"viewer":{"name":"viewer partner one ` + stamp + `","role":"partner","territories":[],"mayEdit":false,"mayReadAudit":false}}}`},
		{p2, `{"data":{"viewer":{"name":"viewer partner two ` + stamp + `","role":"partner","territories":[],"mayEdit":false,"mayReadAudit":false}}}`},
		{ed, `{"data":{"viewer":{"name":"viewer editor ` + stamp + `","role":"editor","territories":["REGION:84"],"mayEdit":true,"mayReadAudit":true}}}`},
	} {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ viewer { name role territories mayEdit mayReadAudit } }"}`))
		req.Header.Set("Content-Type", "application/json")
		if tt.token != "" {
			req.Header.Set("Authorization", "Bearer "+tt.token)
		}
		rec := httptest.NewRecorder()
		b.handler.ServeHTTP(rec, req)
		if got := strings.TrimSpace(rec.Body.String()); got != tt.want {
			t.Errorf("viewer: %s, want %s", got, tt.want)
		}
	}
}
