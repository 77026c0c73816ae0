package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
)

// textArgs sends []byte arguments as text. With lib/pq's
// binary_parameters (one round trip per statement, and what a pooler in
// transaction mode needs), []byte values go in binary format, which a
// jsonb column refuses ("unsupported jsonb version number"): ent passes
// its JSON fields (audit events, convention domains) as []byte.
type textArgs struct{ *entsql.Driver }

func (d textArgs) Exec(ctx context.Context, query string, args, v any) error {
	return d.Driver.Exec(ctx, query, asText(args), v)
}

func (d textArgs) Query(ctx context.Context, query string, args, v any) error {
	return d.Driver.Query(ctx, query, asText(args), v)
}

func (d textArgs) Tx(ctx context.Context) (dialect.Tx, error) { return d.BeginTx(ctx, nil) }

// BeginTx keeps ent's Client.BeginTx working through the wrapper.
func (d textArgs) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	tx, err := d.Driver.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return textArgsTx{tx}, nil
}

type textArgsTx struct{ dialect.Tx }

func (t textArgsTx) Exec(ctx context.Context, query string, args, v any) error {
	return t.Tx.Exec(ctx, query, asText(args), v)
}

func (t textArgsTx) Query(ctx context.Context, query string, args, v any) error {
	return t.Tx.Query(ctx, query, asText(args), v)
}

// asText copies args with every []byte turned into a string.
func asText(args any) any {
	list, ok := args.([]any)
	if !ok {
		return args
	}
	var out []any
	for i, a := range list {
		var text string
		switch b := a.(type) {
		case []byte:
			if b == nil {
				continue // NULL
			}
			text = string(b)
		case json.RawMessage: // ent's JSON fields
			if b == nil {
				continue
			}
			text = string(b)
		default:
			continue
		}
		if out == nil {
			out = append([]any(nil), list...)
		}
		out[i] = text
	}
	if out == nil {
		return args
	}
	return out
}
