package main

import (
	"log/slog"
	"net/http"
	"net/http/pprof"
	"time"
)

// servePprof serves Go's profiler on addr, apart from the public
// listener (profiling the server under load: make bench-peer's
// BENCH_PEER_HOLD, then go tool pprof http://ADDR/debug/pprof/profile).
func servePprof(addr string, logger *slog.Logger) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		logger.Info("profiler", "addr", addr, "path", "/debug/pprof/")
		if err := srv.ListenAndServe(); err != nil {
			logger.Warn("profiler stopped", "err", err)
		}
	}()
}
