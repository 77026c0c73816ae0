package coopgraph

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
	"unsafe"
)

// TestInternerSharesRepeatedValues: equal strings come back as one copy,
// dates as one pointer per day (truncated to it), open bounds as nil,
// and a node's own values (its label, FINESS number) are left alone.
func TestInternerSharesRepeatedValues(t *testing.T) {
	in := newInterner()
	morning := time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)
	evening := time.Date(2024, 3, 1, 21, 0, 0, 0, time.UTC)
	next := time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC)
	// Strings built at run time, as the database's are: distinct copies.
	dept := func() string { return string([]byte("42")) }
	a := in.node(node{label: string([]byte("CH A")), category: string([]byte("Centre hospitalier")), department: dept(), from: &morning})
	b := in.node(node{label: string([]byte("CH A")), category: string([]byte("Centre hospitalier")), department: dept(), from: &evening, to: &next})

	same := func(x, y string) bool { return unsafe.StringData(x) == unsafe.StringData(y) }
	cases := []struct {
		name string
		got  bool
	}{
		{"a category is one copy", same(a.category, b.category)},
		{"a département is one copy", same(a.department, b.department)},
		{"labels are not interned", !same(a.label, b.label)},
		{"one pointer per day", a.from == b.from},
		{"truncated to the day", *a.from == time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
		{"another day, another pointer", b.to != a.from && *b.to == next},
		{"an open bound stays open", a.to == nil},
		{"the date given is not written", morning.Hour() == 9},
		{"empty stays empty", in.str("") == "" && len(in.strs) == 2},
	}
	for _, c := range cases {
		if !c.got {
			t.Errorf("%s: no", c.name)
		}
	}
}

// TestInternerKeepsFewObjects: what the interner makes of many nodes and
// word lists is held in a few large blocks, not one object per string or
// list, which the collector would mark at every cycle. Without the
// blocks, the nodes below keep 2 objects each (their label and FINESS
// number), each name 2 more (its words and its list) and each list of
// sites one.
func TestInternerKeepsFewObjects(t *testing.T) {
	const n = 20000
	liveObjects := func() uint64 {
		runtime.GC()
		s := []metrics.Sample{{Name: "/gc/heap/objects:objects"}}
		metrics.Read(s)
		return s[0].Value.Uint64()
	}
	before := liveObjects()
	made := func() ([]node, [][][]string, [][]int32) {
		in := newInterner()
		nodes := make([]node, n)
		names := make([][][]string, n)
		sites := make([][]int32, n)
		for i := range nodes {
			label := fmt.Sprintf("Centre hospitalier de la ville %d", i)
			nodes[i] = in.node(node{label: label, finess: fmt.Sprintf("%09d", i), category: "Centre hospitalier"})
			names[i] = in.listOfLists([][]string{in.wordList(tokens(label)), in.wordList(tokens(fmt.Sprintf("site %d", i)))})
			sites[i] = in.indices([]int32{int32(i), int32(i) + 1})
		}
		return nodes, names, sites
	}
	nodes, names, sites := made()
	kept := int64(liveObjects()) - int64(before)
	if kept > n/100 {
		t.Errorf("%d nodes and names keep %d objects, want at most %d", n, kept, n/100)
	}
	// What they say is what they were given.
	for _, i := range []int{0, 1, n / 2, n - 1} {
		if want := fmt.Sprintf("Centre hospitalier de la ville %d", i); nodes[i].label != want || nodes[i].finess != fmt.Sprintf("%09d", i) {
			t.Errorf("node %d: %q %q", i, nodes[i].label, nodes[i].finess)
		}
		if sites[i][0] != int32(i) || sites[i][1] != int32(i)+1 || cap(sites[i]) != 2 {
			t.Errorf("sites %d: %v (capacity %d)", i, sites[i], cap(sites[i]))
		}
		if got, want := fmt.Sprint(names[i]), fmt.Sprintf("[[centre hospitalier ville %d] [site %d]]", i, i); got != want {
			t.Errorf("names %d: %s, want %s", i, got, want)
		}
	}
	runtime.KeepAlive(nodes)
	runtime.KeepAlive(names)
	runtime.KeepAlive(sites)
}
