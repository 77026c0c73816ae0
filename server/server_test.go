package server_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/internal/shippedtest"
	"github.com/maillage/maillage/internal/store"
	"github.com/maillage/maillage/server"
)

// backend is one real database loaded with the shipped data, served by
// the real handler, with every SQL statement counted.
type backend struct {
	name    string
	url     string
	db      *store.DB
	counter *countingDriver
	handler http.Handler
	// engine is a handler without the response cache, its graph index
	// built on first use: benchmarks measure the engine, every request
	// run.
	engine http.Handler
}

var backends []*backend

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	var counters []*countingDriver // in the order of the databases
	dbs, closeAll, err := shippedtest.Open(context.Background(), func(d dialect.Driver) dialect.Driver {
		c := &countingDriver{Driver: d}
		counters = append(counters, c)
		return c
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer closeAll()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	for i, d := range dbs {
		backends = append(backends, &backend{name: d.Name, url: d.URL, db: d.DB, counter: counters[i], handler: server.New(d.DB, logger, prometheus.NewRegistry(), server.WithoutRateLimits(), roomyTimeouts, server.WithoutWarmUp()),
			engine: server.New(d.DB, logger, prometheus.NewRegistry(), server.WithoutRateLimits(), roomyTimeouts, server.WithoutWarmUp(), withoutResponseCache)})
	}
	return m.Run()
}

func withoutResponseCache(c *server.Config) { c.ResponseCacheBytes = 0 }

// roomyTimeouts gives the shared test servers deadlines a busy 2-core
// machine cannot miss: building the graph index while other packages'
// tests run may take many times its quiet 1.5 s. Tests of the timeouts
// build their own servers.
func roomyTimeouts(c *server.Config) {
	c.QueryTimeout = 5 * time.Minute
	c.AnonymousWait = 5 * time.Minute
}

// countingDriver counts the statements ent sends to the database.
type countingDriver struct {
	dialect.Driver
	statements atomic.Int64
}

func (d *countingDriver) Exec(ctx context.Context, query string, args, v any) error {
	d.statements.Add(1)
	return d.Driver.Exec(ctx, query, args, v)
}

func (d *countingDriver) Query(ctx context.Context, query string, args, v any) error {
	d.statements.Add(1)
	return d.Driver.Query(ctx, query, args, v)
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// post sends a GraphQL request and returns the HTTP status and the
// decoded body.
func (b *backend) post(t testing.TB, query string, variables map[string]any) (int, gqlResponse, string) {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": variables})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	b.handler.ServeHTTP(rec, req)
	var resp gqlResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("%s: response is not JSON (%d): %s", b.name, rec.Code, rec.Body.String())
	}
	return rec.Code, resp, rec.Body.String()
}

// data runs a query that must succeed and returns its data.
func (b *backend) data(t testing.TB, query string, variables map[string]any) json.RawMessage {
	t.Helper()
	code, resp, raw := b.post(t, query, variables)
	if code != http.StatusOK || len(resp.Errors) > 0 {
		t.Fatalf("%s: status %d: %s", b.name, code, raw)
	}
	return resp.Data
}

// withoutIDs drops every "id" and cursor member, since global IDs (which
// cursors encode) may be assigned in another order by another database;
// everything else must match.
func withoutIDs(t testing.TB, raw json.RawMessage) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var strip func(any) any
	strip = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for _, k := range []string{"id", "cursor", "startCursor", "endCursor"} {
				delete(x, k)
			}
			for k, e := range x {
				x[k] = strip(e)
			}
		case []any:
			for i, e := range x {
				x[i] = strip(e)
			}
		}
		return v
	}
	out, err := json.MarshalIndent(strip(v), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestContractQuery(t *testing.T) {
	const query = `{ establishment(finess: "420782559") { finess name legalEntity { finess name } latitude longitude } }`
	var answers []string
	for _, b := range backends {
		var got struct {
			Establishment struct {
				Finess      string
				LegalEntity struct{ Finess, Name string }
				Latitude    float64
				Longitude   float64
			}
		}
		raw := b.data(t, query, nil)
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatal(err)
		}
		e := got.Establishment
		if e.Finess != "420782559" || e.LegalEntity.Finess != "420784878" || e.LegalEntity.Name == "" {
			t.Errorf("%s: got %s, want site 420782559 of legal entity 420784878 with a name", b.name, raw)
		}
		if e.Latitude != 45.413162 || e.Longitude != 4.393283 {
			t.Errorf("%s: coordinates %v,%v, want 45.413162,4.393283", b.name, e.Latitude, e.Longitude)
		}
		answers = append(answers, string(raw))
	}
	if answers[0] != answers[1] {
		t.Errorf("SQLite and PostgreSQL differ:\n%s\n%s", answers[0], answers[1])
	}
}

func TestSameAnswersOnBothDatabases(t *testing.T) {
	tests := []struct {
		name  string
		query string
		// want are fragments the answer must contain, so that two equally
		// empty answers cannot pass.
		want []string
	}{
		{
			name: "grouping to memberships to members",
			query: `{ groupings(first: 5, where: {code: "MAILLAGE-GCS-OLORON"}) { totalCount edges { node {
				code kind name territory { code kind } source { key kind title }
				memberships(first: 50) { role validFrom validTo legalEntity { finess name nameDerived establishments(first: 50) { finess name } } sites(first: 50) { finess } source { key } }
			} } } }`,
			want: []string{`"640780821"`, `"MEMBER"`, `"press-ars-rapport-2011"`},
		},
		{
			name: "registered GCS with their legal person and sites",
			query: `{ groupings(first: 5, where: {kind: GCS}, orderBy: {field: CODE}) { totalCount edges { cursor node {
				code kind finess name departmentCode legalEntity { finess name } establishments { finess name commune { code name } } source { key }
			} } pageInfo { hasNextPage endCursor } } }`,
			want: []string{`"GCS"`, `"finess-et-2021-01-08"`},
		},
		{
			name: "the G4 charter, its parties and filières",
			query: `{ conventions(first: 5, where: {code: "G4-LOIRE-2016"}) { edges { node {
				code kind name domains validFrom validFromPrecision
				parties { designation legalEntity { finess } }
				filieres(first: 20) { specialty roles(asOf: "2020-06-01", first: 50) { level legalEntity { finess } } }
				medicalTeams { name }
				source { key }
			} } } }`,
			// The article grades no filière and names no party per filière.
			want: []string{`"420784878"`, `"420013831"`, `"420002495"`, `"420780652"`, `"roles": []`, `"2016-01-01"`},
		},
		{
			name:  "territory walk from commune to région",
			query: `{ territory(code: "42218", kind: COMMUNE) { code name postalCodes parent { code name parent { code name } children(first: 2) { totalCount } } } }`,
			want:  []string{`"Saint-Étienne"`, `"Loire"`, `"Auvergne-Rhône-Alpes"`},
		},
		{
			name:  "backward pagination",
			query: `{ establishments(last: 3, orderBy: {field: FINESS}, where: {departmentCode: "42"}) { totalCount edges { node { finess } } pageInfo { hasPreviousPage startCursor } } }`,
			want:  []string{`"hasPreviousPage": true`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var answers []string
			for _, b := range backends {
				answers = append(answers, withoutIDs(t, b.data(t, tt.query, nil)))
			}
			for _, w := range tt.want {
				if !strings.Contains(answers[0], w) {
					t.Errorf("answer lacks %s:\n%s", w, answers[0])
				}
			}
			if answers[0] != answers[1] {
				t.Errorf("SQLite and PostgreSQL differ: %s", firstDifference(answers[0], answers[1]))
			}
		})
	}
}

// TestNestedConnectionsDoNotMultiplyStatements guards against N+1: the
// statements a request costs must not grow with the page size.
func TestNestedConnectionsDoNotMultiplyStatements(t *testing.T) {
	tests := []struct {
		name  string
		query string
		sizes []int
		// nonEmpty names, in the answer, a nested list that must not be
		// empty, so that a request that loads nothing cannot pass.
		nonEmpty string
	}{
		{
			name: "legal entities with their sites, memberships and groupings",
			query: `query($n: Int!) { legalEntities(first: $n, orderBy: {field: FINESS}, where: {departmentCode: "42"}) {
				totalCount edges { node {
					finess name
					establishments(first: 20) { finess commune { name parent { name } } }
					memberships(first: 20) { role grouping { code } }
					groupings(first: 10) { code establishments(first: 10) { finess } }
				} } } }`,
			sizes:    []int{20, 60, 200},
			nonEmpty: `"establishments":[{"finess"`,
		},
		{
			name: "départements with a page of their communes (a nested connection)",
			query: `query($n: Int!) { territories(first: $n, orderBy: {field: CODE}, where: {kind: DEPARTMENT}) {
				edges { node { code children(first: 3, orderBy: {field: CODE}) { totalCount edges { node { code name parent { code } } } } } } } }`,
			sizes:    []int{10, 30, 90},
			nonEmpty: `"children":{"totalCount":`,
		},
	}
	for _, b := range backends {
		for _, tt := range tests {
			t.Run(b.name+"/"+tt.name, func(t *testing.T) {
				counts := map[int]int64{}
				for _, n := range tt.sizes {
					before := b.counter.statements.Load()
					raw := b.data(t, tt.query, map[string]any{"n": n})
					counts[n] = b.counter.statements.Load() - before
					if got := strings.Count(string(raw), `"node":{`); got < n {
						t.Fatalf("first: %d returned %d nodes", n, got)
					}
					if !strings.Contains(string(raw), tt.nonEmpty) {
						t.Fatalf("first: %d: nested data missing: %.300s", n, raw)
					}
				}
				if counts[tt.sizes[0]] != counts[tt.sizes[1]] || counts[tt.sizes[1]] != counts[tt.sizes[2]] {
					t.Errorf("statements per request grow with the page size: %v", counts)
				}
				if counts[tt.sizes[0]] == 0 {
					t.Error("no statement counted: the counter is not on the request path")
				}
			})
		}
	}
}

func TestErrorsAreClearAndCoded(t *testing.T) {
	tests := []struct {
		name     string
		query    string
		code     string
		contains string
	}{
		{"invalid FINESS key", `{ establishment(finess: "420782558") { name } }`, "BAD_USER_INPUT", "420782558"},
		{"FINESS of the wrong length", `{ legalEntity(finess: "42078") { name } }`, "BAD_USER_INPUT", "42078"},
		{"unknown FINESS", `{ establishment(finess: "420782567") { name } a: legalEntity(finess: "420782559") { name } }`, "NOT_FOUND", ""},
		{"unknown grouping code", `{ grouping(code: "NO-SUCH-GHT") { name } }`, "NOT_FOUND", "NO-SUCH-GHT"},
		{"unknown territory code", `{ territory(code: "99999") { name } }`, "NOT_FOUND", "99999"},
		{"ambiguous territory code", `{ territory(code: "84") { name } }`, "AMBIGUOUS", "84"},
		{"malformed node ID", `{ node(id: "zz") { id } }`, "BAD_USER_INPUT", "zz"},
		{"ID of no type", `{ node(id: "999999999999") { id } }`, "NOT_FOUND", ""},
		{"malformed date", `{ groupings(first: 1) { edges { node { memberships(asOf: "2020-13-45") { role } } } } }`, "BAD_USER_INPUT", "2020-13-45"},
		{"nested pages multiply", `{ territories(first: 500) { edges { node { children(first: 500) { edges { node { name } } } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED", ""},
		{"syntax error", `{ establishment(finess: "420782559" { name } }`, "GRAPHQL_PARSE_FAILED", ""},
		{"unknown field", `{ establishment(finess: "420782559") { nom } }`, "GRAPHQL_VALIDATION_FAILED", "nom"},
		{"page too large for the complexity limit", `{ establishments(first: 100000) { edges { node { name } } } }`, "COMPLEXITY_LIMIT_EXCEEDED", ""},
	}
	for _, b := range backends {
		for _, tt := range tests {
			t.Run(b.name+"/"+tt.name, func(t *testing.T) {
				code, resp, raw := b.post(t, tt.query, nil)
				if code >= 500 {
					t.Fatalf("status %d: %s", code, raw)
				}
				if strings.Contains(raw, "goroutine") || strings.Contains(raw, ".go:") {
					t.Fatalf("stack trace leaked: %s", raw)
				}
				if len(resp.Errors) == 0 {
					t.Fatalf("no error: %s", raw)
				}
				for _, e := range resp.Errors {
					if e.Extensions["code"] != tt.code {
						t.Errorf("code %v, want %s: %s", e.Extensions["code"], tt.code, raw)
					}
					if !strings.Contains(e.Message, tt.contains) {
						t.Errorf("message %q does not name %q", e.Message, tt.contains)
					}
				}
			})
		}
	}
}

func TestRoutes(t *testing.T) {
	b := backends[0]
	persisted := `{ establishment(finess: "420782559") { finess } }`
	tests := []struct {
		name, method, target string
		status               int
		contains             string
	}{
		{"liveness", http.MethodGet, "/healthz", http.StatusOK, "ok"},
		{"readiness", http.MethodGet, "/readyz", http.StatusOK, "ok"},
		{"metrics", http.MethodGet, "/metrics", http.StatusOK, "maillage_http_request"},
		{"GET query", http.MethodGet, "/graphql?query=" + urlEscape(persisted), http.StatusOK, `"420782559"`},
		{"APQ miss", http.MethodGet, "/graphql?extensions=" + urlEscape(apq(persisted)), http.StatusOK, "PersistedQueryNotFound"},
		{"APQ register", http.MethodGet, "/graphql?query=" + urlEscape(persisted) + "&extensions=" + urlEscape(apq(persisted)), http.StatusOK, `"420782559"`},
		{"APQ hit", http.MethodGet, "/graphql?extensions=" + urlEscape(apq(persisted)), http.StatusOK, `"420782559"`},
		{"introspection", http.MethodGet, "/graphql?query=" + urlEscape(`{ __type(name: "Establishment") { description } }`), http.StatusOK, "description"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			b.handler.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.target, nil))
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.contains) {
				t.Errorf("%s %s: %d %s, want %d containing %q", tt.method, tt.target, rec.Code, rec.Body.String(), tt.status, tt.contains)
			}
		})
	}
}

func TestOversizedBodyIsRejected(t *testing.T) {
	body := `{"query":"{ __typename }","variables":{"pad":"` + strings.Repeat("x", 2<<20) + `"}}`
	tests := []struct {
		name          string
		contentLength int64
	}{
		{"announced size", int64(len(body))},
		{"chunked", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
			req.ContentLength = tt.contentLength
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			backends[0].handler.ServeHTTP(rec, req)
			if rec.Code >= 500 || !strings.Contains(rec.Body.String(), "BAD_REQUEST") || !strings.Contains(rec.Body.String(), "too large") && !strings.Contains(rec.Body.String(), "larger than") {
				t.Errorf("2 MiB body: status %d: %.300s", rec.Code, rec.Body.String())
			}
		})
	}
}

// firstDifference shows where two answers part, with some context.
func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			from := max(0, i-8)
			return fmt.Sprintf("at line %d:\nsqlite:\n%s\npostgres:\n%s", i+1,
				strings.Join(la[from:min(i+3, len(la))], "\n"), strings.Join(lb[from:min(i+3, len(lb))], "\n"))
		}
	}
	return fmt.Sprintf("one answer is longer (%d vs %d lines)", len(la), len(lb))
}

func urlEscape(s string) string { return url.QueryEscape(s) }

// apq is the persisted-query extension for query, as Apollo clients send it.
func apq(query string) string {
	sum := sha256.Sum256([]byte(query))
	return fmt.Sprintf(`{"persistedQuery":{"version":1,"sha256Hash":"%s"}}`, hex.EncodeToString(sum[:]))
}

// TestSitesAndTheirOldName: a legal entity's and a grouping's sites
// answer under sites and under establishments, its deprecated name,
// alike.
func TestSitesAndTheirOldName(t *testing.T) {
	for _, b := range backends {
		raw := string(b.data(t, `{ legalEntity(finess: "420784878") { sites(first: 5) { finess } establishments(first: 5) { finess } } }`, nil))
		var got struct {
			LegalEntity struct{ Sites, Establishments []struct{ Finess string } }
		}
		if err := json.Unmarshal([]byte(raw), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.LegalEntity.Sites) == 0 || fmt.Sprint(got.LegalEntity.Sites) != fmt.Sprint(got.LegalEntity.Establishments) {
			t.Errorf("%s: sites %v, establishments %v", b.name, got.LegalEntity.Sites, got.LegalEntity.Establishments)
		}
	}
}

// TestTeamsKeepTheirDatePrecision: the G4 charter's medical team, dated
// by the charter's year only, says so (the importer used to store it as
// starting exactly on 1 January 2016).
func TestTeamsKeepTheirDatePrecision(t *testing.T) {
	for _, b := range backends {
		raw := string(b.data(t, `{ medicalTeams(first: 5, where: {nameHasPrefix: "G4"}) { edges { node { name validFrom validFromPrecision } } } }`, nil))
		if !strings.Contains(raw, `"validFrom":"2016-01-01","validFromPrecision":"YEAR"`) {
			t.Errorf("%s: %s", b.name, raw)
		}
	}
}

// TestCRCMAsTheArreteSaysIt: the centres designated by the arrêté of
// 16 January 2014 hold from that day for the four years it gives; Foch
// is there under its legal entity with the site the arrêté published,
// Nancy under the entity its name matches.
func TestCRCMAsTheArreteSaysIt(t *testing.T) {
	for _, b := range backends {
		raw := string(b.data(t, `{ filieres(first: 5, where: {specialty: CYSTIC_FIBROSIS}) { edges { node {
			validFrom validTo source { title }
			roles(first: 100) { validFrom validTo legalEntity { finess } establishment { finess } } } } } }`, nil))
		for _, want := range []string{
			`"validFrom":"2014-01-16","validTo":"2018-01-16"`,
			`"title":"Arrêté du 16 janvier 2014 portant désignation des centres de ressources et de compétences de la mucoviscidose (CRCM)"`,
			`"legalEntity":{"finess":"920150059"},"establishment":{"finess":"920000650"}`,
			`"legalEntity":{"finess":"540023264"}`,
		} {
			if !strings.Contains(raw, want) {
				t.Errorf("%s: lacks %s in %.400s", b.name, want, raw)
			}
		}
		if strings.Contains(raw, `"validFrom":null`) {
			t.Errorf("%s: an undated CRCM role: %.400s", b.name, raw)
		}
	}
}
