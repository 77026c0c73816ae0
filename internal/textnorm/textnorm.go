// Package textnorm folds names into matching keys: "ST ETIENNE",
// "Saint-Étienne" and "saint etienne" share one key, and the FINESS
// register's abbreviations (CH, CHU, ST…) are expanded.
package textnorm

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// abbreviations maps the register's short forms to the words users type.
var abbreviations = map[string]string{
	"st":   "saint",
	"ste":  "sainte",
	"sts":  "saints",
	"stes": "saintes",
	"ch":   "centre hospitalier",
	"chu":  "centre hospitalier universitaire",
	"chr":  "centre hospitalier regional",
	"chru": "centre hospitalier regional universitaire",
	"chi":  "centre hospitalier intercommunal",
	"chic": "centre hospitalier intercommunal",
	"chs":  "centre hospitalier specialise",
	"hop":  "hopital",
	"hosp": "hospitalier",
	"ctre": "centre",
	"clin": "clinique",
	"gcs":  "groupement de cooperation sanitaire",
	"ght":  "groupement hospitalier de territoire",
	"cht":  "communaute hospitaliere de territoire",
}

// ligatures are letters NFD does not decompose.
var ligatures = strings.NewReplacer("œ", "oe", "æ", "ae")

// Fold lower-cases s, removes diacritics and turns every run of
// non-alphanumeric characters into one space.
func Fold(s string) string {
	folded := s
	if !isASCII(s) { // most register names are: skip the Unicode work
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		if f, _, err := transform.String(t, s); err == nil {
			folded = f
		}
	}
	var b strings.Builder
	b.Grow(len(folded))
	space := false
	for _, r := range folded {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// Key is Fold plus expansion of register abbreviations and ligatures, the
// form stored in name_key columns and compared by search.
func Key(s string) string {
	tokens := strings.Fields(Fold(s))
	for i, tok := range tokens {
		tok = ligatures.Replace(tok)
		if long, ok := abbreviations[tok]; ok {
			tok = long
		}
		tokens[i] = tok
	}
	return strings.Join(tokens, " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
