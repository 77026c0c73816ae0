package coopgraph

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/internal/textnorm"
)

// Search limits.
const (
	DefaultHits = 10
	MaxHits     = 50
)

// SearchKinds are the kinds a search can be narrowed to.
var SearchKinds = []string{"LEGAL_ENTITY", "SITE", "GROUPING", "CONVENTION", "FILIERE", "TEAM", "COMMUNE", "DEPARTMENT", "REGION"}

// Hit is one search result.
type Hit struct {
	Node   ent.Noder // the record, loaded by Store.Search
	ID     int
	Kind   string
	Label  string
	Finess *string
	Score  float64
}

// entry is one searchable record: a graph node or a territory.
type entry struct {
	weight        float64 // how much the record weighs: a CHU over a clinic
	id            int
	kind          string
	label, finess string
	names         [][]string // token lists of the name and its other names
	places        [][]string // token lists of the city or commune it lies in
	postal        []string
}

// searchIndex finds entries by token prefix and FINESS prefix.
type searchIndex struct {
	entries []entry
	tokens  []string // sorted, unique
	// posting is, while the index is built, token → the entries whose
	// names or places hold it; seal packs it into postings (each token's
	// entries, token after token) and starts (where tokens[k]'s begin; one
	// more than tokens): two objects rather than one per token.
	posting  map[string][]int32
	postings []int32
	starts   []int32
	finess   []int32 // entries with a FINESS number, by number
	postal   map[string][]int32
}

// stopWords carry no meaning in a name.
var stopWords = map[string]bool{"de": true, "du": true, "des": true, "la": true, "le": true, "les": true, "d": true, "l": true, "et": true, "a": true, "au": true, "aux": true, "en": true, "sur": true}

// tokens folds a name into its searchable words: accents, case, hyphens
// and the register's abbreviations ignored ("ST ETIENNE" and
// "Saint-Étienne" give the same words; "CH" gives "centre hospitalier").
func tokens(s string) []string {
	var out []string
	for _, t := range strings.Fields(textnorm.Key(s)) {
		if !stopWords[t] {
			out = append(out, t)
		}
	}
	return out
}

func (ix *searchIndex) add(e entry) {
	i := int32(len(ix.entries))
	ix.entries = append(ix.entries, e)
	seen := map[string]bool{}
	for _, list := range append(slices.Clone(e.names), e.places...) {
		for _, t := range list {
			if !seen[t] {
				seen[t] = true
				ix.posting[t] = append(ix.posting[t], i)
			}
		}
	}
	if e.finess != "" {
		ix.finess = append(ix.finess, i)
	}
	for _, p := range e.postal {
		ix.postal[p] = append(ix.postal[p], i)
	}
}

func (ix *searchIndex) seal() {
	ix.tokens = make([]string, 0, len(ix.posting))
	for t := range ix.posting {
		ix.tokens = append(ix.tokens, t)
	}
	sort.Strings(ix.tokens)
	total := 0
	for _, list := range ix.posting {
		total += len(list)
	}
	ix.starts = make([]int32, 0, len(ix.tokens)+1)
	ix.postings = make([]int32, 0, total)
	for _, t := range ix.tokens {
		ix.starts = append(ix.starts, int32(len(ix.postings)))
		ix.postings = append(ix.postings, ix.posting[t]...)
	}
	ix.starts = append(ix.starts, int32(len(ix.postings)))
	ix.posting = nil
	sort.Slice(ix.finess, func(a, b int) bool { return ix.entries[ix.finess[a]].finess < ix.entries[ix.finess[b]].finess })
}

var (
	finessQuery = regexp.MustCompile(`^[0-9][0-9AB][0-9]{1,7}$|^[0-9]{3}$`)
	postalQuery = regexp.MustCompile(`^[0-9]{5}$`)
)

// Search finds organisations, cooperation objects and territories by
// name, FINESS number or prefix, commune name or postal code, and
// grouping code: an exact FINESS number first, then by relevance.
func (g *Graph) Search(text string, first int, kinds []string) ([]Hit, error) {
	if first == 0 {
		first = DefaultHits
	}
	if first < 1 || first > MaxHits {
		return nil, apperr.BadInput("first", errOutOfRange("first", first, MaxHits))
	}
	keep := map[string]bool{}
	for _, k := range kinds {
		if !slices.Contains(SearchKinds, k) {
			return nil, apperr.BadInput("kinds", errUnknownKind(k))
		}
		keep[k] = true
	}
	// An ID may have entries in several indexes (an entity's register
	// name, and the names conventions give it): its best score counts.
	scores := map[*entry]float64{}
	for _, ix := range g.search {
		ix.score(text, keep, scores)
	}
	best := map[int]int{} // ID → position in hits
	hits := make([]Hit, 0, len(scores))
	for e, s := range scores {
		if k, ok := best[e.id]; ok {
			hits[k].Score = max(hits[k].Score, s)
			continue
		}
		h := Hit{ID: e.id, Kind: e.kind, Label: e.label, Score: s}
		if e.finess != "" {
			f := e.finess
			h.Finess = &f
		}
		best[e.id] = len(hits)
		hits = append(hits, h)
	}
	sort.Slice(hits, func(a, b int) bool {
		if hits[a].Score != hits[b].Score {
			return hits[a].Score > hits[b].Score
		}
		if hits[a].Label != hits[b].Label {
			return hits[a].Label < hits[b].Label
		}
		return hits[a].ID < hits[b].ID
	})
	return hits[:min(first, len(hits))], nil
}

// score adds to scores the entries of ix matching text, of the kinds in
// keep (all when empty).
func (ix *searchIndex) score(text string, keep map[string]bool, scores map[*entry]float64) {
	score := func(i int32, s float64) {
		e := &ix.entries[i]
		if len(keep) > 0 && !keep[e.kind] {
			return
		}
		scores[e] = max(scores[e], s)
	}
	compact := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(text), " ", ""))
	if finessQuery.MatchString(compact) {
		from := sort.Search(len(ix.finess), func(k int) bool { return ix.entries[ix.finess[k]].finess >= compact })
		for k := from; k < len(ix.finess) && strings.HasPrefix(ix.entries[ix.finess[k]].finess, compact); k++ {
			i := ix.finess[k]
			if ix.entries[i].finess == compact {
				score(i, 1000)
			} else {
				score(i, 500-float64(len(ix.entries[i].finess)-len(compact)))
			}
		}
	}
	if postalQuery.MatchString(compact) {
		for _, i := range ix.postal[compact] {
			score(i, 300)
		}
	}
	words := tokens(text)
	if len(words) == 0 {
		return
	}
	// Candidates: entries holding a word that starts with the longest query word.
	pivot := slices.MaxFunc(words, func(a, b string) int { return len(a) - len(b) })
	from := sort.SearchStrings(ix.tokens, pivot)
	for k := from; k < len(ix.tokens) && strings.HasPrefix(ix.tokens[k], pivot); k++ {
		for _, i := range ix.postings[ix.starts[k]:ix.starts[k+1]] {
			if _, done := scores[&ix.entries[i]]; done {
				continue
			}
			if s := relevance(&ix.entries[i], words); s > 0 {
				score(i, s)
			}
		}
	}
}

// kindWeight orders equally good matches: the organisations people look
// for most, then the objects, then places.
var kindWeight = map[string]float64{"LEGAL_ENTITY": 6, "GROUPING": 5, "CONVENTION": 5, "SITE": 4, "FILIERE": 3, "TEAM": 3, "COMMUNE": 2, "DEPARTMENT": 2, "REGION": 2}

// relevance scores how well the query words match an entry: every word
// must start a word of one of its names (or, scored lower, of its place).
func relevance(e *entry, words []string) float64 {
	best := 0.0
	for _, name := range e.names {
		if s := match(name, words); s > 0 {
			best = max(best, 100+s)
		}
	}
	if best == 0 {
		for _, place := range e.places {
			if s := match(place, words); s > 0 {
				best = max(best, 40+s/4)
			}
		}
	}
	if best == 0 {
		return 0
	}
	return best + kindWeight[e.kind] + e.weight
}

// match scores a name against the query words: 0 when a word is missing;
// more when words are whole, in order, and the name has few others.
func match(name, words []string) float64 {
	s := 0.0
	last := -1
	for _, w := range words {
		found := -1
		for i, t := range name {
			if t == w {
				found = i
				s += 10
				break
			}
		}
		if found < 0 {
			for i, t := range name {
				if strings.HasPrefix(t, w) {
					found = i
					s += 6
					break
				}
			}
		}
		if found < 0 {
			return 0
		}
		if found > last {
			s += 2
		}
		last = found
	}
	extra := len(name) - len(words)
	if extra == 0 {
		s += 15 // the whole name
	}
	return s - float64(extra)
}

func errOutOfRange(field string, v, most int) error {
	return fmt.Errorf("%s %d: want 1 to %d", field, v, most)
}

func errUnknownKind(k string) error {
	return fmt.Errorf("unknown kind %q: want one of %s", k, strings.Join(SearchKinds, ", "))
}
