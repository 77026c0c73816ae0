package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// idOf looks up a record's global ID through the API.
func (b *backend) idOf(t testing.TB, query string) string {
	t.Helper()
	var got map[string]struct{ ID string }
	if err := json.Unmarshal(b.data(t, query, nil), &got); err != nil {
		t.Fatal(err)
	}
	for _, v := range got {
		return v.ID
	}
	t.Fatalf("no ID from %s", query)
	return ""
}

// TestCooperationPathThroughTheG4Charter asks the API for the chain
// between CH de Firminy and CH du Forez (Montbrison): it goes through the
// 2016 charter, identically on both databases, and not before 2016.
func TestCooperationPathThroughTheG4Charter(t *testing.T) {
	const query = `query($from: ID!, $to: ID!, $asOf: Date) {
		cooperationPath(from: $from, to: $to, filter: {asOf: $asOf, level: SITE}) {
			nodes { kind label finess code } edges { role validFrom } truncated totalNodes } }`
	var answers []string
	for _, b := range backends {
		from := b.idOf(t, `{ establishment(finess: "420000234") { id } }`)
		to := b.idOf(t, `{ establishment(finess: "420000226") { id } }`)
		raw := b.data(t, query, map[string]any{"from": from, "to": to, "asOf": "2020-06-01"})
		var got struct {
			CooperationPath struct {
				Nodes []struct{ Kind, Label string }
			}
		}
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatal(err)
		}
		// The charter names no site: the path goes from each site to its
		// legal entity, which signed it.
		nodes := got.CooperationPath.Nodes
		if len(nodes) != 5 || nodes[0].Kind != "SITE" || nodes[1].Kind != "LEGAL_ENTITY" || !strings.Contains(nodes[2].Label, "G4") || nodes[3].Kind != "LEGAL_ENTITY" || nodes[4].Kind != "SITE" {
			t.Errorf("%s: path %s", b.name, raw)
		}
		answers = append(answers, string(raw))
		before := b.data(t, query, map[string]any{"from": from, "to": to, "asOf": "2015-06-01"})
		if string(before) != `{"cooperationPath":null}` {
			t.Errorf("%s: a path in 2015: %s", b.name, before)
		}
	}
	if answers[0] != answers[1] {
		t.Errorf("SQLite and PostgreSQL differ:\n%s\n%s", answers[0], answers[1])
	}
}

func TestGraphQueries(t *testing.T) {
	for _, b := range backends {
		chu := b.idOf(t, `{ legalEntity(finess: "420784878") { id } }`)
		tests := []struct {
			name, query string
			code        string   // expected error code, or ""
			contains    []string // in the data otherwise
		}{
			// The G4 filières are the charter's: two hops from the CHU.
			{"neighbourhood", fmt.Sprintf(`{ neighborhood(id: %q, depth: 2, filter: {asOf: "2020-06-01"}) { nodes { kind label } truncated } }`, chu), "",
				[]string{`"kind":"CONVENTION"`, `"label":"G4 – Urgences"`, `"truncated":false`}},
			{"the Loire's conventions", `{ cooperationGraph(filter: {territories: ["42"], kinds: [CONVENTION], asOf: "2020-06-01"}) { nodes { kind finess } totalNodes truncated } }`, "",
				[]string{`"finess":"420784878"`, `"finess":"420013831"`, `"finess":"420002495"`, `"finess":"420780652"`, `"kind":"CONVENTION"`}},
			{"cut at the limit", `{ cooperationGraph(filter: {territories: ["84"], limit: 2}) { nodes { id } truncated } }`, "",
				[]string{`"truncated":true`}},
			{"depth out of range", fmt.Sprintf(`{ neighborhood(id: %q, depth: 4) { totalNodes } }`, chu), "BAD_USER_INPUT", nil},
			{"limit out of range", `{ cooperationGraph(filter: {limit: 30000}) { totalNodes } }`, "BAD_USER_INPUT", nil},
			{"unknown node", `{ neighborhood(id: "123456789") { totalNodes } }`, "NOT_FOUND", nil},
		}
		for _, tt := range tests {
			t.Run(b.name+"/"+tt.name, func(t *testing.T) {
				status, resp, raw := b.post(t, tt.query, nil)
				if status >= 500 {
					t.Fatalf("status %d: %s", status, raw)
				}
				if tt.code != "" {
					if len(resp.Errors) == 0 || resp.Errors[0].Extensions["code"] != tt.code {
						t.Errorf("want error %s, got %s", tt.code, raw)
					}
					return
				}
				if len(resp.Errors) > 0 {
					t.Fatalf("errors: %s", raw)
				}
				for _, w := range tt.contains {
					if !strings.Contains(raw, w) {
						t.Errorf("answer lacks %s: %.500s", w, raw)
					}
				}
			})
		}
	}
}

// TestMembersKnown: a grouping FINESS registers from its sites says its
// members are unknown; one whose source lists members says they are
// known; none counts its own legal entity as a member.
func TestMembersKnown(t *testing.T) {
	for _, b := range backends {
		var got struct {
			Groupings struct {
				Edges []struct {
					Node struct {
						Name         string
						Finess       *string
						MembersKnown bool
						LegalEntity  *struct{ ID string }
						Memberships  []struct {
							LegalEntity *struct{ ID string }
						}
					}
				}
			}
		}
		raw := b.data(t, `{ groupings(first: 1000, where: {or: [{finessIsNil: true}, {kind: GCS}]}) { edges { node { name finess membersKnown legalEntity { id } memberships(first: 50) { legalEntity { id } } } } } }`, nil)
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatal(err)
		}
		known, unknown := 0, 0
		for _, e := range got.Groupings.Edges {
			n := e.Node
			if n.MembersKnown != (len(n.Memberships) > 0) {
				t.Errorf("%s: %s: membersKnown %v with %d memberships", b.name, n.Name, n.MembersKnown, len(n.Memberships))
			}
			if n.MembersKnown {
				known++
			} else {
				unknown++
			}
			for _, m := range n.Memberships {
				if n.LegalEntity != nil && m.LegalEntity != nil && m.LegalEntity.ID == n.LegalEntity.ID {
					t.Errorf("%s: %s counts its own legal entity as a member", b.name, n.Name)
				}
			}
		}
		if known == 0 || unknown == 0 {
			t.Errorf("%s: %d groupings with members known, %d unknown: want some of each", b.name, known, unknown)
		}
	}
}

// TestAsOfWithoutDatesSelected: an asOf list filters by the records'
// validity whether or not the request selects it (entgql loads only the
// columns a request names).
func TestAsOfWithoutDatesSelected(t *testing.T) {
	for _, b := range backends {
		for _, tt := range []struct {
			day   string
			parts int
		}{{"2015-06-01", 0}, {"2020-06-01", 4}} {
			for _, fields := range []string{"id", "id validFrom validTo"} {
				raw := b.data(t, fmt.Sprintf(`{ conventions(first: 5, where: {code: "G4-LOIRE-2016"}) { edges { node { parties(asOf: %q, first: 10) { %s } } } } }`, tt.day, fields), nil)
				if got := strings.Count(string(raw), `"id"`); got != tt.parts {
					t.Errorf("%s: G4 parties on %s selecting %q: %d, want %d: %s", b.name, tt.day, fields, got, tt.parts, raw)
				}
			}
		}
	}
}

// TestRegisters: the shipped data is the FINESS site register of
// 8 January 2021, and a server that does not sync says so.
func TestRegisters(t *testing.T) {
	for _, b := range backends {
		raw := string(b.data(t, `{ registers { register source { publishedOn key } syncedAt } }`, nil))
		if raw != `{"registers":[{"register":"FINESS_SITES","source":{"publishedOn":"2021-01-08","key":"finess-et-2021-01-08"},"syncedAt":null}]}` {
			t.Errorf("%s: %s", b.name, raw)
		}
		sources := string(b.data(t, `{ establishment(finess: "420000234") { sources(first: 5) { key } } }`, nil))
		if sources != `{"establishment":{"sources":[{"key":"finess-et-2021-01-08"}]}}` {
			t.Errorf("%s: the sources of a shipped site: %s", b.name, sources)
		}
	}
}

func TestSearchQuery(t *testing.T) {
	for _, b := range backends {
		raw := string(b.data(t, `{ search(text: "saint etienne", first: 20, kinds: ["LEGAL_ENTITY", "SITE"]) { kind label finess score node { id ... on LegalEntity { finess name } ... on Establishment { finess } } } }`, nil))
		if !strings.HasPrefix(raw, `{"search":[{"kind":"LEGAL_ENTITY","label":"CHU de Saint-Étienne","finess":"420784878"`) || !strings.Contains(raw, `"node":{"id":`) {
			t.Errorf("%s: %.400s", b.name, raw)
		}
		// The enum forms answer the same as the deprecated strings.
		enums := string(b.data(t, `{ search(text: "saint etienne", first: 20, nodeKinds: [LEGAL_ENTITY, SITE]) { kind: nodeKind label finess score node { id ... on LegalEntity { finess name } ... on Establishment { finess } } } }`, nil))
		if enums != raw {
			t.Errorf("%s: nodeKinds answered otherwise than kinds:\n%.300s\n%.300s", b.name, enums, raw)
		}
		for _, refused := range []string{
			`{ search(text: "x", first: 500) { label } }`,
			`{ search(text: "x", nodeKinds: [SITE], kinds: ["SITE"]) { label } }`,
		} {
			_, resp, _ := b.post(t, refused, nil)
			if len(resp.Errors) == 0 || resp.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
				t.Errorf("%s: %s not refused: %v", b.name, refused, resp.Errors)
			}
		}
		// The records are read only when asked for: suggestions as one
		// types cost no statement once the index is built.
		for _, tt := range []struct {
			query   string
			wantSQL bool
		}{
			{`{ search(text: "saint etienne", first: 10) { kind label finess score } }`, false},
			{`{ search(text: "saint etienne", first: 10) { label node { id } } }`, true},
			{`{ search(text: "saint etienne", first: 10) { label ...on SearchHit { node { id } } } }`, true},
		} {
			before := b.counter.statements.Load()
			b.data(t, tt.query, nil)
			if sent := b.counter.statements.Load() - before; (sent > 0) != tt.wantSQL {
				t.Errorf("%s: %s sent %d statements", b.name, tt.query, sent)
			}
		}
	}
}

func TestCooperationChecksQuery(t *testing.T) {
	for _, b := range backends {
		raw := string(b.data(t, `{ cooperationChecks(filter: {territories: ["42"], asOf: "2020-06-01", limit: 5}, rules: ["public-hospital-without-ght"]) { total truncated findings { rule severity records message } } }`, nil))
		// The shipped data hold no GHT: the rule says so once, and flags
		// no hospital for what Maillage lacks.
		if !strings.Contains(raw, `"total":1,"truncated":false`) || !strings.Contains(raw, `"records":[]`) || !strings.Contains(raw, "Aucune liste de GHT en vigueur au 01/06/2020") {
			t.Errorf("%s: %.600s", b.name, raw)
		}
		_, resp, _ := b.post(t, `{ cooperationChecks(rules: ["no-such-rule"]) { total } }`, nil)
		if len(resp.Errors) == 0 || resp.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
			t.Errorf("%s: unknown rule not refused: %v", b.name, resp.Errors)
		}
	}
}

func TestStatsAndDiffQueries(t *testing.T) {
	for _, b := range backends {
		raw := string(b.data(t, `{ territoryStats(code: "42", kind: DEPARTMENT, asOf: "2020-06-01") { sites legalEntities cooperatingLegalEntities cooperatingShare isolatedCount isolated { label } byCategory { key count } groupingsByKind { key count } } }`, nil))
		if !strings.Contains(raw, `"sites":1105`) || !strings.Contains(raw, `"byCategory":[{"key":`) {
			t.Errorf("%s: %.400s", b.name, raw)
		}
		raw = string(b.data(t, `{ cooperationDiff(filter: {territories: ["42"], kinds: [CONVENTION]}, from: "2015-01-01", to: "2017-01-01") { total changes { kind date source { label } target { label } edge { role } } } }`, nil))
		if !strings.Contains(raw, `"total":4`) || !strings.Contains(raw, `"date":"2016-01-01"`) {
			t.Errorf("%s: %.400s", b.name, raw)
		}
		_, resp, _ := b.post(t, `{ territoryStats(code: "42", asOf: "2020-02-30") { sites } }`, nil)
		if len(resp.Errors) == 0 || resp.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
			t.Errorf("%s: bad date not refused: %v", b.name, resp.Errors)
		}
	}
}
