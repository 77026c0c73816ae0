package server

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// postJSON answers GraphQL over POST as gqlgen's transport.POST does,
// except that it writes the executor's data as the executor wrote it:
// gqlgen encodes the response with encoding/json, which checks and
// compacts the data again byte by byte and escapes <, > and & (about 6%
// of the CPU a page of 100 sites costs), though the executor's output is
// compact JSON already. Bodies it cannot read or decode go to gqlgen's
// transport, which reports them.
type postJSON struct{ transport.POST }

func (t postJSON) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	start := graphql.Now()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		r.Body = io.NopCloser(failingReader{err})
		t.POST.Do(w, r, exec)
		return
	}
	var params graphql.RawParams
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&params); err != nil {
		r.Body = io.NopCloser(bytes.NewReader(body))
		t.POST.Do(w, r, exec)
		return
	}
	ctx := r.Context()
	contentType := responseContentType(r)
	w.Header().Set("Content-Type", contentType)
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	rc, opErr := exec.CreateOperationContext(ctx, &params)
	if opErr != nil {
		writeResponse(w, statusForOperationErrors(contentType, opErr), exec.DispatchError(graphql.WithOperationContext(ctx, rc), opErr))
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeResponse(w, http.StatusOK, responses(ctx))
}

// failingReader hands gqlgen's transport the error reading the body met.
type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

const (
	contentTypeJSON            = "application/json"
	contentTypeGraphQLResponse = "application/graphql-response+json"
)

// responseContentType is the media type of the answer, chosen from the
// request's Accept header as gqlgen's transport chooses it: the first
// of JSON or GraphQL-response JSON named, JSON for none or a wildcard.
func responseContentType(r *http.Request) string {
	accept := r.Header.Get("Accept")
	if accept == "" {
		return contentTypeJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mediaType {
		case "*/*", "application/*", contentTypeJSON:
			return contentTypeJSON
		case contentTypeGraphQLResponse:
			return contentTypeGraphQLResponse
		}
	}
	return contentTypeGraphQLResponse
}

// statusForOperationErrors is the status of a request refused before it
// runs, as the GraphQL-over-HTTP specification gives it for each media
// type: a protocol error is 400 in application/graphql-response+json and
// 422 in application/json; a refused document stays 200 in JSON.
func statusForOperationErrors(contentType string, errs gqlerror.List) int {
	if errcode.GetErrorKind(errs) != errcode.KindProtocol {
		return http.StatusOK
	}
	if contentType == contentTypeGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusUnprocessableEntity
}

// writeResponse writes resp as gqlgen's encoding of graphql.Response
// does, copying the data as is, in one write and with its length:
// net/http then sends an answer as two system calls at most (its 4 kB
// buffer, then the rest), where in chunks, or written in parts, it took
// one more. The incremental delivery members (label, path, hasNext) only
// come with @defer, which the API refuses; should one ever be set,
// encoding/json writes the whole response.
func writeResponse(w http.ResponseWriter, status int, resp *graphql.Response) {
	pooled := responseBodies.Get().(*[]byte)
	body := (*pooled)[:0]
	for _, part := range responseParts(resp) {
		body = append(body, part...)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	// Every writer on the way (net/http's, gzip's, the response cache's)
	// copies what it keeps before Write returns: the body can serve again.
	_, _ = w.Write(body)
	if cap(body) <= maxPooledBody {
		*pooled = body
		responseBodies.Put(pooled)
	}
}

// maxPooledBody bounds the buffers kept for the next answers: a rare
// huge answer's buffer goes back to the collector.
const maxPooledBody = 1 << 20

// responseBodies are the buffers answers are assembled in.
var responseBodies = sync.Pool{New: func() any { return new([]byte) }}

// responseParts is resp's JSON encoding in parts: a small head and
// tail around the data, which is used as the executor wrote it.
func responseParts(resp *graphql.Response) [][]byte {
	if resp.Label != "" || resp.Path != nil || resp.HasNext != nil {
		b, err := json.Marshal(resp)
		if err != nil {
			b = []byte(`{"errors":[{"message":"the response could not be written"}]}`)
		}
		return [][]byte{b}
	}
	head := []byte{'{'}
	if len(resp.Errors) > 0 {
		errs, err := json.Marshal(resp.Errors)
		if err != nil {
			errs = []byte(`[{"message":"the errors could not be written"}]`)
		}
		head = append(append(append(head, `"errors":`...), errs...), ',')
	}
	head = append(head, `"data":`...)
	data := []byte(resp.Data)
	if len(data) == 0 {
		data = []byte("null")
	}
	tail := []byte{}
	if len(resp.Extensions) > 0 {
		if ext, err := json.Marshal(resp.Extensions); err == nil {
			tail = append(append(tail, `,"extensions":`...), ext...)
		}
	}
	tail = append(tail, '}')
	return [][]byte{head, data, tail}
}
