package scalar

import (
	"encoding/base64"
	"fmt"
	"io"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vmihailenco/msgpack/v5"
)

// A Cursor is a position in a connection, as entgql writes it: a
// record's ID (and its ordering value) in MessagePack, in unpadded
// base64. MarshalCursor and UnmarshalCursor write and read the same text
// as entgql.Cursor's own methods, with msgpack's pooled encoder and
// decoder: entgql's make a new one for each cursor, a 4 kB read buffer
// included, and a page's cursor is read three times per request (the
// checks, the cost, the resolver).

// MarshalCursor writes a cursor.
func MarshalCursor(c entgql.Cursor[int]) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		packed, err := msgpack.Marshal(c)
		if err != nil {
			// Not reached: an int and an ent.Value from a column encode.
			panic(fmt.Sprintf("cursor: %v", err))
		}
		out := make([]byte, 0, 2+base64.RawStdEncoding.EncodedLen(len(packed)))
		out = append(out, '"')
		out = base64.RawStdEncoding.AppendEncode(out, packed)
		out = append(out, '"')
		_, _ = w.Write(out)
	})
}

// UnmarshalCursor reads a cursor this API gave.
func UnmarshalCursor(v any) (entgql.Cursor[int], error) {
	var c entgql.Cursor[int]
	s, ok := v.(string)
	if !ok {
		return c, fmt.Errorf("%T is not a string", v)
	}
	packed, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		return c, fmt.Errorf("cannot decode cursor: %w", err)
	}
	if err := msgpack.Unmarshal(packed, &c); err != nil {
		return c, fmt.Errorf("cannot decode cursor: %w", err)
	}
	return c, nil
}
