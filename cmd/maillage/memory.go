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

// setMemoryLimit applies defaultMemoryLimit unless GOMEMLIMIT says
// otherwise (the Go runtime reads that variable itself).
func setMemoryLimit(logger *slog.Logger) {
	if v := os.Getenv("GOMEMLIMIT"); v != "" {
		logger.Info("memory limit", "GOMEMLIMIT", v)
		return
	}
	debug.SetMemoryLimit(defaultMemoryLimit)
	logger.Info("memory limit", "bytes", defaultMemoryLimit, "set_by", "default (GOMEMLIMIT unset)")
}
