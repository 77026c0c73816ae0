package scalar

import (
	"bytes"
	"reflect"
	"testing"

	"entgo.io/contrib/entgql"
)

// TestCursorsAsEntgqlWritesThem: the cursors written are entgql's, byte
// for byte, and a cursor entgql wrote reads back as entgql reads it;
// what entgql refuses is refused.
func TestCursorsAsEntgqlWritesThem(t *testing.T) {
	cursors := []entgql.Cursor[int]{
		{ID: 1},
		{ID: 0},
		{ID: 4_294_967_296 + 17},
		{ID: 64_424_509_445, Value: "Centre hospitalier d'Annecy"},
		{ID: 12, Value: int64(-3)},
		{ID: 12, Value: 2.5},
		{ID: 12, Value: "2024-01-01T00:00:00Z"},
	}
	for _, c := range cursors {
		var ours, theirs bytes.Buffer
		MarshalCursor(c).MarshalGQL(&ours)
		c.MarshalGQL(&theirs)
		if ours.String() != theirs.String() {
			t.Errorf("cursor %+v: written %s, entgql writes %s", c, ours.String(), theirs.String())
			continue
		}
		text := theirs.String()[1 : theirs.Len()-1]
		got, err := UnmarshalCursor(text)
		var want entgql.Cursor[int]
		if werr := want.UnmarshalGQL(text); werr != nil || err != nil {
			t.Errorf("cursor %s: read: %v, entgql: %v", text, err, werr)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("cursor %s: read %+v, entgql reads %+v", text, got, want)
		}
	}
	for _, bad := range []any{"", "!!!!", "AAAA", "gqNmb28", 42, nil} {
		var c entgql.Cursor[int]
		if c.UnmarshalGQL(bad) == nil {
			t.Fatalf("entgql reads %v: the case is wrong", bad)
		}
		if _, err := UnmarshalCursor(bad); err == nil {
			t.Errorf("UnmarshalCursor(%v): no error", bad)
		}
	}
}
