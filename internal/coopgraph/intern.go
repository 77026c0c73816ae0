package coopgraph

import (
	"time"
	"unsafe"

	"github.com/maillage/maillage/internal/period"
)

// blockSize is how many bytes, words or lists one block of the interner
// holds: large enough that the index's text is a few hundred objects.
const blockSize = 1 << 14

// interner holds the index's values so that the garbage collector, which
// marks every live object at each cycle, sees few objects: one copy of
// each value many nodes repeat (the categories and territory codes they
// share, each day a period starts or ends, each word of a name), and the
// text and word lists of the nodes and search entries packed into large
// blocks rather than one object each (about 1.3 million objects for the
// national register otherwise). Nothing written into a block is written
// again, so the strings that view it stay as they were made.
type interner struct {
	strs  map[string]string
	days  map[time.Time]*time.Time
	bytes []byte     // the current block of text
	words []string   // the current block of word lists
	lists [][]string // the current block of lists of word lists
	ints  []int32    // the current block of lists of node or edge indices
}

func newInterner() *interner {
	return &interner{strs: map[string]string{}, days: map[time.Time]*time.Time{}}
}

// text is s copied into the current text block.
func (in *interner) text(s string) string {
	if s == "" {
		return ""
	}
	if len(s) > cap(in.bytes)-len(in.bytes) {
		in.bytes = make([]byte, 0, max(blockSize, len(s)))
	}
	at := len(in.bytes)
	in.bytes = append(in.bytes, s...)
	return unsafe.String(&in.bytes[at], len(s))
}

// str is s, as the first string equal to it that the interner saw.
func (in *interner) str(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := in.strs[s]; ok {
		return c
	}
	c := in.text(s)
	in.strs[c] = c
	return c
}

// wordList is list with each word interned, in the current block of word
// lists; nil stays nil.
func (in *interner) wordList(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	out := carve(&in.words, len(list))
	for i, w := range list {
		out[i] = in.str(w)
	}
	return out
}

// listOfLists is lists (word lists the interner made) in the current block.
func (in *interner) listOfLists(lists [][]string) [][]string {
	if len(lists) == 0 {
		return nil
	}
	out := carve(&in.lists, len(lists))
	copy(out, lists)
	return out
}

// indices is list in the current block of indices; nil stays nil.
func (in *interner) indices(list []int32) []int32 {
	if len(list) == 0 {
		return nil
	}
	out := carve(&in.ints, len(list))
	copy(out, list)
	return out
}

// carve takes n elements from the block, starting a new block when it
// has not room for them; the slice returned is capped, so that appending
// to it copies rather than writing over the next one.
func carve[T any](block *[]T, n int) []T {
	if n > cap(*block)-len(*block) {
		*block = make([]T, 0, max(blockSize, n))
	}
	at := len(*block)
	*block = (*block)[:at+n]
	return (*block)[at : at+n : at+n]
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

// node is n with its repeated values interned, its own text (label,
// FINESS number, code) in the text blocks and its dates truncated to the
// day.
func (in *interner) node(n node) node {
	n.label, n.finess, n.code = in.text(n.label), in.text(n.finess), in.text(n.code)
	n.category, n.catCode, n.catGroup = in.str(n.category), in.str(n.catCode), in.str(n.catGroup)
	n.place, n.commune, n.department, n.region = in.str(n.place), in.str(n.commune), in.str(n.department), in.str(n.region)
	n.from, n.to = in.day(n.from), in.day(n.to)
	return n
}
