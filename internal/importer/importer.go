// Package importer writes parsed register and cooperation files into the
// database: one transaction per file, so a file is loaded whole or not at
// all, and every record it writes names the file's Source.
package importer

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/source"
)

// batchSize bounds the rows of one INSERT, below SQLite's and
// PostgreSQL's bind-parameter limits for the widest table.
const batchSize = 1000

// SourceInfo describes the file being imported.
type SourceInfo struct {
	Key         string
	Kind        source.Kind
	Title       string
	Reference   string
	URL         string
	Publisher   string
	PublishedOn *time.Time
	Author      string
	Note        string
}

// Report says what an import did.
type Report struct {
	Source   string
	Added    map[string]int // by record type
	Existing map[string]int // records already present, left as they were
	Warnings []string
	Duration time.Duration
}

func newReport(src string) *Report {
	return &Report{Source: src, Added: map[string]int{}, Existing: map[string]int{}}
}

func (r *Report) warnf(format string, args ...any) {
	r.Warnings = append(r.Warnings, fmt.Sprintf(format, args...))
}

// String summarises the report on one line per record type.
func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s):", r.Source, r.Duration.Round(time.Millisecond))
	types := make([]string, 0, len(r.Added)+len(r.Existing))
	seen := map[string]bool{}
	for t := range r.Added {
		types, seen[t] = append(types, t), true
	}
	for t := range r.Existing {
		if !seen[t] {
			types = append(types, t)
		}
	}
	sort.Strings(types)
	for _, t := range types {
		fmt.Fprintf(&b, " %s +%d (=%d)", t, r.Added[t], r.Existing[t])
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(&b, "; %d warnings", len(r.Warnings))
	}
	return b.String()
}

// Importer writes into one database.
type Importer struct {
	client *ent.Client
}

// New returns an importer writing through client.
func New(client *ent.Client) *Importer { return &Importer{client: client} }

// inTx runs fn in a transaction, rolled back on any error or panic. When
// src is given, it is recorded first and fn gets its ID.
func (im *Importer) inTx(ctx context.Context, name string, src *SourceInfo, fn func(tx *ent.Tx, sourceID int, rep *Report) error) (*Report, error) {
	start := time.Now()
	rep := newReport(name)
	tx, err := im.client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer func() {
		if v := recover(); v != nil {
			_ = tx.Rollback()
			panic(v)
		}
	}()
	var sourceID int
	if src != nil {
		sourceID, err = upsertSource(ctx, tx.Client(), *src)
	}
	if err == nil {
		err = fn(tx, sourceID, rep)
	}
	if err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			err = fmt.Errorf("%w (rollback: %v)", err, rerr)
		}
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	rep.Duration = time.Since(start)
	return rep, nil
}

// upsertSource finds the source by key or records it.
func upsertSource(ctx context.Context, c *ent.Client, src SourceInfo) (int, error) {
	existing, err := c.Source.Query().Where(source.Key(src.Key)).Only(ctx)
	switch {
	case err == nil:
		return existing.ID, nil
	case !ent.IsNotFound(err):
		return 0, err
	}
	created, err := c.Source.Create().
		SetKey(src.Key).
		SetKind(src.Kind).
		SetTitle(src.Title).
		SetReference(src.Reference).
		SetURL(src.URL).
		SetPublisher(src.Publisher).
		SetNillablePublishedOn(src.PublishedOn).
		SetAuthor(src.Author).
		SetRecordedAt(time.Now().UTC()).
		SetNote(src.Note).
		Save(ctx)
	if err != nil {
		return 0, fmt.Errorf("record source %s: %w", src.Key, err)
	}
	return created.ID, nil
}

// createInBatches saves builders batch by batch and returns the created
// records in order.
func createInBatches[B any, T any](ctx context.Context, builders []B, save func(context.Context, []B) ([]T, error)) ([]T, error) {
	out := make([]T, 0, len(builders))
	for start := 0; start < len(builders); start += batchSize {
		end := min(start+batchSize, len(builders))
		created, err := save(ctx, builders[start:end])
		if err != nil {
			return nil, err
		}
		out = append(out, created...)
	}
	return out, nil
}
