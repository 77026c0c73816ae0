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
	Source    string
	Added     map[string]int // by record type
	Updated   map[string]int // records whose values changed
	Closed    map[string]int // records absent from a newer file: given an end date, never deleted
	Unchanged map[string]int // records already as the file says
	Warnings  []string
	Duration  time.Duration
}

func newReport(src string) *Report {
	return &Report{Source: src, Added: map[string]int{}, Updated: map[string]int{}, Closed: map[string]int{}, Unchanged: map[string]int{}}
}

func (r *Report) warnf(format string, args ...any) {
	r.Warnings = append(r.Warnings, fmt.Sprintf(format, args...))
}

// Changes counts the records the import added, updated or closed.
func (r *Report) Changes() int {
	n := 0
	for _, m := range []map[string]int{r.Added, r.Updated, r.Closed} {
		for _, v := range m {
			n += v
		}
	}
	return n
}

// String summarises the report, one clause per record type:
// "establishment +12 ~3 -1 =95317" (added, updated, closed, unchanged).
func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s):", r.Source, r.Duration.Round(time.Millisecond))
	seen := map[string]bool{}
	var types []string
	for _, m := range []map[string]int{r.Added, r.Updated, r.Closed, r.Unchanged} {
		for t := range m {
			if !seen[t] {
				seen[t] = true
				types = append(types, t)
			}
		}
	}
	sort.Strings(types)
	for _, t := range types {
		fmt.Fprintf(&b, " %s +%d ~%d -%d =%d", t, r.Added[t], r.Updated[t], r.Closed[t], r.Unchanged[t])
	}
	if r.Changes() == 0 {
		b.WriteString("; nothing changed")
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(&b, "; %d warnings", len(r.Warnings))
	}
	return b.String()
}

// Progress is told how far a long import step has gone; nil is silent.
type Progress func(step string, done, total int)

// Importer writes into one database.
type Importer struct {
	client   *ent.Client
	progress Progress
}

// New returns an importer writing through client.
func New(client *ent.Client) *Importer { return &Importer{client: client} }

// WithProgress returns the importer reporting its progress to p.
func (im *Importer) WithProgress(p Progress) *Importer {
	return &Importer{client: im.client, progress: p}
}

func (im *Importer) tell(step string, done, total int) {
	if im.progress != nil {
		im.progress(step, done, total)
	}
}

// inTx runs fn in one transaction, rolled back on any error or panic:
// readers see the database before the import or after it, never half
// of it. When src is given, it is recorded first (or found, when the
// same file was imported before) and fn gets its ID; a newly recorded
// source keeps the import's report.
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
	var (
		sourceID  int
		newSource bool
	)
	if src != nil {
		sourceID, newSource, err = upsertSource(ctx, tx.Client(), *src)
	}
	if err == nil {
		err = fn(tx, sourceID, rep)
	}
	rep.Duration = time.Since(start)
	if err == nil && newSource {
		err = tx.Source.UpdateOneID(sourceID).SetReport(rep.Detail()).Exec(ctx)
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
	return rep, nil
}

// Detail is the summary followed by every warning, one per line.
func (r *Report) Detail() string {
	var b strings.Builder
	b.WriteString(r.String())
	for _, w := range r.Warnings {
		b.WriteString("\n")
		b.WriteString(w)
	}
	return b.String()
}

// upsertSource finds the source by key or records it, and says which.
func upsertSource(ctx context.Context, c *ent.Client, src SourceInfo) (id int, created bool, err error) {
	existing, err := c.Source.Query().Where(source.Key(src.Key)).Only(ctx)
	switch {
	case err == nil:
		return existing.ID, false, nil
	case !ent.IsNotFound(err):
		return 0, false, err
	}
	recorded, err := c.Source.Create().
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
		return 0, false, fmt.Errorf("record source %s: %w", src.Key, err)
	}
	return recorded.ID, true, nil
}

// createInBatches builds and saves n records batch by batch, so that
// only one batch of builders and records is held at a time; keep is
// given each saved record with its index. It returns how many it saved.
func createInBatches[B any, T any](ctx context.Context, n int, build func(i int) B, save func(context.Context, []B) ([]T, error), keep func(i int, record T)) (int, error) {
	batch := make([]B, 0, batchSize)
	for start := 0; start < n; start += batchSize {
		end := min(start+batchSize, n)
		batch = batch[:0]
		for i := start; i < end; i++ {
			batch = append(batch, build(i))
		}
		saved, err := save(ctx, batch)
		if err != nil {
			return 0, err
		}
		if keep != nil {
			for k, r := range saved {
				keep(start+k, r)
			}
		}
	}
	return n, nil
}
