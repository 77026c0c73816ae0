package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/server"
)

// leaks are what no error answer may show: SQL, driver messages, table
// names, stack traces.
var leaks = regexp.MustCompile(`(?i)select |insert |update .* set | from "?[a-z_]+"? |pq: |sqlite|sql: |relation "|constraint failed|no such table|goroutine |\.go:\d+|legal_entities|establishment_legal_entity`)

// hostileRequest is one request of the hostile suite.
type hostileRequest struct {
	name        string
	method      string // POST when empty
	target      string // /graphql when empty
	contentType string // application/json when empty; "-" for none
	body        string
	headers     map[string]string
	status      int
	code        string // extensions.code of every error; "" when none is expected
	// check, when set, looks further at the answer.
	check func(t *testing.T, raw string)
}

func gqlBody(query string, variables map[string]any) string {
	b, err := json.Marshal(map[string]any{"query": query, "variables": variables})
	if err != nil {
		panic(err)
	}
	return string(b)
}

// send serves req on h and returns the recorder.
func send(h http.Handler, hr hostileRequest) *httptest.ResponseRecorder {
	method, target := hr.method, hr.target
	if method == "" {
		method = http.MethodPost
	}
	if target == "" {
		target = "/graphql"
	}
	var body io.Reader
	if hr.body != "" {
		body = strings.NewReader(hr.body)
	}
	req := httptest.NewRequest(method, target, body)
	switch hr.contentType {
	case "":
		if method == http.MethodPost {
			req.Header.Set("Content-Type", "application/json")
		}
	case "-":
	default:
		req.Header.Set("Content-Type", hr.contentType)
	}
	for k, v := range hr.headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// expect checks a response's status, that every error carries the
// expected code, and that nothing internal leaks.
func expect(t *testing.T, hr hostileRequest, rec *httptest.ResponseRecorder) {
	t.Helper()
	raw := rec.Body.String()
	if rec.Code != hr.status {
		t.Errorf("status %d, want %d: %.400s", rec.Code, hr.status, raw)
	}
	if leaks.MatchString(raw) {
		t.Errorf("the answer leaks internals: %.400s", raw)
	}
	var resp gqlResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("answer is not JSON: %.400s", raw)
	}
	if hr.code == "" && len(resp.Errors) > 0 {
		t.Errorf("unexpected errors: %.400s", raw)
	}
	if hr.code != "" && len(resp.Errors) == 0 {
		t.Errorf("no error, want %s: %.400s", hr.code, raw)
	}
	for _, e := range resp.Errors {
		if hr.code != "" && e.Extensions["code"] != hr.code {
			t.Errorf("code %v, want %s: %.400s", e.Extensions["code"], hr.code, raw)
		}
	}
	if hr.check != nil {
		hr.check(t, raw)
	}
}

func manyIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprint(i + 1)
	}
	return ids
}

func nested(open, close string, n int, inner string) string {
	return strings.Repeat(open, n) + inner + strings.Repeat(close, n)
}

func fragmentBomb(levels int) string {
	var b strings.Builder
	b.WriteString("query { ...F" + fmt.Sprint(levels) + " }\nfragment F0 on Query { __typename }\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d a%d: __typename ...F%d }\n", i, i-1, i, i-1)
	}
	return b.String()
}

func aliases(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, " a%d: __typename", i)
	}
	b.WriteString(" }")
	return b.String()
}

func contains(s string) func(*testing.T, string) {
	return func(t *testing.T, raw string) {
		t.Helper()
		if !strings.Contains(raw, s) {
			t.Errorf("answer lacks %q: %.400s", s, raw)
		}
	}
}

// TestHostileInput sends, on both databases, one request per kind of
// hostile or malformed input: each is refused with its status and
// code, nothing internal leaks, and the server answers an ordinary
// lookup afterwards.
func TestHostileInput(t *testing.T) {
	lookup := `{ establishment(finess: "420782559") { finess legalEntity { finess } } }`
	tests := []hostileRequest{
		// Size and shape of the document.
		{name: "depth", body: gqlBody(`{ territory(code: "42", kind: DEPARTMENT) { `+nested("parent { ", "} ", 20, "name")+` } }`, nil),
			status: 422, code: apperr.CodeLimitExceeded, check: contains("nested 22 levels")},
		{name: "depth within the limit", body: gqlBody(`{ territory(code: "42", kind: DEPARTMENT) { `+nested("parent { ", "} ", 3, "name")+` } }`, nil),
			status: 200},
		{name: "complexity scales with first", body: gqlBody(`{ territories(first: 300) { edges { node { children(first: 300) { edges { node { name } } } } } } }`, nil),
			status: 422, code: apperr.CodeComplexityExceeded, check: contains("complexity 360900")},
		{name: "same query, small pages", body: gqlBody(`{ territories(first: 3) { edges { node { children(first: 3) { edges { node { name } } } } } } }`, nil),
			status: 200},
		{name: "aliases", body: gqlBody(aliases(101), nil), status: 422, code: apperr.CodeLimitExceeded, check: contains("aliases")},
		{name: "parser tokens", body: gqlBody("{"+strings.Repeat(" __typename", 10001)+" }", nil), status: 422, code: apperr.CodeLimitExceeded, check: contains("token limit")},
		{name: "fragments doubling each other", body: gqlBody(fragmentBomb(40), nil), status: 422, code: apperr.CodeLimitExceeded, check: contains("fragments are expanded")},
		// Every transport answers in one response: a deferred field would be null without a word.
		{name: "@defer on an inline fragment", body: gqlBody(`{ establishment(finess: "420782559") { finess ... @defer { legalEntity { name } } } }`, nil),
			status: 422, code: "GRAPHQL_VALIDATION_FAILED", check: contains("@defer is not supported")},
		{name: "@defer on a fragment spread", body: gqlBody(`{ establishment(finess: "420782559") { ...L @defer } } fragment L on Establishment { legalEntity { name } }`, nil),
			status: 422, code: "GRAPHQL_VALIDATION_FAILED", check: contains("@defer is not supported")},
		// entgql's pagination reads these by their response name: renamed, they were answered as if not asked.
		{name: "renamed edges", body: gqlBody(`{ establishments(first: 2) { list: edges { node { finess } } } }`, nil),
			status: 200, code: apperr.CodeBadInput, check: contains("EstablishmentConnection.edges cannot be renamed (list)")},
		{name: "renamed totalCount", body: gqlBody(`{ establishments(first: 2) { n: totalCount } }`, nil),
			status: 200, code: apperr.CodeBadInput, check: contains("totalCount cannot be renamed")},
		{name: "renamed pageInfo in a fragment", body: gqlBody(`{ groupings(first: 2) { ...P } } fragment P on GroupingConnection { p: pageInfo { hasNextPage } }`, nil),
			status: 200, code: apperr.CodeBadInput, check: contains("pageInfo cannot be renamed")},
		{name: "renamed node", body: gqlBody(`{ establishments(first: 2) { edges { site: node { finess } } } }`, nil),
			status: 200, code: apperr.CodeBadInput, check: contains("EstablishmentEdge.node cannot be renamed")},
		{name: "recursive fragments", body: gqlBody(`query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`, nil),
			status: 422, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "self-nesting fragment", body: gqlBody(`query { territory(code: "42", kind: DEPARTMENT) { ...T } } fragment T on Territory { name parent { ...T } }`, nil),
			status: 422, code: "GRAPHQL_VALIDATION_FAILED"},
		// Lists nested in lists: priced by their bounds, never by a guess.
		{name: "plain lists a dozen levels deep", body: gqlBody(`{ establishment(finess: "420782559") { `+nested("legalEntity { establishments { ", "} } ", 6, "finess")+` } }`, nil),
			status: 422, code: apperr.CodeComplexityExceeded},
		{name: "plain lists two levels deep", body: gqlBody(`{ legalEntity(finess: "420784878") { establishments { legalEntity { establishments { finess } } } } }`, nil),
			status: 422, code: apperr.CodeComplexityExceeded},
		{name: "plain lists a dozen levels deep, two records each", body: gqlBody(`{ establishment(finess: "420782559") { `+nested("legalEntity { establishments(first: 2) { ", "} } ", 6, "finess")+` } }`, nil),
			status: 200},
		{name: "a page of sites with their entity's sites", body: gqlBody(`{ establishments(first: 300) { edges { node { legalEntity { establishments { finess name } } } } } }`, nil),
			status: 422, code: apperr.CodeComplexityExceeded},
		{name: "a list cut at its first says so", body: gqlBody(`{ legalEntity(finess: "420784878") { establishments(first: 2) { finess } } }`, nil), status: 200,
			check: contains(`"extensions":{"truncated":[{"path":["legalEntity","establishments"],"total":`)},
		{name: "input list longer than the largest page", body: gqlBody(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": manyIDs(1001)}),
			status: 200, code: "BAD_USER_INPUT", check: contains(`"field":"ids"`)},
		// Malformed values: the caller's error, named.
		{name: "garbage after cursor", body: gqlBody(`{ establishments(first: 2, after: "garbage!") { totalCount } }`, nil), status: 200, code: "BAD_USER_INPUT", check: contains(`"field":"after"`)},
		{name: "garbage before cursor in a variable", body: gqlBody(`query($c: Cursor) { territories(last: 2, before: $c) { totalCount } }`, map[string]any{"c": "AAAA"}), status: 200, code: "BAD_USER_INPUT", check: contains(`"field":"before"`)},
		{name: "malformed ID", body: gqlBody(`{ node(id: "abc") { id } }`, nil), status: 200, code: "BAD_USER_INPUT", check: contains(`"field":"id"`)},
		{name: "malformed date", body: gqlBody(`{ legalEntity(finess: "420784878") { memberships(asOf: "2020-13-45") { id } } }`, nil), status: 200, code: "BAD_USER_INPUT", check: contains(`"field":"asOf"`)},
		{name: "malformed date in a filter", body: gqlBody(`query($f: CooperationGraphFilter) { cooperationChecks(filter: $f) { total } }`, map[string]any{"f": map[string]any{"asOf": "yesterday"}}), status: 200, code: "BAD_USER_INPUT", check: contains(`"field":"filter.asOf"`)},
		{name: "unknown enum value in a variable", body: gqlBody(`query($k: TerritoryKind) { territory(code: "42", kind: $k) { name } }`, map[string]any{"k": "PLANET"}), status: 422, code: "BAD_USER_INPUT", check: contains(`"field":"k"`)},
		{name: "one record's link under two aliases", body: gqlBody(`{ establishment(finess: "420782559") { legalEntity { finess } other: legalEntity { name } } }`, nil),
			status: 200, code: "BAD_USER_INPUT", check: contains(`two aliases`)},
		{name: "one record's link under two aliases through fragments", body: gqlBody(`{ establishment(finess: "420782559") { ...A ...B } } fragment A on Establishment { source { title } } fragment B on Establishment { s: source { url } }`, nil),
			status: 200, code: "BAD_USER_INPUT"},
		{name: "one record's link under two aliases of a page's node", body: gqlBody(`{ groupings(first: 3) { edges { node { source { title } } n: node { source { url } } } } }`, nil),
			status: 200, code: "BAD_USER_INPUT"},
		{name: "the same link twice under one name", body: gqlBody(`{ establishment(finess: "420782559") { legalEntity { finess } legalEntity { name } } }`, nil),
			status: 200, check: contains(`"legalEntity":{"finess":"420784878","name":`)},
		{name: "an empty filter inside or", body: gqlBody(`{ legalEntities(first: 2, where: {or: [{}, {finess: "420784878"}]}) { totalCount } }`, nil),
			status: 200, code: "BAD_USER_INPUT", check: contains(`"field":"where"`)},
		// Pages.
		{name: "first above the largest page", body: gqlBody(`{ territories(first: 1001) { totalCount } }`, nil), status: 200, code: "BAD_USER_INPUT", check: contains(`"field":"first"`)},
		{name: "first negative", body: gqlBody(`query($n: Int) { territories(first: $n) { totalCount } }`, map[string]any{"n": -1}), status: 200, code: "BAD_USER_INPUT"},
		{name: "default page", body: gqlBody(`{ establishments { edges { node { finess } } } }`, nil), status: 200,
			check: func(t *testing.T, raw string) {
				if n := strings.Count(raw, `"finess"`); n != 100 {
					t.Errorf("a page without first holds %d, want 100", n)
				}
			}},
		// Transport.
		{name: "body too large", body: `{"query":"{ __typename }","variables":{"pad":"` + strings.Repeat("x", 2<<20) + `"}}`, status: 413, code: "BAD_REQUEST"},
		{name: "batch", body: `[` + gqlBody(lookup, nil) + `,` + gqlBody(lookup, nil) + `]`, status: 400, code: apperr.CodeBatchNotSupported},
		{name: "mutation over GET", method: http.MethodGet, target: "/graphql?query=" + urlEscape(`mutation { __typename }`), status: 405, code: apperr.CodeMethodNotAllowed},
		{name: "named mutation over GET", method: http.MethodGet, target: "/graphql?operationName=M&query=" + urlEscape(`query Q { __typename } mutation M { __typename }`), status: 405, code: apperr.CodeMethodNotAllowed},
		{name: "form post (CSRF)", contentType: "application/x-www-form-urlencoded", body: "query=" + urlEscape(lookup), status: 415, code: apperr.CodeUnsupportedMediaType},
		{name: "text/plain post (CSRF)", contentType: "text/plain", body: gqlBody(lookup, nil), status: 415, code: apperr.CodeUnsupportedMediaType},
		{name: "multipart post", contentType: "multipart/form-data; boundary=x", body: "--x--", status: 415, code: apperr.CodeUnsupportedMediaType},
		{name: "no content type", contentType: "-", body: gqlBody(lookup, nil), status: 415, code: apperr.CodeUnsupportedMediaType},
		{name: "PUT", method: http.MethodPut, body: gqlBody(lookup, nil), status: 405, code: apperr.CodeMethodNotAllowed},
		{name: "not JSON", body: `{"query": `, status: 400, code: "BAD_REQUEST"},
		{name: "variables 100,000 deep", body: `{"query":"query($v: String) { __typename }","variables":{"v":` + nested("[", "]", 100000, "1") + `}}`, status: 400, code: "BAD_REQUEST", check: contains("nested deeper")},
		{name: "variables 100,000 deep over GET", method: http.MethodGet, target: "/graphql?query=" + urlEscape(`{ __typename }`) + "&variables=" + urlEscape(`{"v":`+nested(`{"a":`, "}", 100000, "1")+`}`), status: 400, code: "BAD_REQUEST"},
		{name: "invalid variables over GET", method: http.MethodGet, target: "/graphql?query=" + urlEscape(`{ __typename }`) + "&variables=" + urlEscape(`{"v":`), status: 400, code: "BAD_REQUEST"},
		{name: "input object nested deep in the document", body: gqlBody(`{ territories(where: `+nested("{not: ", "}", 40, `{code: "42"}`)+`) { totalCount } }`, nil), status: 422, code: apperr.CodeLimitExceeded},
		// Scalars.
		{name: "FINESS with a wrong key", body: gqlBody(`{ legalEntity(finess: "420784879") { name } }`, nil), status: 200, code: "BAD_USER_INPUT"},
		{name: "FINESS with SQL", body: gqlBody(`query($f: String!) { legalEntity(finess: $f) { name } }`, map[string]any{"f": "' OR 1=1 --"}), status: 200, code: "BAD_USER_INPUT"},
		{name: "latitude 91", body: gqlBody(`{ establishments(where: {latitudeGT: 91}) { totalCount } }`, nil), status: 200, code: "BAD_USER_INPUT", check: contains("latitude 91")},
		{name: "longitude -181 in a variable", body: gqlBody(`query($w: EstablishmentWhereInput) { establishments(where: $w) { totalCount } }`, map[string]any{"w": map[string]any{"or": []any{map[string]any{"longitudeLT": -181}}}}), status: 200, code: "BAD_USER_INPUT"},
		{name: "NaN as a string", body: gqlBody(`query($x: Float) { establishments(where: {latitudeGT: $x}) { totalCount } }`, map[string]any{"x": "NaN"}), status: 200, code: "BAD_USER_INPUT"},
		{name: "NaN in JSON", body: `{"query":"query($x: Float) { establishments(where: {latitudeGT: $x}) { totalCount } }","variables":{"x":NaN}}`, status: 400, code: "BAD_REQUEST"},
		{name: "invalid UTF-8", body: "{\"query\":\"{ search(text: \\\"h\xf4pital\\\") { label } }\"}", status: 400, code: "BAD_USER_INPUT"},
		{name: "invalid UTF-8 over GET", method: http.MethodGet, target: "/graphql?query=%7B%20search(text%3A%20%22h%F4pital%22)%20%7B%20label%20%7D%20%7D", status: 400, code: "BAD_USER_INPUT"},
		{name: "NUL byte", body: gqlBody(`query($c: String!) { grouping(code: $c) { name } }`, map[string]any{"c": "GHT\x00"}), status: 200, code: "BAD_USER_INPUT", check: contains(`"field":"code"`)},
		{name: "NUL byte in a literal", body: gqlBody(`{ search(text: "a\u0000b") { label } }`, nil), status: 200, code: "BAD_USER_INPUT"},
		{name: "SQL in a code", body: gqlBody(`{ grouping(code: "x' OR '1'='1") { name } }`, nil), status: 200, code: "NOT_FOUND"},
		{name: "SQL in a search", body: gqlBody(`{ search(text: "%' OR 1=1; DROP TABLE establishments; --") { label } }`, nil), status: 200},
		{name: "LIKE metacharacters match themselves", body: gqlBody(`{ a: groupings(where: {nameContains: "%"}) { totalCount } b: groupings(where: {nameContains: "_"}) { totalCount } c: legalEntities(where: {nameHasPrefix: "\\"}) { totalCount } }`, nil), status: 200,
			check: contains(`{"a":{"totalCount":0},"b":{"totalCount":0},"c":{"totalCount":0}}`)},
	}
	for _, b := range backends {
		for _, tt := range tests {
			t.Run(b.name+"/"+tt.name, func(t *testing.T) {
				expect(t, tt, send(b.handler, tt))
			})
		}
		t.Run(b.name+"/still serving", func(t *testing.T) {
			if raw := string(b.data(t, lookup, nil)); !strings.Contains(raw, `"420784878"`) {
				t.Errorf("lookup after the hostile suite: %s", raw)
			}
		})
	}
}

// discard is a logger for handlers built by the tests below.
var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

// TestResolverPanic: a panicking resolver is answered with a generic,
// coded error; the server goes on serving.
func TestResolverPanic(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			h := server.New(b.db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithoutRateLimits(),
				server.WithFieldMiddleware(func(ctx context.Context, next graphqlResolver) (any, error) {
					if fieldName(ctx) == "legalEntity" {
						panic("boom: SELECT * FROM legal_entities")
					}
					return next(ctx)
				}))
			for range 3 {
				expect(t, hostileRequest{status: 200, code: "INTERNAL_SERVER_ERROR", check: contains(`"internal error"`)},
					send(h, hostileRequest{body: gqlBody(`{ legalEntity(finess: "420784878") { name } }`, nil)}))
			}
			expect(t, hostileRequest{status: 200, check: contains(`"420782559"`)},
				send(h, hostileRequest{body: gqlBody(`{ establishment(finess: "420782559") { finess } }`, nil)}))
		})
	}
}

// TestRateLimits: per address without a token, per token with one, and
// per address for requests with tokens, good or bad; 429 with
// Retry-After and RATE_LIMITED.
func TestRateLimits(t *testing.T) {
	b := backends[0]
	cfg := server.DefaultConfig()
	cfg.AnonymousRate, cfg.AnonymousBurst = 0.5, 3
	cfg.TokenRate, cfg.TokenBurst = 0.5, 5
	h := server.New(b.db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithConfig(cfg))
	token := partnerToken(t, b, "rate limits")
	query := gqlBody(`{ establishment(finess: "420782559") { finess } }`, nil)
	from := func(addr, auth string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(query))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = addr + ":4242"
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	limited := func(t *testing.T, rec *httptest.ResponseRecorder) {
		t.Helper()
		expect(t, hostileRequest{status: 429, code: apperr.CodeRateLimited}, rec)
		if ra := rec.Header().Get("Retry-After"); ra != "1" && ra != "2" {
			t.Errorf("Retry-After %q, want 1 or 2 (s)", ra)
		}
	}
	t.Run("per address", func(t *testing.T) {
		for i := range 3 {
			if rec := from("198.51.100.1", ""); rec.Code != 200 {
				t.Fatalf("request %d within the burst: %d %s", i, rec.Code, rec.Body)
			}
		}
		limited(t, from("198.51.100.1", ""))
		if rec := from("198.51.100.2", ""); rec.Code != 200 {
			t.Errorf("another address is limited too: %d", rec.Code)
		}
		// IPv6 clients count per /64.
		for i := range 3 {
			from(fmt.Sprintf("[2001:db8::%d]", i+1), "")
		}
		limited(t, from("[2001:db8::99]", ""))
	})
	t.Run("per token", func(t *testing.T) {
		for i := range 5 {
			if rec := from(fmt.Sprintf("203.0.113.%d", i+1), "Bearer "+token); rec.Code != 200 {
				t.Fatalf("request %d within the token's burst: %d %s", i, rec.Code, rec.Body)
			}
		}
		limited(t, from("203.0.113.99", "Bearer "+token))
	})
	t.Run("bad tokens per address", func(t *testing.T) {
		for range 5 {
			if rec := from("192.0.2.7", "Bearer mlg_wrong"); rec.Code != 401 {
				t.Fatalf("bad token: %d", rec.Code)
			}
		}
		limited(t, from("192.0.2.7", "Bearer mlg_wrong"))
	})
}

// TestDatabaseDown: with the database gone, queries answer 503 and
// SERVICE_UNAVAILABLE, without a word of SQL; /readyz says so too.
func TestDatabaseDown(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			db, kill := throwawayDatabase(t, b)
			h := server.New(db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithoutRateLimits())
			lookup := hostileRequest{body: gqlBody(`{ legalEntity(finess: "420784878") { name } }`, nil)}
			expect(t, hostileRequest{status: 200, code: "NOT_FOUND"}, send(h, lookup)) // an empty database answers
			kill()
			expect(t, hostileRequest{status: 503, code: "SERVICE_UNAVAILABLE"}, send(h, lookup))
			expect(t, hostileRequest{status: 503, code: "SERVICE_UNAVAILABLE"}, send(h, hostileRequest{body: gqlBody(`{ establishments(first: 2) { totalCount } }`, nil)}))
			if rec := send(h, hostileRequest{method: http.MethodGet, target: "/readyz"}); rec.Code != 503 {
				t.Errorf("/readyz: %d", rec.Code)
			}
		})
	}
}

// TestAPQCacheIsBounded: persisted queries beyond the cache's size push
// the oldest out.
func TestAPQCacheIsBounded(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.AnonymousRate = 0
	cfg.Limits.APQCache = 2
	h := server.New(backends[0].db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithConfig(cfg))
	queries := []string{`{ a: __typename }`, `{ b: __typename }`, `{ c: __typename }`}
	get := func(query string, withText bool) string {
		target := "/graphql?extensions=" + urlEscape(apq(query))
		if withText {
			target += "&query=" + urlEscape(query)
		}
		return send(h, hostileRequest{method: http.MethodGet, target: target}).Body.String()
	}
	for _, q := range queries {
		if raw := get(q, true); !strings.Contains(raw, "Query") {
			t.Fatalf("register %s: %s", q, raw)
		}
	}
	if raw := get(queries[0], false); !strings.Contains(raw, "PERSISTED_QUERY_NOT_FOUND") {
		t.Errorf("the oldest of 3 queries is still cached in a cache of 2: %s", raw)
	}
	if raw := get(queries[2], false); !strings.Contains(raw, `"c":"Query"`) {
		t.Errorf("the newest query is not cached: %s", raw)
	}
	expect(t, hostileRequest{status: 200, code: "BAD_REQUEST"}, send(h, hostileRequest{method: http.MethodGet,
		target: "/graphql?query=" + urlEscape(queries[0]) + "&extensions=" + urlEscape(apq(queries[1]))}))
}

// TestIntrospectionAndGraphiQLSwitch: on by default, off on request.
func TestIntrospectionAndGraphiQLSwitch(t *testing.T) {
	introspect := hostileRequest{body: gqlBody(`{ __schema { queryType { name } } }`, nil)}
	on := server.New(backends[0].db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithoutRateLimits())
	expect(t, hostileRequest{status: 200, check: contains(`"Query"`)}, send(on, introspect))
	if rec := send(on, hostileRequest{method: http.MethodGet, target: "/graphiql"}); rec.Code != 200 {
		t.Errorf("GraphiQL on: %d", rec.Code)
	}
	cfg := server.DefaultConfig()
	cfg.Introspection, cfg.GraphiQL, cfg.AnonymousRate = false, false, 0
	off := server.New(backends[0].db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithConfig(cfg))
	expect(t, hostileRequest{status: 200, code: apperr.CodeIntrospectionOff}, send(off, introspect))
	expect(t, hostileRequest{status: 200, code: apperr.CodeIntrospectionOff}, send(off, hostileRequest{body: gqlBody(`{ a: __typename ... on Query { __type(name: "Query") { name } } }`, nil)}))
	if rec := send(off, hostileRequest{method: http.MethodGet, target: "/graphiql"}); rec.Code != 404 {
		t.Errorf("GraphiQL off: %d", rec.Code)
	}
	expect(t, hostileRequest{status: 200, check: contains(`"420782559"`)}, send(off, hostileRequest{body: gqlBody(`{ establishment(finess: "420782559") { __typename finess } }`, nil)}))
}

// TestCORS: no cross-origin access unless configured, then only for
// the listed origins.
func TestCORS(t *testing.T) {
	preflight := func(h http.Handler, origin string) http.Header {
		req := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization,content-type")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Header()
	}
	def := server.New(backends[0].db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithoutRateLimits())
	if got := preflight(def, "https://evil.example").Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("default: allows %q", got)
	}
	cfg := server.DefaultConfig()
	cfg.CORSOrigins, cfg.AnonymousRate = []string{"https://carto.example.org"}, 0
	h := server.New(backends[0].db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithConfig(cfg))
	if got := preflight(h, "https://carto.example.org"); got.Get("Access-Control-Allow-Origin") != "https://carto.example.org" || !strings.Contains(strings.ToLower(got.Get("Access-Control-Allow-Headers")), "authorization") {
		t.Errorf("listed origin: %v", got)
	}
	if got := preflight(h, "https://evil.example").Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("unlisted origin allowed: %q", got)
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(gqlBody(`{ __typename }`, nil)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "https://carto.example.org")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Header().Get("Access-Control-Allow-Origin") != "https://carto.example.org" || !strings.Contains(rec.Header().Get("Access-Control-Expose-Headers"), "X-Request-Id") {
		t.Errorf("actual request: %v", rec.Header())
	}
}

// syncBuffer is a log destination tests read while handlers write.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) lines() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Split(strings.TrimSpace(s.b.String()), "\n")
}

// TestRequestIDsAndMetrics: every response names its request, every
// log line of a request carries its ID, and /metrics counts requests,
// latency and cost by operation (a bounded set of names), errors by
// code, and the database pool.
func TestRequestIDsAndMetrics(t *testing.T) {
	var logs syncBuffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	cfg := server.DefaultConfig()
	cfg.AnonymousRate = 0
	cfg.Limits.MaxOperations = 2
	panicky := server.WithFieldMiddleware(func(ctx context.Context, next graphqlResolver) (any, error) {
		if fieldName(ctx) == "grouping" {
			panic("boom")
		}
		return next(ctx)
	})
	h := server.New(backends[0].db, logger, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithConfig(cfg), panicky)

	rec := send(h, hostileRequest{body: gqlBody(`query Lookup { establishment(finess: "420782559") { finess } }`, nil), headers: map[string]string{"X-Request-ID": "client-chosen.id-1"}})
	if got := rec.Header().Get("X-Request-ID"); got != "client-chosen.id-1" {
		t.Errorf("a sane incoming ID is not kept: %q", got)
	}
	rec = send(h, hostileRequest{body: gqlBody(`query Broken { grouping(code: "X") { name } }`, nil), headers: map[string]string{"X-Request-ID": "bad id\twith spaces"}})
	id := rec.Header().Get("X-Request-ID")
	if len(id) < 16 || strings.ContainsAny(id, " \t") {
		t.Errorf("an insane incoming ID is not replaced: %q", id)
	}
	var ofBroken int
	for _, line := range logs.lines() {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line not JSON: %s", line)
		}
		if rec["request_id"] == nil {
			t.Errorf("log line without request_id: %s", line)
		}
		if rec["request_id"] == id {
			ofBroken++
		}
	}
	if ofBroken < 2 { // the panic, and the request's line
		t.Errorf("%d log lines of the panicking request carry its ID, want 2 or more:\n%s", ofBroken, strings.Join(logs.lines(), "\n"))
	}
	for _, name := range []string{"Third", "Fourth"} {
		send(h, hostileRequest{body: gqlBody(`query `+name+` { __typename }`, nil)})
	}
	send(h, hostileRequest{body: gqlBody(`{ __typename }`, nil)})
	send(h, hostileRequest{body: `[]`})
	metrics := send(h, hostileRequest{method: http.MethodGet, target: "/metrics"}).Body.String()
	for _, want := range []string{
		`maillage_graphql_request_duration_seconds_count{operation="Lookup"} 1`,
		`maillage_graphql_request_duration_seconds_count{operation="Broken"} 1`,
		`maillage_graphql_request_duration_seconds_count{operation="other"} 2`,
		`maillage_graphql_request_duration_seconds_count{operation="anonymous"} 1`,
		`maillage_graphql_request_duration_seconds_count{operation="unparsed"} 1`,
		`maillage_graphql_complexity_count{operation="Lookup"} 1`,
		`maillage_errors_total{code="INTERNAL_SERVER_ERROR"} 1`,
		`maillage_errors_total{code="BATCH_NOT_SUPPORTED"} 1`,
		`maillage_http_request_duration_seconds_count{route="/graphql",status="200"}`,
		`go_sql_max_open_connections{db_name="maillage"}`,
		`go_sql_in_use_connections{db_name="maillage"}`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if t.Failed() {
		t.Logf("metrics:\n%s", grepLines(metrics, "maillage_"))
	}
}

func grepLines(s, prefix string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) && !strings.Contains(l, "_bucket") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// waitFor polls cond until it holds or d passes.
func waitFor(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return cond()
}

// TestAnonymousRequestsAreBoundedTogether: requests without a token are
// worked on a few at a time; past the wait, 503 OVERLOADED with
// Retry-After; a token holder is served meanwhile.
func TestAnonymousRequestsAreBoundedTogether(t *testing.T) {
	b := backends[0]
	entered, release := make(chan struct{}, 1), make(chan struct{})
	blocker := server.WithFieldMiddleware(func(ctx context.Context, next graphqlResolver) (any, error) {
		if fieldName(ctx) == "territory" {
			entered <- struct{}{}
			<-release
		}
		return next(ctx)
	})
	cfg := server.DefaultConfig()
	cfg.AnonymousRate, cfg.TokenRate = 0, 0
	cfg.AnonymousConcurrency, cfg.AnonymousWait = 1, 100*time.Millisecond
	h := server.New(b.db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithConfig(cfg), blocker)
	token := partnerToken(t, b, "admission")

	done := make(chan *httptest.ResponseRecorder)
	go func() {
		done <- send(h, hostileRequest{body: gqlBody(`{ territory(code: "42", kind: DEPARTMENT) { name } }`, nil)})
	}()
	<-entered
	lookup := hostileRequest{body: gqlBody(`{ establishment(finess: "420782559") { finess } }`, nil)}
	rec := send(h, lookup)
	expect(t, hostileRequest{status: 503, code: apperr.CodeOverloaded}, rec)
	if rec.Header().Get("Retry-After") == "" {
		t.Error("503 without Retry-After")
	}
	withToken := lookup
	withToken.headers = map[string]string{"Authorization": "Bearer " + token}
	expect(t, hostileRequest{status: 200, check: contains(`"420782559"`)}, send(h, withToken))
	close(release)
	expect(t, hostileRequest{status: 200, check: contains(`"Loire"`)}, <-done)
	expect(t, hostileRequest{status: 200, check: contains(`"420782559"`)}, send(h, lookup))
}

// TestErrorPathsNameEveryField: an error below fields the executor
// answers itself (graph/postgen: a connection's edges, an edge's node, a
// site's legal entity loaded with it) names its whole path, as the
// GraphQL specification asks.
func TestErrorPathsNameEveryField(t *testing.T) {
	failing := server.WithFieldMiddleware(func(ctx context.Context, next graphqlResolver) (any, error) {
		if fieldName(ctx) == "memberships" {
			return nil, errors.New("the memberships are out of reach")
		}
		return next(ctx)
	})
	h := server.New(backends[0].db, discard, prometheus.NewRegistry(), server.WithoutWarmUp(), server.WithoutRateLimits(), failing)
	tests := []struct {
		name, doc string
		path      []any
	}{
		{"a site", `{ establishment(finess: "420782559") { legalEntity { name memberships(first: 1) { role } } } }`,
			[]any{"establishment", "legalEntity", "memberships"}},
		{"a page of sites", `{ establishments(first: 2, where: {departmentCode: "42"}) { edges { node { finess legalEntity { name memberships(first: 1) { role } } } } } }`,
			[]any{"establishments", "edges", 0.0, "node", "legalEntity", "memberships"}},
		{"an aliased page", `{ page: establishments(first: 1, where: {departmentCode: "42"}) { edges { node { owner: legalEntity { name ties: memberships(first: 1) { role } } } } } }`,
			[]any{"page", "edges", 0.0, "node", "owner", "ties"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := send(h, hostileRequest{body: gqlBody(tt.doc, nil)})
			var answer struct {
				Errors []struct {
					Path []any `json:"path"`
				} `json:"errors"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil || len(answer.Errors) == 0 {
				t.Fatalf("no error in %s (%v)", rec.Body.String(), err)
			}
			if got := answer.Errors[0].Path; !reflect.DeepEqual(got, tt.path) {
				t.Errorf("error path %v, want %v", got, tt.path)
			}
		})
	}
}
