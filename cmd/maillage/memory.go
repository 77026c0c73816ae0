package main

import (
	"log/slog"
	"os"
	"runtime/debug"
)

// defaultMemoryLimit is the soft memory limit `maillage serve` runs
// under when GOMEMLIMIT is not set: the index and caches of a national
// database (about 400 MB), the answers being built (server.Config's
// RequestMemory, 512 MB) and room for the collector. A deployment gives
// the process this much memory, or sets GOMEMLIMIT to 90% of what it has.
const defaultMemoryLimit = 1 << 30

// defaultGCPercent is the collector's pace (GOGC) `maillage serve` runs
// with when GOGC is not set. Go's default, 100, starts a collection
// whenever the program has allocated as much as the heap holds live, and
// each collection marks the whole graph index again: the collector's
// CPU per request is proportional to 100/GOGC. The index holds about
// 150 MB live for a national database (186 MB before its register nodes
// were held once); at 300 the heap may grow to four times that (~600 MB,
// what 200 allowed the larger index) before a collection. Measured under
// the benchmark's b and d100 load: the collector's CPU 2.17 → 1.50 s for
// the same requests (17 → 10 cycles), resident memory 674 → 806 MB
// (872 MB at 200 with the larger index). The memory limit still caps
// the heap, leaving room for the answers being built (RequestMemory).
const defaultGCPercent = 300

// setMemoryLimit applies defaultMemoryLimit unless GOMEMLIMIT says
// otherwise, and defaultGCPercent unless GOGC does (the Go runtime reads
// those variables itself).
func setMemoryLimit(logger *slog.Logger) {
	if v := os.Getenv("GOMEMLIMIT"); v != "" {
		logger.Info("memory limit", "GOMEMLIMIT", v)
	} else {
		debug.SetMemoryLimit(defaultMemoryLimit)
		logger.Info("memory limit", "bytes", defaultMemoryLimit, "set_by", "default (GOMEMLIMIT unset)")
	}
	if v := os.Getenv("GOGC"); v != "" {
		logger.Info("garbage collector pace", "GOGC", v)
	} else {
		debug.SetGCPercent(defaultGCPercent)
		logger.Info("garbage collector pace", "GOGC", defaultGCPercent, "set_by", "default (GOGC unset)")
	}
}
