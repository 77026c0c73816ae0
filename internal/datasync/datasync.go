// Package datasync keeps the registers up to date from data.gouv.fr
// (maillage sync, serve --sync-every): it finds the newest resources of
// each configured dataset (package datagouv), downloads what changed
// into a cache directory, imports the files in order through
// ingest.Import, and records what it did in a state file of the cache.
// --history replays a dataset's monthly versions in date order.
package datasync

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/source"
	"github.com/maillage/maillage/internal/datagouv"
	"github.com/maillage/maillage/internal/ingest"
	"github.com/maillage/maillage/internal/ingest/importer"
)

// The datasets Maillage follows on data.gouv.fr (see README, "Keeping
// the registers up to date", for where these identifiers come from).
const (
	// DefaultFinessDataset: the FINESS etalab extracts of the ministry
	// (dataset 53699569a3a729239d2046eb).
	DefaultFinessDataset = "finess-extraction-du-fichier-des-etablissements"
	// DefaultStructuresDataset: FINESS+ "FINESS - Structures" of the
	// Agence du numérique en santé, daily with monthly and yearly
	// versions.
	DefaultStructuresDataset = "finess-structures-1"
)

// Dataset is one data.gouv.fr dataset to follow and the import format
// of its files: "finess" (etalab extracts) or "structures" (FINESS+).
type Dataset struct {
	Format string
	ID     string // identifier or slug
}

// Config configures a Syncer.
type Config struct {
	API      string    // data.gouv.fr API base (datagouv.DefaultAPI)
	Datasets []Dataset // imported in this order
	CacheDir string
	// Stall: a download that receives nothing for this long fails
	// (datagouv.DefaultStall when zero).
	Stall time.Duration
	HTTP  *http.Client // nil: datagouv's default client
	// DownloadProgress (nil: none) returns the progress function of one
	// file's download.
	DownloadProgress func(name string) func(done, total int64)
	ImportProgress   importer.Progress
	// OnRun (nil: none) is told of every run, once it is recorded.
	OnRun func(*Run)
}

// Syncer runs syncs; one at a time.
type Syncer struct {
	cfg Config
	dg  *datagouv.Client
	mu  sync.Mutex
}

// New checks cfg and returns its Syncer.
func New(cfg Config) (*Syncer, error) {
	if cfg.API == "" {
		cfg.API = datagouv.DefaultAPI
	}
	if cfg.CacheDir == "" {
		return nil, errors.New("sync: no cache directory")
	}
	if len(cfg.Datasets) == 0 {
		return nil, errors.New("sync: no dataset to follow")
	}
	for _, d := range cfg.Datasets {
		if pickers[d.Format] == nil {
			return nil, fmt.Errorf("sync: dataset %s: format %q is not one sync knows (finess, structures)", d.ID, d.Format)
		}
		if strings.TrimSpace(d.ID) == "" {
			return nil, fmt.Errorf("sync: the %s dataset has no identifier", d.Format)
		}
	}
	return &Syncer{cfg: cfg, dg: &datagouv.Client{API: cfg.API, HTTP: cfg.HTTP, Stall: cfg.Stall, UserAgent: "maillage-sync"}}, nil
}

// Run is what one sync did, as printed and kept in the state file.
type Run struct {
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	History  string    `json:"history,omitempty"` // FROM, for a --history run
	Error    string    `json:"error,omitempty"`
	Offline  bool      `json:"offline,omitempty"`
	Items    []Item    `json:"items"`
}

// Item is one resource of a run.
type Item struct {
	Dataset     string    `json:"dataset"`
	Format      string    `json:"format"`
	Resource    string    `json:"resource"` // title
	URL         string    `json:"url"`
	Date        time.Time `json:"date"`      // the version's date, from its name
	Published   time.Time `json:"published"` // the API's last_modified
	Downloaded  int64     `json:"downloaded"`
	NotModified bool      `json:"notModified,omitempty"`
	Imported    bool      `json:"imported,omitempty"`
	Changes     int       `json:"changes"`
	Report      string    `json:"report,omitempty"`
}

// Changed says whether the run changed the database.
func (r *Run) Changed() bool {
	for _, it := range r.Items {
		if it.Imported && it.Changes > 0 {
			return true
		}
	}
	return false
}

// Downloaded is the bytes the run received.
func (r *Run) Downloaded() int64 {
	var n int64
	for _, it := range r.Items {
		n += it.Downloaded
	}
	return n
}

// String says what changed, one line per resource.
func (r *Run) String() string {
	var b strings.Builder
	for _, it := range r.Items {
		fmt.Fprintf(&b, "%s %s (%s): ", it.Format, it.Resource, it.Date.Format("02/01/2006"))
		switch {
		case it.NotModified:
			b.WriteString("not modified, nothing downloaded")
		case it.Downloaded > 0:
			fmt.Fprintf(&b, "downloaded %s", bytesText(it.Downloaded))
		default:
			b.WriteString("in the cache")
		}
		switch {
		case it.Imported:
			fmt.Fprintf(&b, "; imported: %s", it.Report)
		case it.Report != "":
			fmt.Fprintf(&b, "; %s", it.Report)
		}
		b.WriteString("\n")
	}
	switch {
	case r.Error != "":
		fmt.Fprintf(&b, "sync failed: %s\n", r.Error)
	case !r.Changed():
		b.WriteString("nothing changed since the last sync\n")
	}
	return b.String()
}

func bytesText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// ErrOffline is wrapped by the error of a sync that could not reach the
// publisher.
var ErrOffline = datagouv.ErrOffline

// Sync brings the database up to date with the newest version of every
// dataset.
func (s *Syncer) Sync(ctx context.Context, client *ent.Client) (*Run, error) {
	return s.run(ctx, client, time.Time{})
}

// History replays the monthly versions of the datasets that publish
// them (FINESS+ structures), from the month of from onwards, in date
// order, then brings everything up to date as Sync does.
func (s *Syncer) History(ctx context.Context, client *ent.Client, from time.Time) (*Run, error) {
	if from.IsZero() {
		return nil, errors.New("sync --history: no start month")
	}
	return s.run(ctx, client, from)
}

// planned is one resource to bring in.
type planned struct {
	dataset Dataset
	version
}

func (s *Syncer) run(ctx context.Context, client *ent.Client, history time.Time) (run *Run, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	run = &Run{Started: time.Now().UTC()}
	if !history.IsZero() {
		run.History = history.Format("2006-01")
	}
	st, err := ReadState(s.cfg.CacheDir)
	if err != nil {
		return nil, err
	}
	defer func() {
		run.Finished = time.Now().UTC()
		if err != nil {
			run.Error = err.Error()
			run.Offline = errors.Is(err, ErrOffline)
		} else {
			st.LastSuccess = run
		}
		st.LastRun = run
		if serr := writeState(s.cfg.CacheDir, st); serr != nil && err == nil {
			err = serr
		}
		if s.cfg.OnRun != nil {
			s.cfg.OnRun(run)
		}
	}()

	// 1. What to bring in: every dataset is read before anything is
	// downloaded, every file downloaded before anything is imported, so
	// that a publisher failing anywhere leaves the database as it was.
	var plan []planned
	for _, d := range s.cfg.Datasets {
		ds, err := s.dg.Dataset(ctx, d.ID)
		if err != nil {
			return run, offline(err)
		}
		versions, err := pickers[d.Format](ds, history)
		if err != nil {
			return run, fmt.Errorf("dataset %s: %w", d.ID, err)
		}
		for _, v := range versions {
			plan = append(plan, planned{dataset: d, version: v})
		}
	}

	// 2. Download what changed.
	for _, p := range plan {
		it, err := s.download(ctx, st, p)
		if err != nil {
			return run, offline(err)
		}
		run.Items = append(run.Items, it)
	}

	// 3. Import in order what this database lacks.
	for i, p := range plan {
		it := &run.Items[i]
		rs := st.Resources[p.key()]
		if rs.ImportedSHA256 == rs.SHA256 && rs.SourceKey != "" {
			if ok, err := client.Source.Query().Where(source.Key(rs.SourceKey)).Exist(ctx); err != nil {
				return run, err
			} else if ok {
				it.Report = "already imported"
				continue
			}
		}
		rep, err := s.importFile(ctx, client, p, filepath.Join(s.cfg.CacheDir, rs.File))
		if err != nil {
			return run, fmt.Errorf("dataset %s, resource %q: import: %w (this file changed nothing)", p.dataset.ID, p.res.Title, err)
		}
		it.Imported, it.Changes, it.Report = true, rep.Changes(), rep.String()
		rs.ImportedSHA256, rs.SourceKey, rs.ImportedAt = rs.SHA256, rep.Source, time.Now().UTC()
		if err := writeState(s.cfg.CacheDir, st); err != nil {
			return run, err
		}
	}
	return run, nil
}

func offline(err error) error {
	if errors.Is(err, ErrOffline) {
		return fmt.Errorf("cannot reach the publisher, the data stays as it was: %w", err)
	}
	return err
}

func (p planned) key() string {
	id := p.res.ID
	if id == "" {
		id = p.res.URL
	}
	return p.dataset.ID + "/" + id
}

// download brings one resource into the cache, asking only for what
// changed since the copy it has.
func (s *Syncer) download(ctx context.Context, st *State, p planned) (Item, error) {
	it := Item{Dataset: p.dataset.ID, Format: p.dataset.Format, Resource: p.res.Title, URL: p.res.URL, Date: p.date, Published: p.res.LastModified.Time}
	name := p.res.FileName()
	if name == "" || name == "." || name == ".." {
		name = "resource-" + p.res.ID
	}
	rel := filepath.Join(p.dataset.Format, safeName(name))
	path := filepath.Join(s.cfg.CacheDir, rel)
	rs := st.Resources[p.key()]
	var prev *datagouv.Validators
	if rs != nil && rs.URL == p.res.URL && rs.File == rel && rs.SHA256 != "" {
		if _, err := os.Stat(path); err == nil {
			prev = &rs.Validators
		}
	}
	var progress func(done, total int64)
	if s.cfg.DownloadProgress != nil {
		progress = s.cfg.DownloadProgress(name)
	}
	res, err := s.dg.Download(ctx, datagouv.Download{Dataset: p.dataset.ID, Resource: p.res, Path: path, Previous: prev, Progress: progress})
	if err != nil {
		return it, err
	}
	if rs == nil {
		rs = &ResourceState{}
		st.Resources[p.key()] = rs
	}
	it.Downloaded, it.NotModified = res.Received, res.NotModified
	rs.Dataset, rs.Format, rs.ID, rs.Title, rs.URL, rs.File = p.dataset.ID, p.dataset.Format, p.res.ID, p.res.Title, p.res.URL, rel
	rs.Published, rs.Checksum, rs.Validators = p.res.LastModified.Time, p.res.Checksum, res.Validators
	if res.NotModified {
		return it, nil // recorded with the run, at its end
	}
	rs.SHA256, rs.Size, rs.DownloadedAt = res.SHA256, res.Size, time.Now().UTC()
	return it, writeState(s.cfg.CacheDir, st)
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func safeName(s string) string { return unsafeChars.ReplaceAllString(s, "_") }

// importFile imports a cached file (gzip inflated as it is read): the
// national FINESS+ file streams, in bounded memory.
func (s *Syncer) importFile(ctx context.Context, client *ent.Client, p planned, path string) (*importer.Report, error) {
	return ingest.ImportFile(ctx, client, s.cfg.ImportProgress, p.dataset.Format, path, "")
}

// Every syncs at once, then every interval, until ctx ends; failures
// are logged, never fatal (serve --sync-every).
func (s *Syncer) Every(ctx context.Context, client *ent.Client, every time.Duration, logger *slog.Logger) {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		run, err := s.Sync(ctx, client)
		switch {
		case ctx.Err() != nil:
			return
		case errors.Is(err, ErrOffline):
			logger.Warn("sync: offline, the data stays as it was", "err", err, "next", every)
		case err != nil:
			logger.Error("sync failed, the data stays as it was", "err", err, "next", every)
		default:
			logger.Info("sync", "changed", run.Changed(), "downloaded", run.Downloaded(), "summary", strings.TrimSpace(run.String()), "next", every)
		}
		t.Reset(every)
	}
}

// ordered sorts versions by date.
func ordered(vs []version) []version {
	slices.SortStableFunc(vs, func(a, b version) int { return a.date.Compare(b.date) })
	return vs
}
