package server_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/server"
)

// failingBody is a request body whose reading fails midway.
type failingBody struct{ read bool }

func (f *failingBody) Read(p []byte) (int, error) {
	if !f.read {
		f.read = true
		return copy(p, `{"query":`), nil
	}
	return 0, errors.New("connection reset by peer")
}

func (f *failingBody) Close() error { return nil }

// TestPOSTAnswersAsGqlgenDoes: the POST transport that copies the
// executor's data as is answers every kind of request with the status,
// media type and JSON value gqlgen's own transport gives.
func TestPOSTAnswersAsGqlgenDoes(t *testing.T) {
	db := backends[0].db
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	opts := []server.Option{server.WithoutRateLimits(), roomyTimeouts, server.WithoutWarmUp(), withoutResponseCache}
	ours := server.New(db, logger, prometheus.NewRegistry(), opts...)
	gqlgens := server.New(db, logger, prometheus.NewRegistry(), append(opts, server.WithGqlgenPOST())...)

	cases := []struct {
		name, accept string
		body         string
		failingBody  bool
		want         int // the status both must give
		wantPart     string
	}{
		{name: "a page of sites", body: gqlBody(`{ establishments(first: 3, where: {departmentCode: "42"}) { edges { node { finess name legalEntity { finess name } } } } }`, nil),
			want: 200, wantPart: `{"data":{"establishments":{"edges":[{"node":{"finess":"`},
		{name: "names with a character encoding/json escapes", body: gqlBody(`{ establishments(first: 2, where: {nameContains: " & "}) { edges { node { name } } } }`, nil), want: 200, wantPart: ` & `},
		{name: "data and errors", body: gqlBody(`{ establishments(first: 2, after: "garbage!") { totalCount } }`, nil), want: 200, wantPart: `{"errors":[{`},
		{name: "extensions", body: gqlBody(`{ legalEntity(finess: "420784878") { establishments(first: 2) { finess } } }`, nil),
			want: 200, wantPart: `,"extensions":{"truncated":[{"path":["legalEntity","establishments"]`},
		{name: "a parse error", body: gqlBody(`{ establishments(`, nil), want: 422},
		{name: "a parse error, GraphQL response media type", accept: "application/graphql-response+json", body: gqlBody(`{ establishments(`, nil), want: 400},
		{name: "an unknown field", body: gqlBody(`{ nothing }`, nil), want: 422},
		{name: "an unknown field, wildcard accepted", accept: "text/html, */*", body: gqlBody(`{ nothing }`, nil), want: 422},
		{name: "an unknown media type accepted", accept: "text/html", body: gqlBody(`{ nothing }`, nil), want: 400},
		{name: "a variable of the wrong type", body: gqlBody(`query($n: Int) { establishments(first: $n) { totalCount } }`, map[string]any{"n": "ten"}), want: 422},
		{name: "@defer refused", body: gqlBody(`{ establishments(first: 1) { ... @defer { totalCount } } }`, nil), want: 422},
		{name: "not JSON", body: `{"query": `, want: 400},
		{name: "an empty body", body: ``, want: 400},
		{name: "a body that cannot be read", failingBody: true, want: 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			do := func(h http.Handler) *httptest.ResponseRecorder {
				var body io.Reader = strings.NewReader(tc.body)
				if tc.failingBody {
					body = &failingBody{}
				}
				req := httptest.NewRequest(http.MethodPost, "/graphql", body)
				req.Header.Set("Content-Type", "application/json")
				if tc.accept != "" {
					req.Header.Set("Accept", tc.accept)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				return rec
			}
			got, want := do(ours), do(gqlgens)
			if got.Code != want.Code || got.Code != tc.want {
				t.Errorf("status %d, gqlgen's %d, want %d: %s", got.Code, want.Code, tc.want, got.Body)
			}
			if g, w := got.Header().Get("Content-Type"), want.Header().Get("Content-Type"); g != w {
				t.Errorf("Content-Type %q, gqlgen's %q", g, w)
			}
			var gotValue, wantValue any
			if err := json.Unmarshal(got.Body.Bytes(), &gotValue); err != nil {
				t.Fatalf("not JSON: %v: %s", err, got.Body)
			}
			if err := json.Unmarshal(want.Body.Bytes(), &wantValue); err != nil {
				t.Fatalf("gqlgen's is not JSON: %v: %s", err, want.Body)
			}
			if !reflect.DeepEqual(gotValue, wantValue) {
				t.Errorf("answer %s\ngqlgen's %s", got.Body, want.Body)
			}
			if !bytes.Contains(got.Body.Bytes(), []byte(tc.wantPart)) {
				t.Errorf("answer %s, want it to hold %s", got.Body, tc.wantPart)
			}
		})
	}
}

// TestAnswersCompressedWhenAccepted: an answer of 1 kB or more goes
// gzip-compressed to a client that accepts it, and decompresses to the
// very bytes sent to one that does not; a smaller answer, or a client
// that does not accept gzip, gets the bytes as they are.
func TestAnswersCompressedWhenAccepted(t *testing.T) {
	h := server.New(backends[0].db, slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry(),
		server.WithoutRateLimits(), roomyTimeouts, server.WithoutWarmUp(), withoutResponseCache)
	page := gqlBody(`{ establishments(first: 50, where: {departmentCode: "42"}) { edges { node { finess name legalEntity { finess name } } } } }`, nil)
	site := gqlBody(`{ establishment(finess: "420782559") { finess name } }`, nil)
	cases := []struct {
		name, body, acceptEncoding string
		wantGzip                   bool
	}{
		{name: "a page, gzip accepted", body: page, acceptEncoding: "gzip, deflate, br", wantGzip: true},
		{name: "a page, gzip refused", body: page, acceptEncoding: "gzip;q=0, identity"},
		{name: "a page, no Accept-Encoding", body: page},
		{name: "one site (under 1 kB), gzip accepted", body: site, acceptEncoding: "gzip"},
	}
	post := func(body, acceptEncoding string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if acceptEncoding != "" {
			req.Header.Set("Accept-Encoding", acceptEncoding)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			plain := post(tc.body, "")
			got := post(tc.body, tc.acceptEncoding)
			if got.Code != http.StatusOK || plain.Code != http.StatusOK {
				t.Fatalf("status %d and %d: %s", got.Code, plain.Code, got.Body)
			}
			body := got.Body.Bytes()
			if encoding := got.Header().Get("Content-Encoding"); (encoding == "gzip") != tc.wantGzip {
				t.Fatalf("Content-Encoding %q, want gzip: %v (%d bytes uncompressed)", encoding, tc.wantGzip, plain.Body.Len())
			}
			if tc.wantGzip {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
				if got.Body.Len() >= len(body)/2 {
					t.Errorf("compressed to %d bytes from %d", got.Body.Len(), len(body))
				}
			}
			if !bytes.Equal(body, plain.Body.Bytes()) {
				t.Errorf("answer %s\nwithout compression %s", body, plain.Body)
			}
			if !bytes.HasPrefix(body, []byte(`{"data":{"establishment`)) {
				t.Errorf("answer %s", body)
			}
		})
	}
}

// TestAnswersCarryTheirLength: GraphQL answers, computed or from the
// response cache, small or over net/http's 2 kB chunking threshold,
// carry their length and are not sent in chunks (the last chunk costs a
// system call of its own per answer).
func TestAnswersCarryTheirLength(t *testing.T) {
	page := gqlBody(`{ establishments(first: 50, where: {departmentCode: "42"}) { edges { node { finess name legalEntity { finess name } } } } }`, nil)
	cases := []struct {
		name, body string
		cached     bool
		wantStatus int
	}{
		{name: "a page over 2 kB", body: page, wantStatus: http.StatusOK},
		{name: "the same page from the response cache", body: page, cached: true, wantStatus: http.StatusOK},
		{name: "one site", body: gqlBody(`{ establishment(finess: "420782559") { finess name } }`, nil), wantStatus: http.StatusOK},
		{name: "data and errors", body: gqlBody(`{ establishments(first: 2, after: "garbage!") { totalCount } }`, nil), wantStatus: http.StatusOK},
		{name: "a refused document", body: gqlBody(`{ nothing }`, nil), wantStatus: http.StatusUnprocessableEntity},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := []server.Option{server.WithoutRateLimits(), roomyTimeouts, server.WithoutWarmUp()}
			if !tc.cached {
				opts = append(opts, withoutResponseCache)
			}
			srv := httptest.NewServer(server.New(backends[0].db, slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry(), opts...))
			defer srv.Close()
			post := func() (*http.Response, []byte) {
				req, err := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(tc.body))
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Accept-Encoding", "identity")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				body, err := io.ReadAll(resp.Body)
				if err != nil {
					t.Fatal(err)
				}
				return resp, body
			}
			resp, body := post()
			if tc.cached {
				resp, body = post()
				if got := resp.Header.Get("X-Cache"); got != "hit" {
					t.Fatalf("X-Cache %q, want the second answer from the cache", got)
				}
			}
			if resp.StatusCode != tc.wantStatus {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.wantStatus, body)
			}
			if resp.ContentLength != int64(len(body)) || len(resp.TransferEncoding) != 0 {
				t.Errorf("Content-Length %d, Transfer-Encoding %v, for an answer of %d bytes", resp.ContentLength, resp.TransferEncoding, len(body))
			}
			if !json.Valid(body) {
				t.Errorf("not JSON: %s", body)
			}
		})
	}
}

// TestConcurrentAnswersStayTheirOwn: answers assembled in pooled buffers
// at the same time, compressed or not, each hold their own request's
// data, as the same request answered alone does.
func TestConcurrentAnswersStayTheirOwn(t *testing.T) {
	srv := httptest.NewServer(server.New(backends[0].db, slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry(),
		server.WithoutRateLimits(), roomyTimeouts, server.WithoutWarmUp(), withoutResponseCache))
	defer srv.Close()
	post := func(body string, gzipped bool) ([]byte, error) {
		req, err := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		if gzipped {
			req.Header.Set("Accept-Encoding", "gzip")
		} else {
			req.Header.Set("Accept-Encoding", "identity")
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		var r io.Reader = resp.Body
		if resp.Header.Get("Content-Encoding") == "gzip" {
			if r, err = gzip.NewReader(resp.Body); err != nil {
				return nil, err
			}
		}
		return io.ReadAll(r)
	}
	bodies := []string{
		gqlBody(`{ establishments(first: 40, where: {departmentCode: "42"}) { edges { node { finess name legalEntity { finess name } } } } }`, nil),
		gqlBody(`{ establishments(first: 25, where: {departmentCode: "42"}) { edges { node { finess } } } }`, nil),
		gqlBody(`{ establishment(finess: "420782559") { finess name } }`, nil),
		gqlBody(`{ nothing }`, nil),
	}
	alone := make([][]byte, len(bodies))
	for i, b := range bodies {
		var err error
		if alone[i], err = post(b, false); err != nil {
			t.Fatal(err)
		}
	}
	const workers, rounds = 8, 25
	errs := make(chan error, workers)
	for w := range workers {
		go func() {
			for r := range rounds {
				i := (w + r) % len(bodies)
				got, err := post(bodies[i], (w+r)%2 == 0)
				if err == nil && !bytes.Equal(got, alone[i]) {
					err = fmt.Errorf("request %d answered %.80s…, alone %.80s…", i, got, alone[i])
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
