package finess

import (
	"sort"
	"strings"
)

// DerivedName proposes a provisional name for a legal entity known only
// through its sites (the site file names each site's entity but not the
// entity): the words all its sites' names share at the start ("CH DU
// FOREZ SITE DE MONTBRISON", "CH DU FOREZ SITE DE FEURS" → "CH DU
// FOREZ"), else the part after " - " they share at the end ("… - CHU42"
// → "CHU42"), else the name of its first site in FINESS order.
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

func commonSuffix(names []string) string {
	var suffix string
	for i, n := range names {
		idx := strings.LastIndex(n, " - ")
		if idx < 0 {
			return ""
		}
		s := strings.TrimSpace(n[idx+3:])
		if i == 0 {
			suffix = s
		} else if s != suffix {
			return ""
		}
	}
	return suffix
}

func isLinkWord(w string) bool {
	switch strings.ToUpper(w) {
	case "DE", "DU", "DES", "D", "LA", "LE", "LES", "L", "ET", "-", "SITE", "A", "AU", "AUX", "EN":
		return true
	}
	return false
}
