package finess

import (
	"sort"
	"strings"
)

// hospitalGroups are the FINESS category aggregates of hospitals, most
// telling first: a CHU's name is better read on its CHR sites than on its
// CMPs, schools or nursing homes.
var hospitalGroups = []string{"1101", "1102", "1103", "1106", "1110", "1107", "1108", "1104", "1105"}

// EntityName proposes a provisional name for a legal entity from its
// sites: DerivedName over the sites of its most telling hospital
// category when it runs any, else over all of them.
func EntityName(sites []Site) string {
	for _, group := range hospitalGroups {
		var names []string
		for _, s := range sites {
			if s.CategoryGroup == group {
				names = append(names, s.Name)
			}
		}
		if len(names) > 0 {
			return DerivedName(names)
		}
	}
	names := make([]string, len(sites))
	for i, s := range sites {
		names[i] = s.Name
	}
	return DerivedName(names)
}

// DerivedName proposes a provisional name for a legal entity known only
// through its sites (the site file names each site's entity but not the
// entity): the words all its sites' names share at the start ("CH DU
// FOREZ SITE DE MONTBRISON", "CH DU FOREZ SITE DE FEURS" → "CH DU
// FOREZ"), else the part after " - " most of them share at the end
// ("… - CHU42" → "CHU42", even when some sites are untagged), else the
// name of its first site.
func DerivedName(siteNames []string) string {
	if len(siteNames) == 0 {
		return ""
	}
	names := append([]string(nil), siteNames...)
	sort.Strings(names)
	if len(names) == 1 {
		return names[0]
	}
	if prefix := commonWordPrefix(names); len(strings.Fields(prefix)) >= 2 {
		return prefix
	}
	if suffix := commonSuffix(names); suffix != "" {
		return suffix
	}
	return siteNames[0]
}

func commonWordPrefix(names []string) string {
	common := strings.Fields(names[0])
	for _, n := range names[1:] {
		words := strings.Fields(n)
		i := 0
		for i < len(common) && i < len(words) && common[i] == words[i] {
			i++
		}
		common = common[:i]
	}
	// A prefix ending on a linking word reads badly ("CH DU").
	for len(common) > 0 && isLinkWord(common[len(common)-1]) {
		common = common[:len(common)-1]
	}
	return strings.Join(common, " ")
}

// commonSuffix returns the " - X" suffix most of the named sites share
// (at least two of them, and no other suffix as frequent): entities that
// tag their sites this way ("… - CHU42") also own untagged ones.
func commonSuffix(names []string) string {
	counts := map[string]int{}
	for _, n := range names {
		if idx := strings.LastIndex(n, " - "); idx >= 0 {
			if s := strings.TrimSpace(n[idx+3:]); s != "" {
				counts[s]++
			}
		}
	}
	best, bestCount, tie := "", 0, false
	for s, c := range counts {
		switch {
		case c > bestCount:
			best, bestCount, tie = s, c, false
		case c == bestCount:
			tie = true
		}
	}
	if bestCount < 2 || tie {
		return ""
	}
	return best
}

func isLinkWord(w string) bool {
	switch strings.ToUpper(w) {
	case "DE", "DU", "DES", "D", "LA", "LE", "LES", "L", "ET", "-", "SITE", "A", "AU", "AUX", "EN":
		return true
	}
	return false
}
