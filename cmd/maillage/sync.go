package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/maillage/maillage/internal/datagouv"
	"github.com/maillage/maillage/internal/datasync"
)

// syncSettings are the flags of sync, also taken by serve for
// --sync-every; each has its MAILLAGE_* variable.
type syncSettings struct {
	api, finess, structures, cache string
	stall                          time.Duration
}

func syncFlags(fs *flag.FlagSet) (*syncSettings, func() error) {
	s := &syncSettings{}
	fs.StringVar(&s.api, "api", envOr("MAILLAGE_DATAGOUV_API", datagouv.DefaultAPI), "data.gouv.fr API base URL")
	fs.StringVar(&s.finess, "finess-dataset", envOr("MAILLAGE_FINESS_DATASET", datasync.DefaultFinessDataset), "data.gouv.fr identifier or slug of the FINESS etalab extracts (none: skip)")
	fs.StringVar(&s.structures, "structures-dataset", envOr("MAILLAGE_STRUCTURES_DATASET", datasync.DefaultStructuresDataset), "data.gouv.fr identifier or slug of the FINESS+ structures files (none: skip)")
	fs.StringVar(&s.cache, "cache", envOr("MAILLAGE_SYNC_CACHE", "maillage-cache"), "directory keeping the downloaded files and the sync state")
	stallDefault, stallErr := envDuration("MAILLAGE_SYNC_STALL_TIMEOUT", datagouv.DefaultStall)
	fs.DurationVar(&s.stall, "stall-timeout", stallDefault, "a download that receives nothing for this long fails")
	return s, func() error { return stallErr }
}

func envDuration(key string, def time.Duration) (time.Duration, error) {
	v := os.Getenv(key)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return def, fmt.Errorf("%s=%q: %w", key, v, err)
	}
	return d, nil
}

func (s *syncSettings) config() datasync.Config {
	var ds []datasync.Dataset
	if s.finess != "" && s.finess != "none" {
		ds = append(ds, datasync.Dataset{Format: "finess", ID: s.finess})
	}
	if s.structures != "" && s.structures != "none" {
		ds = append(ds, datasync.Dataset{Format: "structures", ID: s.structures})
	}
	return datasync.Config{API: s.api, Datasets: ds, CacheDir: s.cache, Stall: s.stall}
}

// runSync is maillage sync [--history FROM].
func runSync(ctx context.Context, args []string, logger *slog.Logger) error {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	dbURL := dbFlag(fs)
	settings, checkEnv := syncFlags(fs)
	history := fs.String("history", "", "replay the monthly versions from this month on (YYYY-MM or YYYY-MM-DD), in date order, then sync")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := checkEnv(); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("sync: unexpected argument %q", fs.Arg(0))
	}
	var from time.Time
	if *history != "" {
		var err error
		if from, err = time.Parse("2006-01", *history); err != nil {
			if from, err = time.Parse("2006-01-02", *history); err != nil {
				return fmt.Errorf("--history %q: want YYYY-MM or YYYY-MM-DD", *history)
			}
		}
	}
	cfg := settings.config()
	bar := newProgressBar()
	cfg.ImportProgress = bar.show
	cfg.DownloadProgress = func(name string) func(done, total int64) { return bar.bytes(name) }
	s, err := datasync.New(cfg)
	if err != nil {
		return err
	}
	db, err := openMigrated(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	var run *datasync.Run
	if from.IsZero() {
		run, err = s.Sync(ctx, db.Client)
	} else {
		run, err = s.History(ctx, db.Client, from)
	}
	bar.finish()
	if run != nil {
		fmt.Print(run)
	}
	if errors.Is(err, datasync.ErrOffline) {
		return fmt.Errorf("offline: %w", err)
	}
	return err
}
