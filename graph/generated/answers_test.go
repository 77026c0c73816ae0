package generated

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// TestMarshalDataCopiesEachAnswer: each answer comes back whole, as
// gqlgen's own buffer had it, and stays so while the pooled buffer
// serves the next ones.
func TestMarshalDataCopiesEachAnswer(t *testing.T) {
	writer := func(s string) graphql.Marshaler {
		return graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, s) })
	}
	cases := []struct {
		name string
		data string
	}{
		{"an object", `{"establishment":{"finess":"420782559"}}`},
		{"a large page", `{"edges":[` + strings.Repeat(`{"node":{"finess":"010000024","name":"CH"}},`, 2000) + `{}]}`},
		{"null", `null`},
		{"over the pooled size", `"` + strings.Repeat("x", maxPooledAnswer+1) + `"`},
		{"small again", `{"a":1}`},
	}
	var earlier [][]byte
	for _, c := range cases {
		got := marshalData(writer(c.data))
		if string(got) != c.data {
			t.Errorf("%s: %d bytes, want %d", c.name, len(got), len(c.data))
		}
		earlier = append(earlier, got)
	}
	for i, c := range cases {
		if !bytes.Equal(earlier[i], []byte(c.data)) {
			t.Errorf("%s: changed by the answers after it", c.name)
		}
	}
	if got := marshalData(writer("")); got != nil {
		t.Errorf("nothing written: %q, want nil, as gqlgen's empty buffer gave", got)
	}
}
