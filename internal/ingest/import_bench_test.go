package ingest

import (
	"context"
	"os"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/memstat"
	"github.com/maillage/maillage/internal/store"
)

// BenchmarkImportFiness times the import of a national FINESS extract
// (every shipped site, as a cs1100507 file) into a fresh database, and
// its re-import with no change, on SQLite and PostgreSQL. peak-MB is the
// process's peak resident memory during the timed imports.
func BenchmarkImportFiness(b *testing.B) {
	content, err := nationalExtract()
	if err != nil {
		b.Fatal(err)
	}
	// make bench-import also times the command line on the same file.
	if out := os.Getenv("MAILLAGE_BENCH_EXTRACT_OUT"); out != "" {
		if err := os.WriteFile(out, content, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	for _, backend := range []string{"sqlite", "postgres"} {
		fresh := func() *store.DB {
			b.Helper()
			// The territories are not there yet: the first import adds
			// them in its own transaction, as a user's first import does.
			return freshDatabases(b)[backend]
		}
		b.Run(backend+"/full", func(b *testing.B) {
			peak := newPeakMeter()
			for b.Loop() {
				b.StopTimer()
				db := fresh()
				peak.reset()
				b.StartTimer()
				rep, err := Import(ctx, db.Client, nil, "finess", "national.csv", content)
				b.StopTimer()
				peak.read()
				if err != nil || rep.Added["establishment"] != len(strings.Split(string(content), "\nstructureet;"))-1 {
					b.Fatalf("%v %v", rep, err)
				}
				b.StartTimer()
			}
			b.ReportMetric(peak.max, "peak-MB")
			b.ReportMetric(peak.base, "base-MB")
		})
		b.Run(backend+"/reimport", func(b *testing.B) {
			db := fresh()
			if _, err := Import(ctx, db.Client, nil, "finess", "national.csv", content); err != nil {
				b.Fatal(err)
			}
			peak := newPeakMeter()
			for b.Loop() {
				peak.reset()
				rep, err := Import(ctx, db.Client, nil, "finess", "national.csv", content)
				peak.read()
				if err != nil || rep.Changes() != 0 {
					b.Fatalf("%v %v", rep, err)
				}
			}
			b.ReportMetric(peak.max, "peak-MB")
			b.ReportMetric(peak.base, "base-MB")
		})
	}
}

// peakMeter reads the process's peak resident set (VmHWM), reset before
// each measured step through /proc/self/clear_refs; base is the resident
// set at the reset (the benchmark's own data: the extract, the shipped
// data it was made from), so that peak − base is the import's own.
type peakMeter struct{ max, base float64 }

func newPeakMeter() *peakMeter { return &peakMeter{} }

func (p *peakMeter) reset() {
	debug.FreeOSMemory()
	memstat.ResetPeak()
	p.base = max(p.base, memstat.Field("VmRSS:"))
}

func (p *peakMeter) read() { p.max = max(p.max, memstat.Field("VmHWM:")) }
