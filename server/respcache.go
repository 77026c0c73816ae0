package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/respcache"
	"github.com/maillage/maillage/internal/store"
)

// cacheHeader tells a client whether the answer came from the response
// cache ("hit") or was computed ("miss").
const cacheHeader = "X-Cache"

// withResponseCache answers a read of open data (anonymous and partner
// callers see the same) that was asked before, on the same data and the
// same day, from cache; version names the data, and any commit changes
// it. Mutations, other callers' requests and answers with errors are
// never kept. Dates default to today, hence the day in the key.
func withResponseCache(cache *respcache.Cache, version func(context.Context) (string, error), hits *prometheus.CounterVec, next http.Handler) http.Handler {
	if cache == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		role := access.FromContext(r.Context()).Role
		if role != access.RoleAnonymous && role != access.RolePartner || r.Method != http.MethodGet && r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		v, err := version(r.Context())
		if err != nil {
			next.ServeHTTP(w, r) // the query reports the database's state
			return
		}
		key, ok := cacheKey(r)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		if a, found := cache.Get(v, key); found {
			hits.WithLabelValues("hit").Inc()
			stateOf(r.Context()).markCached()
			w.Header().Set("Content-Type", a.ContentType)
			w.Header().Set(cacheHeader, "hit")
			w.Header().Set("Content-Length", strconv.Itoa(len(a.Body))) // sent whole, not in chunks
			_, _ = w.Write(a.Body)
			return
		}
		hits.WithLabelValues("miss").Inc()
		w.Header().Set(cacheHeader, "miss")
		rec := &recordingWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		st := stateOf(r.Context())
		if rec.status == http.StatusOK && st.cacheable() && !bytes.HasPrefix(rec.body.Bytes(), []byte(`{"errors"`)) {
			// A copy of the answer's size: the cache counts what it keeps, spare capacity included.
			cache.Put(v, key, respcache.Answer{Body: bytes.Clone(rec.body.Bytes()), ContentType: w.Header().Get("Content-Type")})
		}
	})
}

// cacheKey names a request by what decides its answer: the method, the
// GET parameters or the POST body (query, variables, operation name),
// and today's date. The body was read and checked by guard.
func cacheKey(r *http.Request) (string, bool) {
	h := sha256.New()
	io.WriteString(h, r.Method+"\n"+time.Now().Format(time.DateOnly)+"\n")
	switch r.Method {
	case http.MethodGet:
		io.WriteString(h, r.URL.RawQuery)
	case http.MethodPost:
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return "", false
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		h.Write(body)
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// recordingWriter passes a response through and keeps a copy.
type recordingWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (w *recordingWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *recordingWriter) Write(b []byte) (int, error) {
	w.body.Write(b)
	return w.ResponseWriter.Write(b)
}

func (w *recordingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// dataVersion names the database's data as the response cache keys it:
// it changes with every commit to the registers or cooperation tables.
func dataVersion(db *store.DB) func(context.Context) (string, error) {
	return func(ctx context.Context) (string, error) {
		v, err := db.Version(ctx)
		if err != nil {
			return "", err
		}
		return v.Registers + "/" + v.Cooperation, nil
	}
}
