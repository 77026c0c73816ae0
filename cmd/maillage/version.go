package main

import (
	"fmt"
	"io"
	"runtime"
)

// Stamped by `make release` through -ldflags -X; a plain `go build`
// leaves them as they are here.
var (
	version = "dev"
	commit  = "unknown"
)

func printVersion(w io.Writer) {
	fmt.Fprintf(w, "maillage %s (commit %s, %s, %s/%s)\n", version, commit, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
