package generated

import (
	"bytes"
	"encoding/json"
	"sync"

	"github.com/99designs/gqlgen/graphql"
)

// maxPooledAnswer bounds the buffers kept for the next answers: a rare
// huge answer's buffer goes back to the collector.
const maxPooledAnswer = 1 << 20

// answerBuffers are buffers an operation's data is written into.
var answerBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// marshalData writes an operation's data through a pooled buffer and
// returns a copy of its exact length. gqlgen wrote it into a new
// bytes.Buffer, which grew from nothing by doubling: for a page of 100
// sites (13.6 kB) about 32 kB allocated per request, where this
// allocates the answer once.
func marshalData(data graphql.Marshaler) json.RawMessage {
	buf := answerBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	data.MarshalGQL(buf)
	var out json.RawMessage
	if buf.Len() > 0 {
		out = bytes.Clone(buf.Bytes())
	}
	if buf.Cap() <= maxPooledAnswer {
		answerBuffers.Put(buf)
	}
	return out
}
