package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"sync"

	"github.com/maillage/maillage/internal/roundtrip"
)

// requestState is what one request's layers tell each other: the
// GraphQL layer names the operation and its cost and may ask for an
// HTTP status; every layer records the error codes it answered.
type requestState struct {
	id     string
	method string

	mu         sync.Mutex
	operation  string
	hasOp      bool // the document was parsed and its operation found
	query      bool // the operation is a query
	cached     bool // answered from the response cache
	complexity int
	codes      []string
	status     int // replaces a 200 when set
}

type stateKey struct{}

// stateOf returns ctx's request state, or a throwaway one.
func stateOf(ctx context.Context) *requestState {
	if st, ok := ctx.Value(stateKey{}).(*requestState); ok {
		return st
	}
	return &requestState{}
}

// RequestID returns the ID of the request ctx belongs to, or "".
func RequestID(ctx context.Context) string {
	if st, ok := ctx.Value(stateKey{}).(*requestState); ok {
		return st.id
	}
	return ""
}

func (s *requestState) addCode(code string) {
	s.mu.Lock()
	s.codes = append(s.codes, code)
	s.mu.Unlock()
}

// setStatus asks for status instead of a 200; the highest asked wins.
func (s *requestState) setStatus(status int) {
	s.mu.Lock()
	if status > s.status {
		s.status = status
	}
	s.mu.Unlock()
}

func (s *requestState) setOperation(name string, complexity int) {
	s.mu.Lock()
	s.operation, s.complexity, s.hasOp = name, complexity, true
	s.mu.Unlock()
}

func (s *requestState) markCached() {
	s.mu.Lock()
	s.cached = true
	s.mu.Unlock()
}

func (s *requestState) fromCache() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cached
}

func (s *requestState) markQuery() {
	s.mu.Lock()
	s.query = true
	s.mu.Unlock()
}

// cacheable reports whether the request was a query answered without
// an error code or a status of its own.
func (s *requestState) cacheable() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hasOp && s.query && len(s.codes) == 0 && s.status == 0
}

func (s *requestState) parsed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hasOp
}

func (s *requestState) snapshot() (operation string, complexity int, codes []string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.operation, s.complexity, append([]string(nil), s.codes...), s.status
}

// stateWriter applies the status the GraphQL layer asked for (503 when
// the database is down, say) to a response gqlgen would send as 200.
type stateWriter struct {
	http.ResponseWriter
	st          *requestState
	wroteHeader bool
}

func (w *stateWriter) WriteHeader(code int) {
	if w.wroteHeader {
		return
	}
	w.wroteHeader = true
	if _, _, _, s := w.st.snapshot(); s != 0 && code == http.StatusOK {
		code = s
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *stateWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

func (w *stateWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// withStatus lets the GraphQL layer choose the response's status.
func withStatus(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&stateWriter{ResponseWriter: w, st: stateOf(r.Context())}, r)
	})
}

// writeError answers a request refused outside GraphQL, in the GraphQL
// error shape, and records its code.
func writeError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	stateOf(r.Context()).addCode(code)
	body, _ := json.Marshal(map[string]any{"errors": []any{map[string]any{
		"message":    message,
		"extensions": map[string]any{"code": code},
	}}})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// requestIDHeader carries a request's ID, in and out.
const requestIDHeader = "X-Request-ID"

// newRequestID returns a random ID.
func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// saneRequestID accepts a client's or proxy's ID that is short and
// made of characters safe in logs and headers.
func saneRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range []byte(id) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.', c == ':':
		default:
			return false
		}
	}
	return true
}

// withRequestState gives each request its state and ID (the client's
// X-Request-ID when sane, else a new one), echoed in the response, and
// the counter of the statements it sends (internal/roundtrip).
func withRequestState(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(requestIDHeader)
		if !saneRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set(requestIDHeader, id)
		st := &requestState{id: id, method: r.Method}
		ctx := roundtrip.With(context.WithValue(r.Context(), stateKey{}, st), new(roundtrip.Counter))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// requestIDHandler adds the request's ID to every record logged with
// its context.
type requestIDHandler struct{ slog.Handler }

// WithRequestIDs returns a logger whose records, when logged with a
// request's context, carry request_id.
func WithRequestIDs(logger *slog.Logger) *slog.Logger {
	if _, ok := logger.Handler().(requestIDHandler); ok {
		return logger
	}
	return slog.New(requestIDHandler{logger.Handler()})
}

func (h requestIDHandler) Handle(ctx context.Context, rec slog.Record) error {
	if id := RequestID(ctx); id != "" {
		rec.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, rec)
}

func (h requestIDHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return requestIDHandler{h.Handler.WithAttrs(attrs)}
}

func (h requestIDHandler) WithGroup(name string) slog.Handler {
	return requestIDHandler{h.Handler.WithGroup(name)}
}
