package datasync_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/establishment"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/membership"
	"github.com/maillage/maillage/internal/datasync"
	"github.com/maillage/maillage/internal/pgtest"
	"github.com/maillage/maillage/internal/store"
	"github.com/maillage/maillage/internal/storetest"
)

var (
	pg      *pgtest.Server
	discard = slog.New(slog.NewTextHandler(io.Discard, nil))
)

func TestMain(m *testing.M) {
	var err error
	pg, err = pgtest.Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	_ = pg.Stop()
	os.Exit(code)
}

// freshDatabases returns a new, migrated SQLite file and PostgreSQL
// database.
func freshDatabases(t testing.TB) map[string]*store.DB { return storetest.Fresh(t, pg) }

func datasets() []datasync.Dataset {
	return []datasync.Dataset{{Format: "finess", ID: finessSlug}, {Format: "structures", ID: structuresSlug}}
}

func newSyncer(t testing.TB, api, cache string, stall time.Duration, onRun func(*datasync.Run)) *datasync.Syncer {
	t.Helper()
	s, err := datasync.New(datasync.Config{API: api, Datasets: datasets(), CacheDir: cache, Stall: stall, OnRun: onRun})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// snapshot is what a sync may change: counts, sources, memberships.
func snapshot(t testing.TB, c *ent.Client) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	for _, q := range []struct {
		name  string
		count func(context.Context) (int, error)
	}{
		{"establishments", c.Establishment.Query().Count}, {"legalEntities", c.LegalEntity.Query().Count},
		{"groupings", c.Grouping.Query().Count}, {"memberships", c.Membership.Query().Count}, {"sources", c.Source.Query().Count},
	} {
		name := q.name
		n, err := q.count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%d\n", name, n)
	}
	srcs, err := c.Source.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, s := range srcs {
		keys = append(keys, s.Key)
	}
	sort.Strings(keys)
	fmt.Fprintf(&b, "sources %v\n", keys)
	ms, err := c.Membership.Query().Order(ent.Asc(membership.FieldID)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		fmt.Fprintf(&b, "%d %s %v %v v%d;", m.ID, m.MemberRef, m.ValidFrom, m.ValidTo, m.Version)
	}
	es, err := c.Establishment.Query().Order(ent.Asc(establishment.FieldID)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		fmt.Fprintf(&b, "%s %s %v;", e.Finess, e.Name, e.ValidTo)
	}
	return b.String()
}

// sortedLines makes map-ordered snapshot lines comparable.
func sortedLines(s string) string {
	lines := strings.Split(s, "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestSync: a first sync into a fresh database imports the newest
// files; a second one downloads nothing and changes nothing; a newer
// file, and a file changed under the same URL, are downloaded alone and
// imported.
func TestSync(t *testing.T) {
	ctx := context.Background()
	for name, db := range freshDatabases(t) {
		t.Run(name, func(t *testing.T) {
			pub := newPublisher(t)
			pub.set(finessSlug, etalabMay(t))
			structures := structuresFiles(t)
			pub.set(structuresSlug, structures...)
			cache := t.TempDir()
			s := newSyncer(t, pub.api(), cache, 5*time.Second, nil)
			c := db.Client

			first, err := s.Sync(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			if len(first.Items) != 2 || !first.Items[0].Imported || !first.Items[1].Imported || !first.Changed() {
				t.Fatalf("first sync:\n%s", first)
			}
			if !strings.Contains(first.Items[1].Resource, "journalier-20260309") {
				t.Errorf("structures: took %s, want the newest daily file", first.Items[1].Resource)
			}
			if n := pub.downloads(); n != 2 {
				t.Errorf("first sync: %d downloads, want 2", n)
			}
			// The etalab sample's 14 sites, and the 2 of the FINESS+
			// sample that the etalab excerpt does not list.
			if n, _ := c.Establishment.Query().Count(ctx); n != 16 {
				t.Errorf("%d establishments, want the samples' 16", n)
			}
			if n, _ := c.Grouping.Query().Count(ctx); n != 19 {
				t.Errorf("%d groupings, want the sample's 19", n)
			}
			// The register's own names, positions, and the GHT's members
			// and support with their dates, from the FINESS+ sample.
			if e, err := c.LegalEntity.Query().Where(legalentity.Finess("010000156")).Only(ctx); err != nil || e.Name != "CLINIQUE CONVERT" || e.NameDerived {
				t.Errorf("legal entity 010000156 after the sync: %+v (%v), want its register name", e, err)
			}
			if site, err := c.Establishment.Query().Where(establishment.Finess("010780195")).Only(ctx); err != nil || site.Latitude == nil || site.Longitude == nil {
				t.Errorf("site 010780195 after the sync: %+v (%v), want its position", site, err)
			}
			ght, err := c.Grouping.Query().Where(grouping.RegisterID("GCC-1")).WithMemberships().Only(ctx)
			if err != nil {
				t.Fatal(err)
			}
			supports := 0
			for _, m := range ght.Edges.Memberships {
				if m.Role == membership.RoleSUPPORT {
					supports++
				}
			}
			if len(ght.Edges.Memberships) < 2 || supports != 1 || ght.ValidFrom == nil || ght.ValidFrom.Format(time.DateOnly) != "2017-01-01" {
				t.Errorf("GHT GCC-1 after the sync: %d members, %d supports, from %v; want its members, one support, from 2017-01-01", len(ght.Edges.Memberships), supports, ght.ValidFrom)
			}
			st, err := datasync.ReadState(cache)
			if err != nil || st.LastSuccess == nil || len(st.Resources) != 2 {
				t.Fatalf("state after the first sync: %+v, %v", st, err)
			}

			before := snapshot(t, c)
			second, err := s.Sync(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			if n := pub.downloads(); n != 2 || second.Downloaded() != 0 || second.Changed() {
				t.Errorf("second sync downloaded (%d answers with a body, %d bytes) or changed something:\n%s", n-2, second.Downloaded(), second)
			}
			if !strings.Contains(second.String(), "nothing changed since the last sync") || !second.Items[0].NotModified {
				t.Errorf("second sync says:\n%s", second)
			}
			if after := snapshot(t, c); after != before {
				t.Error("the second sync changed the database")
			}

			// A newer extract: only it is downloaded, and imported.
			pub.set(finessSlug, etalabMay(t), etalabJune(t))
			third, err := s.Sync(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			if n := pub.downloads(); n != 3 || !third.Items[0].Imported || third.Items[1].Imported {
				t.Errorf("newer extract: %d downloads in all (want 3):\n%s", n, third)
			}
			if !strings.Contains(third.String(), "establishment +0 ~0 -1 =13") {
				t.Errorf("newer extract, report:\n%s", third)
			}
			// The daily file republished under the same URL (as the
			// "latest" resources are): the conditional request fetches it.
			daily := structures[3]
			daily.content = structuresVersion(t, time.Date(2026, 3, 10, 3, 0, 0, 0, time.UTC), true, false)
			daily.modified = time.Date(2026, 3, 10, 3, 0, 0, 0, time.UTC)
			pub.set(structuresSlug, append(structures[:3:3], daily)...)
			fourth, err := s.Sync(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			if n := pub.downloads(); n != 4 || fourth.Items[0].Imported || !fourth.Items[1].Imported || fourth.Items[1].NotModified {
				t.Errorf("republished daily file: %d downloads in all (want 4):\n%s", n, fourth)
			}
		})
	}
}

// TestHostilePublisher: each way a publisher can fail is a clear error
// naming the dataset, the resource and the URL, the database stays as
// it was, and a later sync works.
func TestHostilePublisher(t *testing.T) {
	ctx := context.Background()
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	offlineAPI := "http://" + closed.Addr().String() + "/api/1"
	_ = closed.Close()
	cases := []struct {
		name  string
		key   string // hostile key: a file name or "api:"+slug
		mode  string
		edit  func(f *file) // what the API announces of June's file
		api   string        // another API URL
		stall time.Duration
		want  []string // in the error
	}{
		{name: "api 404", key: "api:" + finessSlug, mode: "404", want: []string{"dataset " + finessSlug, "/api/1/datasets/" + finessSlug + "/", "404 Not Found"}},
		{name: "file 404", key: "{file}", mode: "404", want: []string{"dataset " + finessSlug, `resource "Extraction Finess des Etablissements au {day}/06/2026"`, "/files/{file}", "404 Not Found"}},
		{name: "truncated", key: "{file}", mode: "truncated", want: []string{"{file}", "truncated"}},
		{name: "wrong checksum", edit: func(f *file) { f.announcedSHA1 = strings.Repeat("ab", 20) }, want: []string{"{file}", "wrong checksum: sha1 abab"}},
		{name: "html API", key: "api:" + structuresSlug, mode: "html", want: []string{"dataset " + structuresSlug, `the API answered "text/html; charset=utf-8", not JSON`}},
		{name: "html file", key: "{file}", mode: "html", want: []string{"{file}", "an HTML page, not the csv file"}},
		{name: "far larger than announced", key: "{file}", mode: "huge", want: []string{"{file}", "far larger than the", "announced"}},
		{name: "declared far larger than announced", key: "{file}", mode: "huge-declared", want: []string{"{file}", "far larger than the", "announced"}},
		{name: "stalls", key: "{file}", mode: "stall", stall: 300 * time.Millisecond, want: []string{"{file}", "stalled: no data for 300ms"}},
		{name: "offline", api: offlineAPI, want: []string{"cannot reach the publisher, the data stays as it was", "offline", closed.Addr().String()}},
	}
	for name, db := range freshDatabases(t) {
		t.Run(name, func(t *testing.T) {
			c := db.Client
			pub := newPublisher(t)
			pub.set(finessSlug, etalabMay(t))
			pub.set(structuresSlug, structuresFiles(t)...)
			base := t.TempDir()
			if _, err := newSyncer(t, pub.api(), base, 5*time.Second, nil).Sync(ctx, c); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, c)
			for i, tc := range cases {
				t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
					cache := copyDir(t, base)
					// A newer extract each time, so that importing it
					// would change the database (a new source at least).
					june := etalabJuneDay(t, 13+i)
					fill := strings.NewReplacer("{file}", june.name, "{day}", fmt.Sprint(13+i)).Replace
					key := fill(tc.key)
					f := june
					if tc.edit != nil {
						tc.edit(&f)
					}
					pub.set(finessSlug, etalabMay(t), f)
					if key != "" {
						pub.setHostile(key, tc.mode)
						defer pub.setHostile(key, "")
					}
					api := pub.api()
					if tc.api != "" {
						api = tc.api
					}
					stall := 5 * time.Second
					if tc.stall > 0 {
						stall = tc.stall
					}
					start := time.Now()
					run, err := newSyncer(t, api, cache, stall, nil).Sync(ctx, c)
					if err == nil {
						t.Fatalf("no error; the run:\n%s", run)
					}
					for _, w := range tc.want {
						if w = fill(w); !strings.Contains(err.Error(), w) {
							t.Errorf("error %q\nlacks %q", err, w)
						}
					}
					if tc.name == "offline" && !errors.Is(err, datasync.ErrOffline) {
						t.Errorf("offline: %v is not ErrOffline", err)
					}
					if tc.stall > 0 && time.Since(start) > 10*tc.stall+5*time.Second {
						t.Errorf("the stalled download took %s to fail", time.Since(start))
					}
					if after := snapshot(t, c); after != before {
						t.Errorf("the database changed:\n%s\n%s", sortedLines(before), sortedLines(after))
					}
					st, _ := datasync.ReadState(cache)
					if st.LastRun == nil || st.LastRun.Error == "" || st.LastSuccess == nil || st.LastSuccess.Finished.After(st.LastRun.Started) {
						t.Errorf("state: the failed run not recorded, or recorded as a success")
					}
					// The publisher mends: the same cache syncs, a truncated
					// download resumed where it stopped.
					pub.setHostile(key, "")
					pub.set(finessSlug, etalabMay(t), june)
					run, err = newSyncer(t, pub.api(), cache, 5*time.Second, nil).Sync(ctx, c)
					if err != nil {
						t.Fatalf("after the publisher mends: %v", err)
					}
					if tc.mode == "truncated" && run.Items[0].Downloaded != int64(len(june.content)-len(june.content)/2) {
						t.Errorf("resumed download received %d bytes, want the second half (%d)", run.Items[0].Downloaded, len(june.content)-len(june.content)/2)
					}
					if !run.Items[0].Imported {
						t.Errorf("after the publisher mends, the extract is not imported:\n%s", run)
					}
					before = snapshot(t, c) // the next case starts from here
				})
			}
		})
	}
}

// copyDir copies the cache directory (flat files, one level of
// subdirectories).
func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
