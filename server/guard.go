package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"time"
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/maillage/maillage/internal/apperr"
)

// guard refuses, before any GraphQL parsing, the requests no client
// needs: POST bodies that are not application/json (a form or
// text/plain post is what a cross-site page can send without a CORS
// preflight), JSON arrays (batches), JSON nested deeper than maxDepth
// (encoding/json would recurse ten thousand levels before refusing),
// bodies that are not UTF-8, and methods other than GET, POST and
// OPTIONS. Requests without a token go through adm once their body is
// read.
func guard(maxDepth int, adm *admission, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodOptions:
		case http.MethodGet:
			release, ok := adm.enter(w, r)
			if !ok {
				return
			}
			defer release()
			q := r.URL.Query()
			for _, param := range []string{"query", "operationName", "variables", "extensions"} {
				if v := q.Get(param); !utf8.ValidString(v) {
					writeError(w, r, http.StatusBadRequest, apperr.CodeBadInput, param+": not valid UTF-8")
					return
				}
			}
			if kind := getOperationKind(q.Get("query"), q.Get("operationName")); kind != "" && kind != ast.Query {
				writeError(w, r, http.StatusMethodNotAllowed, apperr.CodeMethodNotAllowed, string(kind)+"s are only accepted over POST")
				return
			}
			for _, param := range []string{"variables", "extensions"} {
				if v := q.Get(param); v != "" {
					msg := checkJSON([]byte(v), maxDepth)
					if msg == "" && !json.Valid([]byte(v)) {
						msg = "invalid JSON"
					}
					if msg != "" {
						writeError(w, r, http.StatusBadRequest, apperr.CodeBadRequest, param+": "+msg)
						return
					}
				}
			}
		case http.MethodPost:
			mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mediaType != "application/json" {
				writeError(w, r, http.StatusUnsupportedMediaType, apperr.CodeUnsupportedMediaType, "POST bodies must be application/json")
				return
			}
			body, err := readAll(r)
			if err != nil {
				readError(w, r, err)
				return
			}
			// The body is read (a slow client holds no slot); the rest
			// costs CPU.
			release, ok := adm.enter(w, r)
			if !ok {
				return
			}
			defer release()
			trimmed := bytes.TrimLeft(body, " \t\r\n")
			switch {
			case len(trimmed) > 0 && trimmed[0] == '[':
				writeError(w, r, http.StatusBadRequest, apperr.CodeBatchNotSupported, "batched operations are not supported: send one operation per request")
				return
			case len(trimmed) == 0 || trimmed[0] != '{':
				writeError(w, r, http.StatusBadRequest, apperr.CodeBadRequest, "the body must be a JSON object with a query")
				return
			case !utf8.Valid(body):
				writeError(w, r, http.StatusBadRequest, apperr.CodeBadInput, "the body is not valid UTF-8")
				return
			}
			if msg := checkJSON(body, maxDepth); msg != "" {
				writeError(w, r, http.StatusBadRequest, apperr.CodeBadRequest, msg)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		default:
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			writeError(w, r, http.StatusMethodNotAllowed, apperr.CodeMethodNotAllowed, r.Method+" is not supported: use GET or POST")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// getOperationKind parses a GET query, without validating it, to tell
// the kind of the operation it would run: a mutation must not be one
// click (or one image tag) away. "" when it does not parse.
func getOperationKind(query, name string) ast.Operation {
	if query == "" {
		return ""
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, DefaultLimits.MaxTokens)
	if err != nil {
		return ""
	}
	for _, op := range doc.Operations {
		if op.Name == name || len(doc.Operations) == 1 {
			return op.Operation
		}
	}
	return ""
}

// readAll reads r's body into a buffer of the announced size.
func readAll(r *http.Request) ([]byte, error) {
	if r.ContentLength <= 0 {
		return io.ReadAll(r.Body)
	}
	buf := bytes.NewBuffer(make([]byte, 0, r.ContentLength+1))
	_, err := buf.ReadFrom(r.Body)
	return buf.Bytes(), err
}

// readError answers a body that could not be read: too large, or sent
// too slowly.
func readError(w http.ResponseWriter, r *http.Request, err error) {
	var tooLarge *http.MaxBytesError
	var netErr net.Error
	switch {
	case errors.As(err, &tooLarge):
		writeError(w, r, http.StatusRequestEntityTooLarge, apperr.CodeBadRequest, fmt.Sprintf("request body larger than %d bytes", tooLarge.Limit))
	case errors.As(err, &netErr) && netErr.Timeout(), errors.Is(err, os.ErrDeadlineExceeded):
		writeError(w, r, http.StatusRequestTimeout, apperr.CodeRequestTimeout, "request body sent too slowly")
	case errors.Is(err, io.ErrUnexpectedEOF):
		writeError(w, r, http.StatusBadRequest, apperr.CodeBadRequest, "incomplete request body")
	default:
		writeError(w, r, http.StatusBadRequest, apperr.CodeBadRequest, "unreadable request body")
	}
}

// checkJSON returns why data is not acceptable JSON: nested deeper than
// maxDepth. It scans once, without recursion, before anything decodes
// it.
func checkJSON(data []byte, maxDepth int) string {
	depth, inString, escaped := 0, false, false
	for _, c := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > maxDepth {
				return fmt.Sprintf("JSON nested deeper than %d levels", maxDepth)
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return "" // the decoder that follows refuses invalid JSON
}

// limitBody refuses a body larger than limit with 413 and reads at most
// limit bytes of one whose size is not announced.
func limitBody(limit int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > limit {
			writeError(w, r, http.StatusRequestEntityTooLarge, apperr.CodeBadRequest, fmt.Sprintf("request body larger than %d bytes", limit))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// withTimeout bounds each request's context: the database statements
// it runs are cancelled with it, as they are when the client leaves.
func withTimeout(d time.Duration, next http.Handler) http.Handler {
	if d <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
