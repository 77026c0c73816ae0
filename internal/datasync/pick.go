package datasync

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/maillage/maillage/internal/datagouv"
)

// version is one dated file of a dataset.
type version struct {
	res  datagouv.Resource
	kind string // "07"/"02" (etalab extract); "journalier", "mensuel", "annuel" (FINESS+)
	date time.Time
}

// A picker chooses the files of a dataset to bring in: the newest, and
// with history (not zero) the versions to replay from that month on.
type picker func(ds *datagouv.Dataset, history time.Time) ([]version, error)

var pickers = map[string]picker{
	"finess":     pickEtalab,
	"structures": pickStructures,
}

// The names the publishers give their files, in the resource's URL or
// title: etalab-cs1100507-stock-20260512-0339.csv (sites with
// positions; cs1100502 without); finess-structures-journalier-20260818.json.gz,
// finess-structures-mensuel-202607.json.gz, finess-structures-annuel-2025.json.gz.
var (
	etalabName     = regexp.MustCompile(`(?i)etalab[-_]cs11005(07|02)[-_]stock[-_](\d{8})`)
	structuresName = regexp.MustCompile(`(?i)finess[-_]structures[-_](journalier|mensuel|annuel)[-_](\d{8}|\d{6}|\d{4})\b`)
)

// match finds the pattern in the resource's file name, else its title.
func match(re *regexp.Regexp, r datagouv.Resource) []string {
	if m := re.FindStringSubmatch(r.FileName()); m != nil {
		return m
	}
	return re.FindStringSubmatch(r.Title)
}

func parseDigits(s string) (time.Time, error) {
	switch len(s) {
	case 8:
		return time.Parse("20060102", s)
	case 6:
		return time.Parse("200601", s)
	case 4:
		return time.Parse("2006", s)
	}
	return time.Time{}, fmt.Errorf("malformed date %q", s)
}

// pickEtalab: the newest etalab extract of sites, the one with
// positions (cs1100507) when both are of the same day. The register has
// no monthly history worth replaying: with history, the newest still.
func pickEtalab(ds *datagouv.Dataset, _ time.Time) ([]version, error) {
	var best *version
	for _, r := range ds.Resources {
		m := match(etalabName, r)
		if m == nil {
			continue
		}
		d, err := parseDigits(m[2])
		if err != nil {
			continue
		}
		v := version{res: r, kind: m[1], date: d}
		if best == nil || v.date.After(best.date) || v.date.Equal(best.date) && v.kind == "07" && best.kind != "07" {
			best = &v
		}
	}
	if best == nil {
		return nil, errors.New("no etalab extract of sites (etalab-cs1100507-stock-…, etalab-cs1100502-stock-…) among its resources")
	}
	return []version{*best}, nil
}

// pickStructures: the newest FINESS+ structures file, the daily one
// when there is one (else the newest monthly, else yearly). With
// history: every monthly version from that month on, in date order,
// then the newest daily when it is newer than the last of them.
func pickStructures(ds *datagouv.Dataset, history time.Time) ([]version, error) {
	byKind := map[string][]version{}
	for _, r := range ds.Resources {
		m := match(structuresName, r)
		if m == nil {
			continue
		}
		d, err := parseDigits(m[2])
		if err != nil {
			continue
		}
		kind := strings.ToLower(m[1])
		byKind[kind] = append(byKind[kind], version{res: r, kind: kind, date: d})
	}
	var newest *version
	for _, kind := range []string{"journalier", "mensuel", "annuel"} {
		if vs := ordered(byKind[kind]); len(vs) > 0 {
			newest = &vs[len(vs)-1]
			break
		}
	}
	if newest == nil {
		return nil, errors.New("no FINESS+ structures file (finess-structures-journalier-…, -mensuel-…, -annuel-…) among its resources")
	}
	if history.IsZero() {
		return []version{*newest}, nil
	}
	from := time.Date(history.Year(), history.Month(), 1, 0, 0, 0, 0, time.UTC)
	var out []version
	for _, v := range ordered(byKind["mensuel"]) {
		if !v.date.Before(from) {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no monthly version (finess-structures-mensuel-…) from %s on among its resources", from.Format("2006-01"))
	}
	// A monthly version covers its month: a daily file is newer when it
	// is dated after that month.
	if last := out[len(out)-1]; newest.kind == "journalier" && !newest.date.Before(last.date.AddDate(0, 1, 0)) {
		out = append(out, *newest)
	}
	return out, nil
}
