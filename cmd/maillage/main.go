// Command maillage serves and maintains the Maillage cooperation graph.
//
//	maillage serve   [--addr :8080] [--db URL] [--db-replica URL] [--no-migrate] [--no-load]
//	maillage migrate [--db URL]
//	maillage import  FORMAT FILE [--db URL]
//	maillage sync    [--db URL] [--api URL] [--cache DIR] [--history FROM]
//	maillage gen     synthetic [--db URL] [--seed N] [--out FILE]
//	maillage token   create|list|revoke …
//	maillage version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/internal/datasync"
	"github.com/maillage/maillage/internal/ingest"

	"github.com/maillage/maillage/internal/store"
	"github.com/maillage/maillage/internal/synthetic"
	"github.com/maillage/maillage/server"
)

const usage = `maillage — who cooperates with whom in French health territories

Usage:
  maillage serve   [--addr :8080] [--db URL] [--db-replica URL] [--no-migrate] [--no-load] [limits…]
                   (maillage serve -h lists every limit, timeout and switch; each also MAILLAGE_*)
  maillage migrate [--db URL]
  maillage import  FORMAT FILE [--db URL]
  maillage sync    [--db URL] [--api URL] [--finess-dataset ID] [--structures-dataset ID]
                   [--cache DIR] [--stall-timeout 60s] [--history YYYY-MM]
  maillage gen     synthetic [--db URL] [--seed N] [--out FILE] [--with-real-data]
  maillage token   create --role partner|editor|admin [--territory CODE]… --name NAME [--expires YYYY-MM-DD]
  maillage token   list | revoke ID|NAME
  maillage version

FORMAT: finess (etalab extracts cs1100507, cs1100502, cs1100501),
structures (FINESS+ JSON), ght (the DGOS list of GHT members, xlsx or
csv), cooperation (Maillage cooperation file, YAML or CSV).
--db (or MAILLAGE_DB): sqlite://PATH (default sqlite://maillage.db) or postgres://…
sync downloads what changed in the FINESS datasets of data.gouv.fr into
the cache (default ./maillage-cache) and imports it; serve --sync-every 24h
does it in the background. Each flag also MAILLAGE_* (see README).
Logs: MAILLAGE_LOG_LEVEL=debug|info|warn|error, MAILLAGE_LOG_FORMAT=text|json.
`

func main() {
	logger := newLogger()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], logger); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "maillage:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, logger *slog.Logger) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return errors.New("missing command")
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], logger)
	case "migrate":
		return migrate(ctx, args[1:], logger)
	case "import":
		return importFile(ctx, args[1:], logger)
	case "sync":
		return runSync(ctx, args[1:], logger)
	case "gen":
		return generate(ctx, args[1:], logger)
	case "token":
		return token(ctx, args[1:])
	case "version", "--version":
		printVersion(os.Stdout)
		return nil
	case "help", "-h", "--help":
		fmt.Print(usage)
		return nil
	}
	fmt.Fprint(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

// dbFlag registers --db with its environment default.
func dbFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("MAILLAGE_DB")
	if def == "" {
		def = store.DefaultURL
	}
	return fs.String("db", def, "database URL: sqlite://PATH or postgres://… (several hosts: postgres://h1,h2/db?port=p1,p2&target_session_attrs=read-write follows the primary)")
}

// openStore opens the database; MAILLAGE_DB_LISTEN (serve: --db-listen)
// names a direct connection for the change listener when the URL goes
// through a pooler in transaction mode.
func openStore(ctx context.Context, url, listenURL string) (*store.DB, error) {
	return store.OpenWith(ctx, url, store.Options{ListenURL: listenURL})
}

func serve(ctx context.Context, args []string, logger *slog.Logger) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", envOr("MAILLAGE_ADDR", ":8080"), "listen address")
	dbURL := dbFlag(fs)
	noMigrate := fs.Bool("no-migrate", false, "do not create or upgrade the schema at start")
	noLoad := fs.Bool("no-load", false, "do not load the shipped datasets into an empty database")
	replicaURL := fs.String("db-replica", os.Getenv("MAILLAGE_DB_REPLICA"), "PostgreSQL read replica for queries (postgres://…); writes and the graph index use --db")
	listenURL := fs.String("db-listen", os.Getenv("MAILLAGE_DB_LISTEN"), "direct PostgreSQL URL for the change listener (LISTEN) when --db goes through a pooler in transaction mode (PgBouncer)")
	pprofAddr := fs.String("pprof-addr", os.Getenv("MAILLAGE_PPROF_ADDR"), "serve Go's profiler (/debug/pprof/) on this separate address, e.g. 127.0.0.1:6060 (empty: off); never expose it publicly")
	cfg, checkEnv := server.Flags(fs)
	syncSet, checkSyncEnv := syncFlags(fs)
	everyDefault, everyErr := envDuration("MAILLAGE_SYNC_EVERY", 0)
	syncEvery := fs.Duration("sync-every", everyDefault, "sync the registers from data.gouv.fr in the background this often (0: never; see maillage sync)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := checkEnv(); err != nil {
		return err
	}
	if err := errors.Join(checkSyncEnv(), everyErr); err != nil {
		return err
	}
	var syncer *datasync.Syncer
	if *syncEvery > 0 {
		var err error
		if syncer, err = datasync.New(syncSet.config()); err != nil {
			return err
		}
	}
	setMemoryLimit(logger)
	if *pprofAddr != "" {
		servePprof(*pprofAddr, logger)
	} else {
		// No profiler, no heap profile to read: the runtime would still
		// record the stack of an allocation every 512 kB (1.7% of a page
		// of 100 sites' CPU under load, its stacks being deep).
		runtime.MemProfileRate = 0
	}
	db, err := openStore(ctx, *dbURL, *listenURL)
	if err != nil {
		return err
	}
	defer db.Close()
	logger.Info("database", "url", db.URL, "dialect", db.Dialect)
	if !*noMigrate {
		if err := db.Migrate(ctx); err != nil {
			return err
		}
	}
	if !*noLoad {
		empty, err := ingest.Empty(ctx, db.Client)
		if err != nil {
			return err
		}
		if empty {
			logger.Info("empty database: loading the shipped datasets")
			if err := ingest.LoadShipped(ctx, db.Client, logger); err != nil {
				return err
			}
		}
	}
	if *replicaURL != "" {
		if err := db.UseReplica(ctx, *replicaURL); err != nil {
			return err
		}
		logger.Info("read replica", "url", db.ReplicaURL)
	}
	if syncer != nil {
		syncCtx, stopSync := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			syncer.Every(syncCtx, db.Client, *syncEvery, logger)
		}()
		defer func() { stopSync(); <-done }() // before the database closes
		logger.Info("background sync", "every", *syncEvery, "api", syncSet.api, "cache", syncSet.cache)
	}
	handlerOpts := []server.Option{server.WithConfig(*cfg)}
	if syncer != nil {
		handlerOpts = append(handlerOpts, server.WithLastSync(func() *time.Time { return datasync.LastSuccess(syncSet.cache) }))
	}
	srv := server.HTTPServer(*addr, server.New(db, logger, prometheus.NewRegistry(), handlerOpts...), logger, server.WithConfig(*cfg))
	logger.Info("listening", "addr", *addr, "graphql", "/graphql", "graphiql", cfg.GraphiQL, "introspection", cfg.Introspection,
		"rate_anonymous", cfg.AnonymousRate, "rate_token", cfg.TokenRate, "cors_origins", cfg.CORSOrigins, "query_timeout", cfg.QueryTimeout)
	if err := server.Serve(ctx, srv, logger); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

func migrate(ctx context.Context, args []string, logger *slog.Logger) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	dbURL := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openMigrated(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	logger.Info("schema up to date", "url", db.URL)
	return nil
}

func importFile(ctx context.Context, args []string, logger *slog.Logger) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	dbURL := dbFlag(fs)
	if len(args) < 2 {
		return fmt.Errorf("usage: maillage import FORMAT FILE [--db URL], FORMAT one of %s", strings.Join(ingest.Formats(), ", "))
	}
	format, file := args[0], args[1]
	if err := fs.Parse(args[2:]); err != nil {
		return err
	}
	if _, err := os.Stat(file); err != nil {
		return err
	}
	db, err := openMigrated(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	bar := newProgressBar()
	rep, err := ingest.ImportFile(ctx, db.Client, bar.show, format, file, "")
	bar.finish()
	if err != nil {
		return err
	}
	fmt.Println(rep)
	for _, w := range rep.Warnings {
		logger.Warn("import warning", "warning", w)
	}
	return nil
}

// generate writes the synthetic cooperation layer over the loaded
// register: imported into the database, or written to --out.
func generate(ctx context.Context, args []string, logger *slog.Logger) error {
	if len(args) == 0 || args[0] != "synthetic" {
		return errors.New("usage: maillage gen synthetic [--db URL] [--seed N] [--out FILE] [--with-real-data]")
	}
	fs := flag.NewFlagSet("gen synthetic", flag.ContinueOnError)
	dbURL := dbFlag(fs)
	seed := fs.Uint64("seed", 1, "random seed: the same seed and register give the same layer")
	out := fs.String("out", "", "write the layer as a cooperation file here instead of importing it")
	withReal := fs.Bool("with-real-data", false, "import the layer into a database that holds real cooperation records (benchmarks over the shipped data): synthetic records are sourced SYNTHETIC, but they mix with the real ones in every view")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	db, err := openMigrated(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if *out == "" && !*withReal {
		real, err := synthetic.RealCooperations(ctx, db.Client)
		if err != nil {
			return err
		}
		if real > 0 {
			return fmt.Errorf("%s holds %d real cooperation records: a synthetic layer would mix made-up GHTs, conventions and teams into them. Generate into a database of its own (a copy, or a register loaded alone), write a file with --out, or say --with-real-data", db.URL, real)
		}
	}
	layer, err := synthetic.Generate(ctx, db.Client, *seed)
	if err != nil {
		return err
	}
	for _, p := range layer.Planted {
		fmt.Printf("planted: %s %s\n", p.Rule, p.Key)
	}
	if *out != "" {
		return os.WriteFile(*out, layer.File, 0o644)
	}
	rep, err := ingest.Import(ctx, db.Client, nil, "cooperation", "synthetic.yaml", layer.File)
	if err != nil {
		return err
	}
	fmt.Println(rep)
	return nil
}

// openMigrated opens the database and brings its schema up to date.
func openMigrated(ctx context.Context, url string) (*store.DB, error) {
	db, err := openStore(ctx, url, os.Getenv("MAILLAGE_DB_LISTEN"))
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func newLogger() *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(envOr("MAILLAGE_LOG_LEVEL", "info"))); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if strings.EqualFold(os.Getenv("MAILLAGE_LOG_FORMAT"), "json") {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}
