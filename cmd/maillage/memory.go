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
// whenever the program has allocated as much as the heap holds live:
// with a national database, each ~200 MB of answers built, and each
// collection marks the whole graph index again (a fifth of the engine's
// CPU time on a page of 100 sites). At 200 the heap may grow to three
// times what is live (~550 MB) before a collection: most of what 400
// saves (measured: the same CPU per request on b, 3% more on a page of
// 100 sites) for 300 MB less resident memory, and it leaves the memory
// limit room for the answers being built (RequestMemory) instead of
// collecting at the limit. The memory limit still caps the heap.
const defaultGCPercent = 200

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
