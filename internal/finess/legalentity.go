package finess

import (
	"strings"
)

// hospitalGroups are the FINESS category aggregates of hospitals, most
// telling first: a CHU's name is better read on its CHR sites than on its
// CMPs, schools or nursing homes.
var hospitalGroups = []string{"1101", "1102", "1103", "1106", "1110", "1107", "1108", "1104", "1105"}

// EntityName proposes a provisional name for a legal entity from its
// sites: DerivedName over the sites of its most telling hospital
// category when it runs any, else over all of them; when they share no
// name, "Entité juridique" and its number rather than one site's name.
func EntityName(sites []Site) string {
	if len(sites) == 0 {
		return ""
	}
	for _, group := range hospitalGroups {
		var names []string
		for _, s := range sites {
			if s.CategoryGroup == group {
				names = append(names, s.Name)
			}
		}
		if len(names) > 0 {
			if name := DerivedName(names); name != "" {
				return name
			}
			return unnamed(sites[0].LegalEntity)
		}
	}
	names := make([]string, len(sites))
	for i, s := range sites {
		names[i] = s.Name
	}
	if name := DerivedName(names); name != "" {
		return name
	}
	return unnamed(sites[0].LegalEntity)
}

func unnamed(number string) string { return "Entité juridique " + number }

// DerivedName proposes a provisional name for a legal entity known only
// through its sites (the site file names each site's entity but not the
// entity): the words most of its sites' names start with ("CH DU FOREZ
// SITE DE MONTBRISON", "CH DU FOREZ SITE DE FEURS" → "CH DU FOREZ"), or
// the " - " tag most of them end with ("… - CHU42" → "CHU42"), whichever
// more sites share, if at least two and a third of them do; else the
// name of its first site when it has at most two, else "": a large
// operator is never named after one of its sites.
func DerivedName(siteNames []string) string {
	if len(siteNames) == 0 {
		return ""
	}
	if len(siteNames) == 1 {
		return siteNames[0]
	}
	enough := max(2, (len(siteNames)+2)/3)
	prefix, prefixCount := sharedPrefix(siteNames)
	suffix, suffixCount := sharedSuffix(siteNames)
	switch {
	case prefixCount >= enough && prefixCount >= suffixCount:
		return prefix
	case suffixCount >= enough:
		return suffix
	case len(siteNames) <= 2:
		return siteNames[0]
	}
	return ""
}

// GroupingName names a grouping FINESS registers through its sites: its
// seat's name ("GCS X - ET SIEGE" → "GCS X"), else the name its sites
// share, else its first site's name.
func GroupingName(siteNames []string) string {
	for _, n := range siteNames {
		if seat, ok := seatName(n); ok {
			return seat
		}
	}
	if name := DerivedName(siteNames); name != "" {
		return name
	}
	return siteNames[0]
}

// seatName strips the mark FINESS puts on a structure's seat site.
func seatName(name string) (string, bool) {
	words := strings.Fields(name)
	n := len(words)
	if n < 2 {
		return "", false
	}
	switch strings.ToUpper(words[n-1]) {
	case "SIEGE", "SIÈGE":
	default:
		return "", false
	}
	words = words[:n-1]
	for len(words) > 0 && (isLinkWord(words[len(words)-1]) || strings.EqualFold(words[len(words)-1], "ET")) {
		words = words[:len(words)-1]
	}
	if len(words) == 0 {
		return "", false
	}
	return strings.Join(words, " "), true
}

// sharedPrefix returns the leading words shared by the most names (the
// longest such run on a tie), ignoring runs made only of generic words
// ("CH DU", "HOPITAL") and trimming linking words at its end.
func sharedPrefix(names []string) (string, int) {
	counts := map[string]int{}
	for _, n := range names {
		words := strings.Fields(n)
		seen := map[string]bool{}
		for k := 1; k <= len(words); k++ {
			p := trimLinkWords(words[:k])
			if len(p) == 0 || allGeneric(p) {
				continue
			}
			key := strings.Join(p, " ")
			if !seen[key] {
				seen[key] = true
				counts[key]++
			}
		}
	}
	best, bestCount := "", 0
	for p, c := range counts {
		if c > bestCount || c == bestCount && (len(p) > len(best) || len(p) == len(best) && p < best) {
			best, bestCount = p, c
		}
	}
	return best, bestCount
}

func trimLinkWords(words []string) []string {
	for len(words) > 0 && isLinkWord(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	return words
}

func allGeneric(words []string) bool {
	for _, w := range words {
		if !isLinkWord(w) && !isGenericWord(w) {
			return false
		}
	}
	return true
}

// isGenericWord reports words that name a kind of place, not a place.
func isGenericWord(w string) bool {
	switch strings.ToUpper(w) {
	case "CH", "CHU", "CHR", "CHS", "CHI", "HU", "HOPITAL", "HOP", "CENTRE", "CTRE", "CLINIQUE", "EHPAD", "CMP", "CATTP",
		"HDJ", "SCE", "SERVICE", "UNITE", "USLD", "SSR", "IFSI", "RESIDENCE", "MAISON", "FOYER", "PHARMACIE", "LABORATOIRE",
		"HOSPITALIER", "HOSPITALIERE", "GROUPE", "INSTITUT", "ANTENNE", "SMUR", "ETABLISSEMENT", "POLE":
		return true
	}
	return false
}

// sharedSuffix returns the " - X" tag the most names end with, and how
// many do: entities that tag their sites this way ("… - CHU42") also own
// untagged ones.
func sharedSuffix(names []string) (string, int) {
	counts := map[string]int{}
	for _, n := range names {
		if idx := strings.LastIndex(n, " - "); idx >= 0 {
			if s := strings.TrimSpace(n[idx+3:]); s != "" && !allGeneric(strings.Fields(s)) {
				counts[s]++
			}
		}
	}
	best, bestCount := "", 0
	for s, c := range counts {
		if c > bestCount || c == bestCount && s < best {
			best, bestCount = s, c
		}
	}
	return best, bestCount
}

func isLinkWord(w string) bool {
	switch strings.ToUpper(w) {
	case "DE", "DU", "DES", "D", "LA", "LE", "LES", "L", "ET", "-", "SITE", "A", "AU", "AUX", "EN":
		return true
	}
	return false
}

// PublicHospitalService tells a legal entity of the public hospital
// service from what the registers give: a public legal status (FINESS
// codes 10 to 19, or a label saying so), or for an entity known only
// through its sites their "Etablissement public de santé" SPH status.
func PublicHospitalService(legalStatus, sphStatus string) bool {
	if len(legalStatus) == 2 && legalStatus[0] == '1' {
		return true
	}
	return strings.Contains(strings.ToLower(legalStatus+" "+sphStatus), "public")
}

// HospitalCentreGroups are the FINESS category aggregates of the centres
// hospitaliers (CHR/CHU, CH, ex-hôpitaux locaux, CHS, other public
// hospitals): an entity running a site of one of them runs a hospital.
var HospitalCentreGroups = []string{"1101", "1102", "1103", "1104", "1106"}
