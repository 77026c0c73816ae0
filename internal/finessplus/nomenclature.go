package finessplus

import "strings"

// The FINESS+ flow codes its fields with the ANS terminologies of the SMT
// (Serveur Multi-Terminologies); the data.gouv.fr schema of the flow
// (ansforge/finess flux/out/data.gouv/structure/schema/schema-structures-v1.json)
// names the terminology of each field. The values below were read in the
// FSH sources of those terminologies (ANS terminology IG, CodeSystems
// tre-r360, tre-r365, tre-r366, tre-r371, tre-r372, tre-r376, tre-r386,
// versions 2024-12 to 2026-03) and checked against the example file of the
// flow (ansforge/finess flux/out/data.gouv/structure, 2026-03-09).

// Grouping kinds returned in Grouping.Kind.
const (
	kindGHT     = "GHT"
	kindFMIH    = "FMIH"
	kindNetwork = "NETWORK"
	kindUnion   = "UNION"
	kindGCS     = "GCS"
	kindGCSES   = "GCS_ES"
	kindOther   = "OTHER"
)

// gccKinds maps typeGcc, TRE-R371 "type groupe GCC", to a kind. The
// terminology (version 20260330) has two codes, both GHTs: 001
// "Groupement hospitalier de territoire - Généraliste" and 002 "… -
// Psychiatrie". The FINESS+ data model (ansforge/finess
// database/ddl/finess-dll.sql, table Tre_f03_typegroupegcc) also announces
// FMIH, groupes de PUI, dispositifs, fédérations and réseaux, but no code
// is published for them yet: such groupings come out as OTHER with their
// raw TypeCode, until their codes are known and added here (FMIH, NETWORK
// and UNION are kept for them).
var gccKinds = map[string]string{
	"001": kindGHT,
	"002": kindGHT,
}

// gcoKinds maps typeGco, TRE-R372 "type groupe GCO" (identical in versions
// 20241230 and 20260330), to a kind.
var gcoKinds = map[string]string{
	// 001 "Communautés professionnelles territoriales de santé (CPTS)":
	// Maillage has a CPTS kind but this package only returns the kinds of
	// its contract; the caller can tell a CPTS by TypeCode "001".
	"001": kindOther,
	"002": kindGCSES, // "Groupement de coopération sanitaire - Etablissement de santé"
	"003": kindGCS,   // "Groupement de coopération sanitaire de moyens"
	"004": kindGCS,   // "Groupement de coopération sanitaire exploitant" (a GCS de moyens that runs an activity; FINESS category 695, also GCS in the site importer)
}

func groupingKind(kinds map[string]string, code string) string {
	if k, ok := kinds[code]; ok {
		return k
	}
	return kindOther
}

// Member roles returned in Member.Role.
const (
	roleSupport   = "SUPPORT"
	roleMember    = "MEMBER"
	roleAssociate = "ASSOCIATE"
	rolePartner   = "PARTNER"
)

// roles maps typeRoleEntiteGroupe to a role. Codes come from TRE-R360
// "type rôle entité groupe": S "Entité support" and M "Membre simple" (all
// versions), T "Entité tête de groupe" (versions 20241230 and 20250619,
// dropped from 20260330). The data model (finess-dll.sql, tables
// Tre_f04_typeroleentitegroupe and Gcc_pmsmsse) lists the roles by label
// only — membre, support, tête de groupe, associé, partenaire, partie —
// and no code for associé, partenaire or partie was found in any version
// of the terminology, so those are recognised by their label (compared
// without case or accents) and every other value is an error.
var roles = map[string]string{
	"S":       roleSupport,
	"SUPPORT": roleSupport,
	// The support legal entity of a GHT (établissement support) carries
	// the common functions for its members.
	"ENTITE SUPPORT": roleSupport,
	"M":              roleMember,
	"MEMBRE":         roleMember,
	"MEMBRE SIMPLE":  roleMember,
	// Tête de groupe: the legal entity heading a GCO; like a GHT's support
	// it acts for the group, so SUPPORT.
	"T":                     roleSupport,
	"TETE DE GROUPE":        roleSupport,
	"ENTITE TETE DE GROUPE": roleSupport,
	// Partie: an établissement party to a GHT's convention is a full
	// member of it.
	"PARTIE": roleMember,
	// Associé: associated to a GHT without being party to its convention
	// (CHU, HAD establishments: Code de la santé publique, L6132-1).
	"ASSOCIE": roleAssociate,
	// Partenaire: a partner by convention (private establishments, same
	// article).
	"PARTENAIRE": rolePartner,
}

// role maps a raw typeRoleEntiteGroupe; ok is false for an unknown value.
func role(raw string) (string, bool) {
	if raw == "" {
		return "", true
	}
	r, ok := roles[foldLabel(raw)]
	return r, ok
}

// foldLabel upper-cases a label, drops French accents and squeezes spaces,
// hyphens and underscores: "Tête de groupe" → "TETE DE GROUPE".
func foldLabel(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case 'é', 'è', 'ê', 'ë', 'É', 'È', 'Ê', 'Ë':
			return 'E'
		case 'à', 'â', 'À', 'Â':
			return 'A'
		case 'î', 'ï', 'Î', 'Ï':
			return 'I'
		case 'ô', 'Ô':
			return 'O'
		case 'ù', 'û', 'ü', 'Ù', 'Û', 'Ü':
			return 'U'
		case 'ç', 'Ç':
			return 'C'
		case '-', '_':
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(strings.ToUpper(s)), " ")
}

// Object states, etatObjet, TRE-R386 "macro état objet administratif": A
// "Actif", I "Inactif" (the only two codes). An absent state counts as
// active: gco entries carry none, and the schema makes it optional.
func activeState(code string) (active, ok bool) {
	switch code {
	case "", "A":
		return true, true
	case "I":
		return false, true
	}
	return false, false
}

// Event codes, codeEvenement, TRE-R376 "type évènement administratif"
// (version 20241230). The data model says the meaning of an event depends
// on the type of its first object (typeObjet1, TRE-R366: GR groupement, PM
// personne morale, EG entité géographique); the codes that bound the life
// of a grouping or of a legal entity are:
var (
	// startEvents open a validity period: 001 "Entrée PM-EJ dans le champ
	// FINESS" (a PM's creation date in the example file), 003 "Création"
	// (the 2017-01-01 of every GHT, a site's opening date).
	startEvents = map[string]bool{"001": true, "003": true}
	// endEvents close it: 002 "Sortie PM-EJ du champ FINESS", 004
	// "Cessation de l'Entreprise INSEE", 005 "Fermeture", 020 "Fermeture
	// PM suite à cession" (the example file dates 002 and 005 on a PM's
	// dateFermeture). 038 "Fermeture provisoire" is not an end.
	endEvents = map[string]bool{"002": true, "004": true, "005": true, "020": true}
	// joinEvents and leaveEvents bound a membership: 016 "Devient membre
	// du groupe", 017 "Sortie du groupe". The example file has none; they
	// are read when the second object of the event (typeObjet2,
	// identifiantObjet2) names the member in the grouping's events, or the
	// grouping in the member's events.
	joinEvents  = map[string]bool{"016": true}
	leaveEvents = map[string]bool{"017": true}
)

// etatObjet1 (TRE-R365 "état objet": 001 entrée, 003 créée, 005 fermée,
// 100 sortie définitive, 101 erreur d'enregistrement…) repeats what the
// event code says and is not used.

// Object types, TRE-R366.
const (
	objectGroup = "GR"
	objectPM    = "PM"
	objectSite  = "EG"
)
