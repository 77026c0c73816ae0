package tokens

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/territory"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/pgtest"
	"github.com/maillage/maillage/internal/store"
)

// databases returns a migrated SQLite file and PostgreSQL database, each
// holding région 84 and département 42.
func databases(t *testing.T) map[string]*ent.Client {
	t.Helper()
	ctx := access.AsSystem(context.Background()) // the fixture is loaded as an import would
	pg, err := pgtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pg.Stop() })
	pgURL, err := pg.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*ent.Client{}
	for name, url := range map[string]string{"sqlite": "sqlite://" + filepath.Join(t.TempDir(), "t.db"), "postgres": pgURL} {
		db, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.Close() })
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		src := db.Client.Source.Create().SetKind("DATASET").SetKey("geo").SetTitle("geo").SetRecordedAt(time.Now()).SaveX(ctx)
		db.Client.Territory.Create().SetKind(territory.KindREGION).SetCode("84").SetName("Auvergne-Rhône-Alpes").SetSource(src).SaveX(ctx)
		db.Client.Territory.Create().SetKind(territory.KindDEPARTMENT).SetCode("42").SetName("Loire").SetSource(src).SaveX(ctx)
		out[name] = db.Client
	}
	return out
}

func TestTokens(t *testing.T) {
	ctx := access.AsSystem(context.Background()) // as the command line runs
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	past := now.Add(-time.Hour)
	later := now.Add(24 * time.Hour)
	for name, c := range databases(t) {
		t.Run(name, func(t *testing.T) {
			refused := []struct {
				spec Spec
				want string
			}{
				{Spec{Role: "root", Name: "x"}, "--role"},
				{Spec{Role: access.RoleAnonymous, Name: "x"}, "--role"},
				{Spec{Role: access.RolePartner}, "--name"},
				{Spec{Role: access.RoleEditor, Name: "x"}, "at least one"},
				{Spec{Role: access.RolePartner, Name: "x", Territories: []string{"84"}}, "only editor"},
				{Spec{Role: access.RoleEditor, Name: "x", Territories: []string{"99"}}, `--territory "99"`},
				{Spec{Role: access.RoleEditor, Name: "x", Territories: []string{"REGION:42"}}, `--territory "REGION:42": no région`},
				{Spec{Role: access.RoleEditor, Name: "x", Territories: []string{"CANTON:42"}}, "want CODE, REGION:CODE or DEPARTMENT:CODE"},
				{Spec{Role: access.RolePartner, Name: "x", Expires: &past}, "already past"},
			}
			for _, tt := range refused {
				if _, _, err := Create(ctx, c, tt.spec, now); err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("Create(%+v) = %v, want an error with %q", tt.spec, err, tt.want)
				}
			}
			if n := c.Token.Query().CountX(ctx); n != 0 {
				t.Fatalf("refused specs stored %d tokens", n)
			}
			for _, role := range []access.Role{access.RoleAnonymous, access.RolePartner, access.RoleEditor} {
				if _, err := c.Token.Query().Count(access.WithPrincipal(context.Background(), access.Principal{Name: "x", Role: role})); err == nil {
					t.Errorf("%s read tokens", role)
				}
			}

			plain, tok, err := Create(ctx, c, Spec{Role: access.RoleEditor, Name: "ARS ARA", Territories: []string{"84", "42"}, Expires: &later}, now)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(plain, "mlg_") || len(plain) < 40 || tok.Hash == plain || strings.Contains(tok.Hash, plain[4:]) {
				t.Errorf("token %q stored as %q", plain, tok.Hash)
			}
			auth := NewAuthenticator(c)
			auth.now = func() time.Time { return now }
			p, err := auth.Authenticate(ctx, plain)
			if err != nil || p.Name != "ARS ARA" || p.Role != access.RoleEditor || strings.Join(p.Territories, ",") != "84,42" || p.TokenID != tok.ID {
				t.Errorf("Authenticate = %+v, %v", p, err)
			}
			for _, bad := range []string{"", "mlg_", plain + "x", strings.TrimPrefix(plain, "mlg_"), "mlg_' OR 1=1 --"} {
				if _, err := auth.Authenticate(ctx, bad); !errors.Is(err, access.ErrBadToken) {
					t.Errorf("Authenticate(%q) = %v, want ErrBadToken", bad, err)
				}
			}
			auth.now = func() time.Time { return later }
			if _, err := auth.Authenticate(ctx, plain); !errors.Is(err, access.ErrBadToken) {
				t.Errorf("expired token: %v", err)
			}
			auth.now = func() time.Time { return now }

			// Revoking: by name when unique, by ID otherwise.
			second, _, err := Create(ctx, c, Spec{Role: access.RolePartner, Name: "ARS ARA"}, now)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Revoke(ctx, c, "ARS ARA", now); err == nil || !strings.Contains(err.Error(), "revoke by ID") {
				t.Errorf("revoking a shared name: %v", err)
			}
			if _, err := Revoke(ctx, c, "nobody", now); err == nil {
				t.Error("revoking an unknown token succeeded")
			}
			if _, err := Revoke(ctx, c, strconv.Itoa(tok.ID), now); err != nil {
				t.Fatal(err)
			}
			if _, err := auth.Authenticate(ctx, plain); !errors.Is(err, access.ErrBadToken) {
				t.Errorf("revoked token: %v", err)
			}
			if p, err := auth.Authenticate(ctx, second); err != nil || p.Role != access.RolePartner {
				t.Errorf("the other token: %+v %v", p, err)
			}
			list, err := List(ctx, c)
			if err != nil || len(list) != 2 || list[1].RevokedAt == nil || list[0].RevokedAt != nil {
				t.Errorf("List = %v, %v", list, err)
			}

			// A code both a région and a département must say which.
			src := c.Source.Query().FirstX(ctx)
			c.Territory.Create().SetKind(territory.KindDEPARTMENT).SetCode("84").SetName("Vaucluse").SetSource(src).SaveX(ctx)
			if _, _, err := Create(ctx, c, Spec{Role: access.RoleEditor, Name: "x", Territories: []string{"84"}}, now); err == nil || !strings.Contains(err.Error(), "write REGION:84 or DEPARTMENT:84") {
				t.Errorf("ambiguous code: %v", err)
			}
			if _, _, err := Create(ctx, c, Spec{Role: access.RoleEditor, Name: "x", Territories: []string{"REGION:84", "department:84"}}, now); err != nil {
				t.Errorf("qualified codes: %v", err)
			}
		})
	}
}
