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
// CPU per request is proportional to 100/GOGC. At 200 the heap may grow
// to three times what is live (the index, ~150 MB for a national
// database, and the response cache) before a collection. 300 was
// measured too: a third less collector CPU on the same requests (2.17 →
// 1.50 s), but over whole `make bench-peer` runs the servers' resident
// memory reached 920–1,017 MB, near the memory limit, where the collector
// runs at the limit's pace instead (the cached server then spent more
// CPU per request than the uncached one); 200 leaves the limit room
// for the answers being built (RequestMemory).
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
