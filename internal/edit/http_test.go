package edit_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/tokens"
	"github.com/maillage/maillage/server"
)

// gqlResponse is a GraphQL answer.
type gqlResponse struct {
	Data   map[string]json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func (r gqlResponse) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	code, _ := r.Errors[0].Extensions["code"].(string)
	return code
}

// post sends one GraphQL request through h with token (none: anonymous).
func post(t *testing.T, h http.Handler, token, query string, vars map[string]any) gqlResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out gqlResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("%d %s: %v", rec.Code, rec.Body.String(), err)
	}
	return out
}

// field decodes one top-level field of a successful answer into v.
func field(t *testing.T, r gqlResponse, name string, v any) {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("%s: %+v", name, r.Errors)
	}
	if err := json.Unmarshal(r.Data[name], v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// mustJSON writes v as JSON.
func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

type record struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
}

// TestEditThroughTheAPI: an editor's membership, sent as a mutation to
// the real handler, shows in the next graph query and in the audit log;
// anonymous and partner callers are refused, and so is a stale version.
func TestEditThroughTheAPI(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, db := range databases {
		t.Run(db.Name, func(t *testing.T) {
			w := newWorld(t, db.DB.Client)
			// Deadlines with room: on a busy 2-core machine the graph
			// index rebuilt after each edit may take many times its
			// quiet second; this test is about edits, not timeouts.
			cfg := server.DefaultConfig()
			cfg.AnonymousRate, cfg.TokenRate = 0, 0
			cfg.QueryTimeout, cfg.AnonymousWait = 5*time.Minute, 5*time.Minute
			h := server.New(db.DB, logger, prometheus.NewRegistry(), server.WithConfig(cfg))
			ctx := context.Background()
			editor, _, err := tokens.Create(ctx, w.c, tokens.Spec{Role: access.RoleEditor, Territories: []string{"REGION:84"}, Name: "ARS ARA " + db.Name}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			partner, _, err := tokens.Create(ctx, w.c, tokens.Spec{Role: access.RolePartner, Name: "partner " + db.Name}, time.Now())
			if err != nil {
				t.Fatal(err)
			}

			var src record
			field(t, post(t, h, editor, `mutation($in: CreateSourceInput!) { createSource(input: $in) { id } }`,
				map[string]any{"in": map[string]any{"kind": "PRESS", "title": "Communiqué de l'ARS", "url": "https://example.org/communique"}}), "createSource", &src)
			var g record
			field(t, post(t, h, editor, `mutation($in: CreateGroupingInput!) { createGrouping(input: $in) { id version } }`,
				map[string]any{"in": map[string]any{"name": "GCS de test", "kind": "GCS", "territoryID": strconv.Itoa(w.dept["42"]), "sourceID": src.ID}}), "createGrouping", &g)

			neighbours := func(id string) []string {
				t.Helper()
				var res struct {
					Nodes []struct{ ID string } `json:"nodes"`
				}
				field(t, post(t, h, "", `query($id: ID!) { neighborhood(id: $id, depth: 1) { nodes { id } } }`, map[string]any{"id": id}), "neighborhood", &res)
				var ids []string
				for _, n := range res.Nodes {
					ids = append(ids, n.ID)
				}
				return ids
			}
			member := strconv.Itoa(w.loire.entity)
			if slices.Contains(neighbours(g.ID), member) {
				t.Fatal("member before the edit")
			}

			addMember := `mutation($in: CreateMembershipInput!) { createMembership(input: $in) { id version grouping { name } legalEntity { finess } } }`
			in := map[string]any{"in": map[string]any{"groupingID": g.ID, "legalEntityID": member, "role": "MEMBER", "validFrom": "2024-01-01", "sourceID": src.ID}}
			for who, token := range map[string]string{"anonymous": "", "partner": partner} {
				if r := post(t, h, token, addMember, in); r.code() != "FORBIDDEN" {
					t.Errorf("%s adding a member: %+v, want FORBIDDEN", who, r.Errors)
				}
			}
			var m record
			field(t, post(t, h, editor, addMember, in), "createMembership", &m)

			// The next graph query shows it.
			if !slices.Contains(neighbours(g.ID), member) {
				t.Errorf("the new member is not in the grouping's neighbourhood")
			}

			// A stale version is refused; the right one is accepted.
			update := `mutation($id: ID!, $v: Int!, $src: ID!) { updateMembership(id: $id, expectedVersion: $v, input: {role: PARTNER, sourceID: $src}) { id version role } }`
			if r := post(t, h, editor, update, map[string]any{"id": m.ID, "v": 0, "src": src.ID}); r.code() != "CONFLICT" {
				t.Errorf("stale update: %+v, want CONFLICT", r.Errors)
			}
			// Each refusal says why, with the values a client needs to
			// explain it; nothing is written.
			elsewhere, _, err := tokens.Create(ctx, w.c, tokens.Spec{Role: access.RoleEditor, Territories: []string{"REGION:11"}, Name: "ARS IDF " + db.Name}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			// A member known to the year: a refusal naming it says so.
			yearIn := map[string]any{"in": map[string]any{"groupingID": g.ID, "legalEntityID": strconv.Itoa(w.loire2.entity), "role": "MEMBER", "validFrom": "2023-01-01", "validFromPrecision": "YEAR", "sourceID": src.ID}}
			var yearMember record
			field(t, post(t, h, editor, addMember, yearIn), "createMembership", &yearMember)
			closeMember := `mutation($id: ID!, $v: Int!, $to: Date!, $src: ID!) { closeMembership(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) { id } }`
			unknownSource := map[string]any{"in": map[string]any{"groupingID": g.ID, "legalEntityID": member, "role": "MEMBER", "validFrom": "2030-01-01", "sourceID": "987654321"}}
			for _, tc := range []struct {
				name, token, query string
				vars               map[string]any
				code, reason       string
				details            map[string]any // values the details must hold
			}{
				{"anonymous", "", addMember, in, "FORBIDDEN", "ROLE_MAY_NOT_WRITE", map[string]any{"role": "anonymous"}},
				{"editor of another région", elsewhere, addMember, in, "FORBIDDEN", "OUTSIDE_TERRITORY", map[string]any{"territories": []any{"REGION:11"}}},
				{"stale version", editor, update, map[string]any{"id": m.ID, "v": 0, "src": src.ID}, "CONFLICT", "STALE_VERSION", map[string]any{"id": m.ID, "type": "Membership"}},
				{"same member twice", editor, addMember, in, "BAD_USER_INPUT", "DUPLICATE_MEMBERSHIP", map[string]any{"membership": m.ID, "validFrom": "2024-01-01"}},
				{"a member known to the year, twice", editor, addMember, yearIn, "BAD_USER_INPUT", "DUPLICATE_MEMBERSHIP", map[string]any{"membership": yearMember.ID, "validFrom": "2023-01-01", "validFromPrecision": "YEAR"}},
				{"end before start", editor, closeMember, map[string]any{"id": m.ID, "v": m.Version, "to": "2020-01-01", "src": src.ID}, "BAD_USER_INPUT", "DATES_OUT_OF_ORDER", map[string]any{"validFrom": "2024-01-01", "validTo": "2020-01-01"}},
				{"unknown source", editor, addMember, unknownSource, "BAD_USER_INPUT", "UNKNOWN_RECORD", map[string]any{"id": "987654321"}},
			} {
				r := post(t, h, tc.token, tc.query, tc.vars)
				if len(r.Errors) == 0 {
					t.Errorf("%s: accepted, want %s %s", tc.name, tc.code, tc.reason)
					continue
				}
				ext := r.Errors[0].Extensions
				details, _ := ext["details"].(map[string]any)
				if ext["code"] != tc.code || ext["reason"] != tc.reason {
					t.Errorf("%s: code %v reason %v (%s), want %s %s", tc.name, ext["code"], ext["reason"], r.Errors[0].Message, tc.code, tc.reason)
				}
				for k, want := range tc.details {
					if got, _ := json.Marshal(details[k]); string(got) != mustJSON(t, want) {
						t.Errorf("%s: details.%s = %s, want %s (details %v)", tc.name, k, got, mustJSON(t, want), details)
					}
				}
			}
			{
				// Where the record lies outside the caller's territories.
				var r struct {
					Details struct {
						Outside []map[string]string `json:"outside"`
					} `json:"details"`
				}
				raw, _ := json.Marshal(post(t, h, elsewhere, addMember, in).Errors[0].Extensions)
				if err := json.Unmarshal(raw, &r); err != nil || len(r.Details.Outside) == 0 || r.Details.Outside[0]["region"] != "84" || r.Details.Outside[0]["department"] != "42" {
					t.Errorf("outside %+v (%v), want région 84, département 42", r.Details.Outside, err)
				}
			}

			// What the app shows as changeable is what the writes allow.
			for _, tc := range []struct {
				name, token, id string
				want            bool
			}{
				{"the editor, its grouping", editor, g.ID, true},
				{"the editor, its membership", editor, m.ID, true},
				{"the editor, a Loire hospital", editor, member, true},
				{"another région's editor, the grouping", elsewhere, g.ID, false},
				{"another région's editor, the Loire hospital", elsewhere, member, false},
				{"a partner", partner, g.ID, false},
				{"anonymous", "", g.ID, false},
				{"the editor, a source", editor, src.ID, false},
				{"the editor, an ID that names nothing", editor, "987654321", false},
			} {
				var v struct {
					MayChange bool `json:"mayChange"`
				}
				field(t, post(t, h, tc.token, `query($id: ID!) { viewer { mayChange(id: $id) } }`, map[string]any{"id": tc.id}), "viewer", &v)
				if v.MayChange != tc.want {
					t.Errorf("%s: mayChange %v, want %v", tc.name, v.MayChange, tc.want)
				}
			}

			var updated record
			field(t, post(t, h, editor, update, map[string]any{"id": m.ID, "v": m.Version, "src": src.ID}), "updateMembership", &updated)
			if updated.Version != m.Version+1 {
				t.Errorf("version after update %d, want %d", updated.Version, m.Version+1)
			}

			// The audit log: editors read it, others are refused.
			audit := `query($id: ID!) { auditEvents(where: {entityID: $id}, orderBy: {field: AT, direction: ASC}) { totalCount edges { node { actor operation entityType entityID before after } } } }`
			var log struct {
				TotalCount int `json:"totalCount"`
				Edges      []struct {
					Node struct {
						Actor, Operation, EntityType, EntityID string
						Before, After                          map[string]any
					} `json:"node"`
				} `json:"edges"`
			}
			field(t, post(t, h, editor, audit, map[string]any{"id": m.ID}), "auditEvents", &log)
			if log.TotalCount != 2 || log.Edges[0].Node.Operation != "CREATE" || log.Edges[1].Node.Operation != "UPDATE" ||
				log.Edges[1].Node.Actor != "ARS ARA "+db.Name || log.Edges[1].Node.EntityType != "Membership" ||
				log.Edges[1].Node.Before["role"] != "MEMBER" || log.Edges[1].Node.After["role"] != "PARTNER" {
				t.Errorf("audit log: %+v", log)
			}
			for who, token := range map[string]string{"anonymous": "", "partner": partner} {
				if r := post(t, h, token, audit, map[string]any{"id": m.ID}); r.code() != "FORBIDDEN" {
					t.Errorf("%s reading the audit log: %+v, want FORBIDDEN", who, r.Errors)
				}
			}

			// Closed: still there, no longer in today's graph.
			var closed struct {
				ValidTo string `json:"validTo"`
			}
			field(t, post(t, h, editor, `mutation($id: ID!, $v: Int!, $src: ID!) { closeMembership(id: $id, expectedVersion: $v, validTo: "2025-01-01", sourceID: $src) { validTo } }`,
				map[string]any{"id": m.ID, "v": updated.Version, "src": src.ID}), "closeMembership", &closed)
			if closed.ValidTo != "2025-01-01" || slices.Contains(neighbours(g.ID), member) {
				t.Errorf("after closing: validTo %q, member still in today's neighbourhood: %v", closed.ValidTo, slices.Contains(neighbours(g.ID), member))
			}
		})
	}
}
