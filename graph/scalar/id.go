package scalar

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"github.com/maillage/maillage/internal/apperr"
)

// MarshalID writes a global ID. IDs are unique across all types (each
// type owns a range), so node(id) needs nothing else to find a record.
func MarshalID(id int) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(strconv.Itoa(id)))
	})
}

// UnmarshalID reads a global ID, rejecting anything the API never issued
// with a BAD_USER_INPUT error.
func UnmarshalID(v any) (int, error) {
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case json.Number:
		s = string(v)
	case int:
		return v, nil
	case int64:
		return int(v), nil
	default:
		return 0, apperr.BadInput("id", fmt.Errorf("malformed ID: want a string, got %T", v))
	}
	id, err := strconv.Atoi(s)
	if err != nil || id <= 0 {
		return 0, apperr.BadInput("id", fmt.Errorf("malformed ID %q: use an ID returned by the API", s))
	}
	return id, nil
}
