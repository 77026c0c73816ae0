package edit_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/auditevent"
	"github.com/maillage/maillage/ent/territory"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/internal/edit"
	"github.com/maillage/maillage/internal/tokens"
	"github.com/maillage/maillage/server"
)

// feedQuery is a territory's feed of changes, as the app asks it.
const feedQuery = `query($territory: ID!) {
  auditEvents(where: {hasTerritoriesWith: {id: $territory}}, orderBy: {field: AT, direction: DESC}, first: 50) {
    edges { node { operation entityType entityID territories { kind code } } }
  }
}`

type feedEvent struct {
	Operation, EntityType, EntityID string
	Territories                     []struct{ Kind, Code string }
}

// TestTerritoryFeeds: an edit's audit event is linked, in the edit's
// transaction, to the régions and départements where the record lies
// before and after it, so that a territory's feed is one bounded query:
// an edit of a Loire record is in the feeds of région 84 and
// département 42, not in région 11's; a record moved from the Loire to
// the Bouches-du-Rhône is in the feeds of both; a source lies nowhere;
// a refused edit writes no event and no link.
func TestTerritoryFeeds(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, db := range databases {
		t.Run(db.Name, func(t *testing.T) {
			w := newWorld(t, db.DB.Client)
			c := w.c
			cfg := server.DefaultConfig()
			cfg.AnonymousRate, cfg.TokenRate = 0, 0
			cfg.QueryTimeout, cfg.AnonymousWait = 5*time.Minute, 5*time.Minute
			h := server.New(db.DB, logger, prometheus.NewRegistry(), server.WithConfig(cfg))
			token, _, err := tokens.Create(context.Background(), c, tokens.Spec{Role: access.RoleEditor, Territories: []string{"REGION:84"}, Name: "ARS ARA feed " + db.Name}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			terr := func(kind territory.Kind, code string) int {
				return c.Territory.Query().Where(territory.KindEQ(kind), territory.Code(code)).OnlyIDX(w.sys)
			}
			editor := access.WithPrincipal(context.Background(), access.Principal{TokenID: 2, Name: "ARS ARA", Role: access.RoleEditor, Territories: []string{"REGION:84"}})
			admin := access.WithPrincipal(context.Background(), access.Principal{TokenID: 7, Name: "admin", Role: access.RoleAdmin})

			// A Loire convention and its Loire party, by an editor of région 84.
			conv, err := edit.CreateConvention(editor, c, ent.CreateConventionInput{Name: "Convention du fil", Kind: "CONVENTION", TerritoryID: ptr(w.dept["42"]), SourceID: w.source})
			if err != nil {
				t.Fatal(err)
			}
			party, err := edit.CreateConventionParty(editor, c, ent.CreateConventionPartyInput{ConventionID: conv.ID, LegalEntityID: w.loire.entity, SourceID: w.source})
			if err != nil {
				t.Fatal(err)
			}
			// Refused: a party in the Bouches-du-Rhône. Neither event nor link.
			events, linked := c.AuditEvent.Query().CountX(w.sys), links(t, db.DB.SQL)
			_, err = edit.CreateConventionParty(editor, c, ent.CreateConventionPartyInput{ConventionID: conv.ID, LegalEntityID: w.rhone13.entity, SourceID: w.source})
			wantCode(t, "a party outside région 84", err, apperr.CodeForbidden, "")
			if n, l := c.AuditEvent.Query().CountX(w.sys), links(t, db.DB.SQL); n != events || l != linked {
				t.Errorf("refused edit: %d events and %d links written", n-events, l-linked)
			}
			// A grouping moved by an admin from the Loire to the Bouches-du-Rhône.
			moved, err := edit.CreateGrouping(admin, c, ent.CreateGroupingInput{Name: "GCS déplacé", Kind: "GCS", TerritoryID: ptr(w.dept["42"]), SourceID: w.source})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := edit.UpdateGrouping(admin, c, moved.ID, moved.Version, ent.UpdateGroupingInput{TerritoryID: ptr(w.dept["13"]), SourceID: &w.source}); err != nil {
				t.Fatal(err)
			}
			// A source lies nowhere.
			src, err := edit.CreateSource(editor, c, ent.CreateSourceInput{Kind: "PRESS", Title: "Communiqué"})
			if err != nil {
				t.Fatal(err)
			}
			if n := c.AuditEvent.Query().Where(auditevent.EntityID(src.ID), auditevent.HasTerritories()).CountX(w.sys); n != 0 {
				t.Errorf("a source's event is linked to %d territories", n)
			}

			convID, partyID, movedID := strconv.Itoa(conv.ID), strconv.Itoa(party.ID), strconv.Itoa(moved.ID)
			tests := []struct {
				name      string
				territory int
				want      []string // "OPERATION entityID" in the feed, most recent first
				not       []string // entity IDs absent from the feed
			}{
				{"région 84", terr(territory.KindREGION, "84"), []string{"UPDATE " + movedID, "CREATE " + movedID, "CREATE " + partyID, "CREATE " + convID}, nil},
				{"département 42", terr(territory.KindDEPARTMENT, "42"), []string{"UPDATE " + movedID, "CREATE " + movedID, "CREATE " + partyID, "CREATE " + convID}, nil},
				{"région 11", terr(territory.KindREGION, "11"), nil, []string{convID, partyID, movedID}},
				{"région 93", terr(territory.KindREGION, "93"), []string{"UPDATE " + movedID}, []string{convID, partyID}},
				{"département 13", terr(territory.KindDEPARTMENT, "13"), []string{"UPDATE " + movedID}, []string{convID, partyID}},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					var feed struct {
						Edges []struct{ Node feedEvent } `json:"edges"`
					}
					field(t, post(t, h, token, feedQuery, map[string]any{"territory": strconv.Itoa(tt.territory)}), "auditEvents", &feed)
					var got []string
					for _, e := range feed.Edges {
						ours := slices.Contains([]string{convID, partyID, movedID}, e.Node.EntityID)
						if ours {
							got = append(got, e.Node.Operation+" "+e.Node.EntityID)
						}
						if slices.Contains(tt.not, e.Node.EntityID) {
							t.Errorf("%s %s %s is in the feed", e.Node.Operation, e.Node.EntityType, e.Node.EntityID)
						}
						if ours && e.Node.EntityID == partyID && !slices.Equal(keys(e.Node.Territories), []string{"DEPARTMENT:42", "REGION:84"}) {
							t.Errorf("the Loire party's event lies in %v", keys(e.Node.Territories))
						}
						if ours && e.Node.Operation == "UPDATE" && !slices.Equal(keys(e.Node.Territories), []string{"DEPARTMENT:13", "DEPARTMENT:42", "REGION:84", "REGION:93"}) {
							t.Errorf("the moved grouping's event lies in %v, want where it was and where it is", keys(e.Node.Territories))
						}
					}
					if !slices.Equal(got, tt.want) {
						t.Errorf("feed: %v, want %v", got, tt.want)
					}
				})
			}
		})
	}
}

func keys(ts []struct{ Kind, Code string }) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Kind+":"+t.Code)
	}
	slices.Sort(out)
	return out
}
