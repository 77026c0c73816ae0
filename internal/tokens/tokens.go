// Package tokens creates, lists and revokes API tokens, and finds the
// principal a presented token names. Only a token's SHA-256 is stored:
// tokens are long random strings, so a fast hash is enough.
package tokens

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/territory"
	"github.com/maillage/maillage/ent/token"
	"github.com/maillage/maillage/internal/access"
)

// prefix marks Maillage tokens, so that a leaked one is recognisable.
const prefix = "mlg_"

// Spec is a token to create.
type Spec struct {
	Role        access.Role
	Territories []string // région or département codes (editors)
	Name        string
	Expires     *time.Time
}

// MaxTerritories bounds the territories one token names: every région
// and département (18 + 101).
const MaxTerritories = 119

// Create records a token and returns it: the only time it is shown.
func Create(ctx context.Context, c *ent.Client, s Spec, now time.Time) (string, *ent.Token, error) {
	ctx = access.AsSystem(ctx) // tokens are managed from the command line
	if !slices.Contains(access.TokenRoles, s.Role) {
		return "", nil, fmt.Errorf("--role %q: want partner, editor or admin", s.Role)
	}
	if strings.TrimSpace(s.Name) == "" {
		return "", nil, errors.New("--name: a token needs a name (who it is for)")
	}
	if s.Role == access.RoleEditor && len(s.Territories) == 0 {
		return "", nil, errors.New("--territory: an editor token needs at least one région or département")
	}
	if s.Role != access.RoleEditor && len(s.Territories) > 0 {
		return "", nil, fmt.Errorf("--territory: only editor tokens are limited to territories, not %s", s.Role)
	}
	if len(s.Territories) > MaxTerritories {
		return "", nil, fmt.Errorf("--territory: %d territories, at most %d (every région and département)", len(s.Territories), MaxTerritories)
	}
	for _, t := range s.Territories {
		kinds := []territory.Kind{territory.KindREGION, territory.KindDEPARTMENT}
		code := t
		if k, c, found := strings.Cut(t, ":"); found {
			switch strings.ToUpper(k) {
			case "REGION":
				kinds = kinds[:1]
			case "DEPARTMENT":
				kinds = kinds[1:]
			default:
				return "", nil, fmt.Errorf("--territory %q: want CODE, REGION:CODE or DEPARTMENT:CODE", t)
			}
			code = c
		}
		n, err := c.Territory.Query().Where(territory.Code(code), territory.KindIn(kinds...)).Count(ctx)
		if err != nil {
			return "", nil, err
		}
		switch {
		case n == 0:
			return "", nil, fmt.Errorf("--territory %q: no région or département has this code", t)
		case n > 1:
			return "", nil, fmt.Errorf("--territory %q: both a région and a département have this code; write REGION:%s or DEPARTMENT:%s", t, code, code)
		}
	}
	if s.Expires != nil && !s.Expires.After(now) {
		return "", nil, fmt.Errorf("--expires %s: already past", s.Expires.Format(time.DateOnly))
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return "", nil, err
	}
	plain := prefix + base64.RawURLEncoding.EncodeToString(secret)
	t, err := c.Token.Create().SetName(s.Name).SetRole(token.Role(s.Role)).SetTerritories(s.Territories).
		SetHash(hash(plain)).SetCreatedAt(now).SetNillableExpiresAt(s.Expires).Save(ctx)
	if err != nil {
		return "", nil, err
	}
	return plain, t, nil
}

// List returns every token, newest first.
func List(ctx context.Context, c *ent.Client) ([]*ent.Token, error) {
	ctx = access.AsSystem(ctx)
	return c.Token.Query().Order(ent.Desc(token.FieldID)).All(ctx)
}

// Revoke revokes the token with this ID or name; a name shared by several
// tokens is refused.
func Revoke(ctx context.Context, c *ent.Client, idOrName string, now time.Time) (*ent.Token, error) {
	ctx = access.AsSystem(ctx)
	q := c.Token.Query().Where(token.Name(idOrName))
	if id, err := strconv.Atoi(idOrName); err == nil {
		q = c.Token.Query().Where(token.Or(token.ID(id), token.Name(idOrName)))
	}
	found, err := q.All(ctx)
	if err != nil {
		return nil, err
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("no token has ID or name %q", idOrName)
	case 1:
	default:
		return nil, fmt.Errorf("%d tokens are named %q: revoke by ID (maillage token list)", len(found), idOrName)
	}
	if found[0].RevokedAt != nil {
		return found[0], nil
	}
	return found[0].Update().SetRevokedAt(now).Save(ctx)
}

// Authenticator finds tokens in a database.
type Authenticator struct {
	client *ent.Client
	now    func() time.Time
}

// NewAuthenticator returns an access.Authenticator over client.
func NewAuthenticator(client *ent.Client) *Authenticator {
	return &Authenticator{client: client, now: time.Now}
}

// Authenticate returns the principal plain names, or access.ErrBadToken.
func (a *Authenticator) Authenticate(ctx context.Context, plain string) (access.Principal, error) {
	if !strings.HasPrefix(plain, prefix) {
		return access.Principal{}, access.ErrBadToken
	}
	// Finding who calls precedes any right: the lookup is Maillage's own.
	t, err := a.client.Token.Query().Where(token.Hash(hash(plain))).Only(access.AsSystem(ctx))
	if ent.IsNotFound(err) {
		return access.Principal{}, access.ErrBadToken
	}
	if err != nil {
		return access.Principal{}, err
	}
	now := a.now()
	if (t.RevokedAt != nil && !t.RevokedAt.After(now)) || (t.ExpiresAt != nil && !t.ExpiresAt.After(now)) {
		return access.Principal{}, access.ErrBadToken
	}
	return access.Principal{TokenID: t.ID, Name: t.Name, Role: access.Role(t.Role), Territories: t.Territories}, nil
}

func hash(plain string) string {
	sum := sha256.Sum256([]byte(plain))
	return hex.EncodeToString(sum[:])
}
