package importer

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

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
