// Package memstat reads the process's memory figures that benchmarks
// report (resident set, its peak) from /proc/self/status.
package memstat

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// Field reads a memory line of /proc/self/status ("VmRSS:", "VmHWM:"),
// in MB; 0 when it cannot be read.
func Field(name string) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), name); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// ResetPeak makes VmHWM start again from the current resident set.
func ResetPeak() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }
