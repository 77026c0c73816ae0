// Package importer writes parsed register and cooperation files into the
// database: one transaction per file, so a file is loaded whole or not at
// all, and every record it writes names the file's Source. One file per
// step: territories.go, sites.go, legalentities.go, groupings.go (the
// groupings FINESS registers, and upsertGrouping), memberships.go,
// structures.go (FINESS+), ghtlist.go (DGOS list), cooperation.go; the
// report, the sources and the value comparisons have their own files.
package importer

import (
	"context"
	"fmt"
	"time"

	"github.com/maillage/maillage/ent"
)

// batchSize bounds the rows of one INSERT, below SQLite's and
// PostgreSQL's bind-parameter limits for the widest table.
const batchSize = 1000

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
