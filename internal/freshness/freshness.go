// Package freshness says how current each register the database holds
// is: the date of its newest file, when that file was imported, and when
// the registers were last checked against their publisher.
package freshness

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/source"
)

// Register is one register's state.
type Register string

// The registers Maillage imports, named by their sources' keys (package
// ingest).
const (
	FinessSites         Register = "FINESS_SITES"
	FinessLegalEntities Register = "FINESS_LEGAL_ENTITIES"
	FinessPlus          Register = "FINESS_PLUS"
	GHTList             Register = "GHT_LIST"
)

// registerOf names the register of a source key, "" for other sources.
func registerOf(key string) Register {
	switch {
	case strings.HasPrefix(key, "finess-etalab-cs1100501-"):
		return FinessLegalEntities
	case strings.HasPrefix(key, "finess-etalab-"), strings.HasPrefix(key, "finess-et-"):
		return FinessSites
	case strings.HasPrefix(key, "finessplus-structures-"):
		return FinessPlus
	case strings.HasPrefix(key, "ght-list-"):
		return GHTList
	}
	return ""
}

// State is how current one register is.
type State struct {
	Register Register
	// Source is its newest file: the latest published, then the latest
	// imported.
	Source *ent.Source
	// SyncedAt is when the registers were last checked against their
	// publisher (maillage sync); nil when this server does not sync.
	SyncedAt *time.Time
}

// Registers gives the state of every register the database holds, in a
// fixed order; lastSync (nil: none) says when the last sync succeeded.
func Registers(ctx context.Context, client *ent.Client, lastSync func() *time.Time) ([]*State, error) {
	sources, err := client.Source.Query().Where(source.KindEQ(source.KindREGISTER)).All(ctx)
	if err != nil {
		return nil, err
	}
	newest := map[Register]*ent.Source{}
	for _, s := range sources {
		r := registerOf(s.Key)
		if r == "" {
			continue
		}
		if cur, ok := newest[r]; !ok || newer(s, cur) {
			newest[r] = s
		}
	}
	var synced *time.Time
	if lastSync != nil {
		synced = lastSync()
	}
	out := make([]*State, 0, len(newest))
	for r, s := range newest {
		out = append(out, &State{Register: r, Source: s, SyncedAt: synced})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Register < out[j].Register })
	return out, nil
}

func newer(a, b *ent.Source) bool {
	switch {
	case a.PublishedOn != nil && b.PublishedOn != nil && !a.PublishedOn.Equal(*b.PublishedOn):
		return a.PublishedOn.After(*b.PublishedOn)
	case a.PublishedOn != nil && b.PublishedOn == nil:
		return true
	case a.PublishedOn == nil && b.PublishedOn != nil:
		return false
	}
	return a.RecordedAt.After(b.RecordedAt)
}
