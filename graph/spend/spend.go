// Package spend counts what one GraphQL request resolves, fields and an
// estimate of the bytes they write, against that request's own budget.
//
// The server's budget puts a Meter in the request's context; every field
// is charged to it: resolvers through the budget's field interceptor,
// and the fields the executor answers itself, reading a loaded record's
// struct field (graph/postgen rewrites them so), by Charge.
package spend

import (
	"context"
	"encoding/json"
	"sync/atomic"
)

// Meter is one request's count. Fields resolve concurrently: its
// counters are atomic.
type Meter struct {
	maxFields, maxBytes int64
	fields, bytes       atomic.Int64
	over                atomic.Bool
}

// New returns a meter that is over once more than maxFields fields or
// maxBytes bytes are charged; a limit of 0 is no limit.
func New(maxFields, maxBytes int64) *Meter {
	return &Meter{maxFields: maxFields, maxBytes: maxBytes}
}

type key struct{}

// With returns ctx carrying m.
func With(ctx context.Context, m *Meter) context.Context {
	return context.WithValue(ctx, key{}, m)
}

// From returns the meter of ctx, nil when the request has none.
func From(ctx context.Context) *Meter {
	m, _ := ctx.Value(key{}).(*Meter)
	return m
}

// Charge charges one field that resolved to v to the meter of ctx, if
// any, and reports whether the request is still within its budget.
func Charge(ctx context.Context, v any) bool {
	m := From(ctx)
	if m == nil {
		return true
	}
	if m.Over() {
		return false
	}
	return m.Add(v)
}

// Add charges one field that resolved to v and reports whether the
// request is still within its budget.
func (m *Meter) Add(v any) bool {
	fields := m.fields.Add(1)
	bytes := m.bytes.Add(SizeOf(v))
	if (m.maxFields > 0 && fields > m.maxFields) || (m.maxBytes > 0 && bytes > m.maxBytes) {
		m.over.Store(true)
		return false
	}
	return true
}

// Over reports whether the request went past its budget.
func (m *Meter) Over() bool { return m.over.Load() }

// Fields is the number of fields charged so far.
func (m *Meter) Fields() int64 { return m.fields.Load() }

// SizeOf estimates the bytes a resolved value writes in the answer:
// strings by their length, JSON values by their encoding, the rest by a
// number's width (objects count through their own fields).
func SizeOf(v any) int64 {
	switch v := v.(type) {
	case nil:
		return 4
	case string:
		return int64(len(v)) + 2
	case *string:
		if v == nil {
			return 4
		}
		return int64(len(*v)) + 2
	case []string:
		n := int64(2)
		for _, s := range v {
			n += int64(len(s)) + 3
		}
		return n
	case map[string]any:
		b, _ := json.Marshal(v)
		return int64(len(b))
	}
	return 8
}
