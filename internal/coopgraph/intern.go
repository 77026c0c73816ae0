package coopgraph

import (
	"time"

	"github.com/maillage/maillage/internal/period"
)

// interner keeps one copy of each value many nodes repeat — the
// categories and territory codes they share, and each day a period
// starts or ends — so that the index holds a few thousand objects for
// them rather than one per node and date (about half a million for the
// national register), which the garbage collector marks and sweeps at
// every cycle.
type interner struct {
	strs map[string]string
	days map[time.Time]*time.Time
}

func newInterner() *interner {
	return &interner{strs: map[string]string{}, days: map[time.Time]*time.Time{}}
}

// str is s, as the first string equal to it that the interner saw.
func (in *interner) str(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := in.strs[s]; ok {
		return c
	}
	in.strs[s] = s
	return s
}

// day is t's day (period.Day), shared by every date on that day; nil
// stays nil (an open bound). Every date in the index is a whole day, so
// traversals compare without truncating again (period.HoldsDay); none
// writes through it.
func (in *interner) day(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	d := period.Day(*t)
	if p, ok := in.days[d]; ok {
		return p
	}
	p := &d
	in.days[d] = p
	return p
}

// node is n with its repeated values interned and its dates truncated
// to the day.
func (in *interner) node(n node) node {
	n.category, n.catCode, n.catGroup = in.str(n.category), in.str(n.catCode), in.str(n.catGroup)
	n.place, n.commune, n.department, n.region = in.str(n.place), in.str(n.commune), in.str(n.department), in.str(n.region)
	n.from, n.to = in.day(n.from), in.day(n.to)
	return n
}
