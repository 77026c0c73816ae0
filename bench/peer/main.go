// Command peer is the load driver of `make bench-peer`: it runs the same
// four GraphQL questions against Maillage (with its response cache as
// deployed, and with the cache off) and PostGraphile serving the same
// PostgreSQL database, one server after the other, five runs, and prints
// one markdown table of medians with their spread (optionally writing
// docs/performance.md).
//
// Each request draws its arguments from the question's population (any
// site of the register, any GHT, any legal entity that cooperates, any
// page of any département), the same sequence for every server, so that
// a response cache answers what it would answer in real traffic; the
// cache's hit rate is reported beside each figure.
//
// bench/peer/run.sh builds the database and starts the servers; this
// program only draws the populations, checks the answers, drives the load
// (vegeta, as a library) and reads pg_stat_statements, /metrics and /proc.
package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "github.com/lib/pq"
	vegeta "github.com/tsenart/vegeta/v12/lib"
)

type server struct {
	name string // Maillage, Maillage without its response cache, or PostGraphile
	url  string
	pid  int
	role string // PostgreSQL login role, to tell its statements apart
	doc  int    // which of a query's documents and extractors it takes
}

// The servers, in the order of the table's columns.
const (
	maillage = iota
	maillageNoCache
	peer
)

// query is one question, written idiomatically for each server, over a
// population of arguments: bodies[doc][i] is the request of draw i for
// the servers taking document doc. extract turns an answer into a
// canonical list of facts; the servers' lists must be equal (and the
// population's answers not all empty) before anything is timed.
type query struct {
	key, title, population string
	bodies                 [2][][]byte
	extract                [2]func(any) []string
	sortFacts              bool
	// sqlOnly: not load-tested, only counted (page-size check).
	sqlOnly bool
}

func (q query) size() int { return len(q.bodies[0]) }

// result is one server's figures on one question in one run.
type result struct {
	satRPS        float64
	satHits       float64 // response cache hit rate during the saturation run (Maillage)
	satCPU        float64 // the server's CPU time per request during the saturation run, ms (its processes, not the database's)
	satDBCPU      float64 // the database's CPU time per request during the saturation run, ms (with -pg-pid)
	p50, p95      time.Duration
	fixedRate     float64 // achieved
	fixedHits     float64
	sqlPerRequest float64
	topStatements []string
}

var (
	flagMaillage    = flag.String("maillage", "", "Maillage GraphQL URL")
	flagMaillagePID = flag.Int("maillage-pid", 0, "pid of maillage serve")
	flagNoCache     = flag.String("maillage-nocache", "", "GraphQL URL of a maillage serve without response cache (--response-cache-bytes 0)")
	flagNoCachePID  = flag.Int("maillage-nocache-pid", 0, "pid of that maillage serve")
	flagPeer        = flag.String("peer", "", "PostGraphile GraphQL URL")
	flagPeerPID     = flag.Int("peer-pid", 0, "pid of the PostGraphile master process (its workers are its children)")
	flagPeerVersion = flag.String("peer-version", "", "PostGraphile version, for the report")
	flagPeerWorkers = flag.Int("peer-workers", 0, "PostGraphile cluster workers, for the report")
	flagDB          = flag.String("db", "", "postgres:// URL of the benchmarked database, as a superuser (pg_stat_statements)")
	flagRuns        = flag.Int("runs", 5, "runs of every question on every server; the table gives medians and spreads")
	flagSat         = flag.Duration("sat", 5*time.Second, "duration of each saturation run")
	flagWorkers     = flag.Uint64("workers", 8, "concurrent requests in a saturation run")
	flagRate        = flag.Int("rate", 50, "requests per second of the fixed-rate runs")
	flagFixed       = flag.Duration("fixed", 5*time.Second, "duration of each fixed-rate run")
	flagWarm        = flag.Duration("warm", time.Second, "warm-up at saturation before each measured saturation run")
	flagDoc         = flag.String("doc", "", "write the report (markdown) here")
	flagPGPID       = flag.Int("pg-pid", 0, "pid of the PostgreSQL postmaster: logs the database's CPU time per request beside each server's (its backends are its children)")
	flagOnly        = flag.String("only", "", "run only these questions (comma-separated keys: a,b,c,d100), for profiling")
	flagServers     = flag.String("servers", "", "run only these servers (comma-separated: maillage,nocache,peer), for profiling")
)

func main() {
	flag.Parse()
	if *flagMaillage == "" || *flagNoCache == "" || *flagPeer == "" || *flagDB == "" || *flagMaillagePID == 0 || *flagNoCachePID == 0 || *flagPeerPID == 0 {
		fmt.Fprintln(os.Stderr, "usage: peer -maillage URL -maillage-pid PID -maillage-nocache URL -maillage-nocache-pid PID -peer URL -peer-pid PID -db URL [-doc FILE]")
		os.Exit(2)
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench-peer:", err)
		os.Exit(1)
	}
}

func logf(format string, args ...any) { fmt.Fprintf(os.Stderr, "bench-peer: "+format+"\n", args...) }

func run() error {
	ctx := context.Background()
	db, err := sql.Open("postgres", *flagDB)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	servers := []server{
		maillage:        {"Maillage", *flagMaillage, *flagMaillagePID, "maillage", 0},
		maillageNoCache: {"Maillage without response cache", *flagNoCache, *flagNoCachePID, "maillage", 0},
		peer:            {"PostGraphile", *flagPeer, *flagPeerPID, "peer", 1},
	}
	enabled := map[int]bool{maillage: true, maillageNoCache: true, peer: true}
	if *flagServers != "" {
		enabled = map[int]bool{}
		for _, n := range strings.Split(*flagServers, ",") {
			enabled[map[string]int{"maillage": maillage, "nocache": maillageNoCache, "peer": peer}[n]] = true
		}
	}

	queries, err := workloads(ctx, db, servers)
	if err != nil {
		return err
	}
	if *flagOnly != "" {
		keep := strings.Split(*flagOnly, ",")
		queries = slices.DeleteFunc(queries, func(q query) bool { return !slices.Contains(keep, q.key) })
	}
	for _, q := range queries {
		if err := check(servers, q); err != nil {
			return err
		}
	}
	logf("the servers give the same answers to the %d questions", len(queries))

	// results[q][server][run]
	results := map[string][][]result{}
	rates := map[string]int{}
	for _, q := range queries {
		results[q.key] = make([][]result, len(servers))
	}
	for run := range *flagRuns {
		for qi, q := range queries {
			rs := make([]result, len(servers))
			seed := uint64(1000*run + qi)
			for i, s := range servers {
				if q.sqlOnly || !enabled[i] {
					continue
				}
				if err := saturate(s, q, seed, &rs[i]); err != nil {
					return fmt.Errorf("run %d, %s, query %s: %w", run+1, s.name, q.key, err)
				}
				db := ""
				if *flagPGPID != 0 {
					db = fmt.Sprintf(", %.3f ms the database's", rs[i].satDBCPU)
				}
				logf("run %d: %s %s: %.0f req/s at saturation; CPU per request: %.3f ms its own%s (cache hit rate %s)", run+1, s.name, q.key, rs[i].satRPS, rs[i].satCPU, db, pct(rs[i].satHits))
			}
			// The fixed rate is set on the first run (-rate, or half the
			// slowest server's saturation throughput when lower) and kept.
			rate, ok := rates[q.key]
			if !ok {
				rate = *flagRate
				if !q.sqlOnly {
					for i, r := range rs {
						if enabled[i] {
							rate = min(rate, max(1, int(r.satRPS/2)))
						}
					}
				}
				rates[q.key] = rate
			}
			for i, s := range servers {
				if !enabled[i] {
					continue
				}
				if err := fixedRate(ctx, db, s, q, seed, rate, &rs[i]); err != nil {
					return fmt.Errorf("run %d, %s, query %s: %w", run+1, s.name, q.key, err)
				}
				logf("run %d: %s %s: at %d req/s median %s p95 %s; %.2f SQL statements per request (cache hit rate %s)",
					run+1, s.name, q.key, rate, ms(rs[i].p50), ms(rs[i].p95), rs[i].sqlPerRequest, pct(rs[i].fixedHits))
				if run == 0 {
					for _, st := range rs[i].topStatements {
						logf("    %s", st)
					}
				}
			}
			for i := range servers {
				results[q.key][i] = append(results[q.key][i], rs[i])
			}
		}
	}

	mem := make([]float64, len(servers))
	memText := make([]string, len(servers))
	for i, s := range servers {
		rss, hwm, n, err := treeMemory(s.pid)
		if err != nil {
			return fmt.Errorf("%s memory: %w", s.name, err)
		}
		mem[i] = rss
		memText[i] = fmt.Sprintf("%.0f MB (peak %.0f MB)", rss, hwm)
		if n > 1 {
			memText[i] = fmt.Sprintf("%.0f MB in %d processes (peaks %.0f MB)", rss, n, hwm)
		}
	}

	table, goals := report(queries, results, rates, mem, memText)
	fmt.Println(table)
	fmt.Println(goals)
	if *flagDoc != "" {
		if err := os.WriteFile(*flagDoc, []byte(document(ctx, db, queries, table, goals)), 0o644); err != nil {
			return err
		}
		logf("wrote %s", *flagDoc)
	}
	return nil
}

func pct(f float64) string {
	if f < 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*f)
}

// today is the validity condition of a dated table, [valid_from,
// valid_to) by day: what Maillage shows when a request names no date.
const today = `(valid_from IS NULL OR valid_from::date <= current_date) AND (valid_to IS NULL OR valid_to::date > current_date)`

func strings1(ctx context.Context, db *sql.DB, q string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// workloads draws the populations from the database, and for pages walks
// each server's cursors (each server pages its own idiomatic way, by
// cursor).
func workloads(ctx context.Context, db *sql.DB, servers []server) ([]query, error) {
	sites, err := strings1(ctx, db, `SELECT finess FROM establishments WHERE finess IS NOT NULL AND `+today+` ORDER BY finess`)
	if err != nil {
		return nil, err
	}
	ghts, err := strings1(ctx, db, `SELECT code FROM groupings WHERE kind = 'GHT' AND code IS NOT NULL AND `+today+` ORDER BY code`)
	if err != nil {
		return nil, err
	}
	// Organisations that take part in some cooperation, as id|finess.
	orgs, err := strings1(ctx, db, `SELECT le.id || '|' || le.finess FROM legal_entities le WHERE le.finess IS NOT NULL AND (
		EXISTS (SELECT 1 FROM memberships m WHERE m.legal_entity_id = le.id)
		OR EXISTS (SELECT 1 FROM convention_parties p WHERE p.legal_entity_id = le.id)
		OR EXISTS (SELECT 1 FROM filiere_roles r WHERE r.legal_entity_id = le.id)
		OR EXISTS (SELECT 1 FROM team_sites t JOIN establishments s ON s.id = t.establishment_id WHERE s.legal_entity_id = le.id))
		ORDER BY le.id`)
	if err != nil {
		return nil, err
	}
	depts, err := strings1(ctx, db, `SELECT DISTINCT department_code FROM establishments WHERE department_code IS NOT NULL AND `+today+` ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	if len(sites) == 0 || len(ghts) == 0 || len(orgs) == 0 || len(depts) == 0 {
		return nil, fmt.Errorf("empty population: %d sites, %d GHTs, %d cooperating organisations, %d départements", len(sites), len(ghts), len(orgs), len(depts))
	}

	a := query{
		key: "a", title: "a. site by FINESS, with its legal entity",
		population: fmt.Sprintf("any of the %d sites open today", len(sites)),
		extract: [2]func(any) []string{
			func(v any) []string {
				return facts(all(v, "data.establishment"), "finess", "name", "legalEntity.finess", "legalEntity.name", "latitude", "longitude")
			},
			func(v any) []string {
				return facts(all(v, "data.establishments.nodes[]"), "finess", "name", "legalEntity.finess", "legalEntity.name", "latitude", "longitude")
			},
		},
	}
	for _, f := range sites {
		a.bodies[0] = append(a.bodies[0], body(fmt.Sprintf(`{ establishment(finess: %q) { finess name legalEntity { finess name } latitude longitude } }`, f)))
		a.bodies[1] = append(a.bodies[1], body(fmt.Sprintf(`{ establishments(condition: {finess: %q}, first: 1) { nodes { finess name legalEntity { finess name } latitude longitude } } }`, f)))
	}

	b := query{
		key: "b", title: "b. GHT → members → their groupings (3 levels)",
		population: fmt.Sprintf("any of the %d GHTs", len(ghts)),
		extract: [2]func(any) []string{
			func(v any) []string {
				var out []string
				for _, m := range all(v, "data.grouping.memberships[]") {
					for _, f := range facts(all(m, "legalEntity.memberships[]"), "role", "grouping.code", "grouping.kind", "grouping.name") {
						out = append(out, fmt.Sprint(one(m, "role"), "|", one(m, "legalEntity.finess"), "|", one(m, "legalEntity.name"), "|", f))
					}
				}
				return out
			},
			func(v any) []string {
				var out []string
				for _, m := range all(v, "data.groupings.nodes[].memberships.nodes[]") {
					for _, f := range facts(all(m, "legalEntity.memberships.nodes[]"), "role", "grouping.code", "grouping.kind", "grouping.name") {
						out = append(out, fmt.Sprint(one(m, "role"), "|", one(m, "legalEntity.finess"), "|", one(m, "legalEntity.name"), "|", f))
					}
				}
				return out
			},
		},
		sortFacts: true,
	}
	for _, g := range ghts {
		b.bodies[0] = append(b.bodies[0], body(fmt.Sprintf(`{ grouping(code: %q) { code name memberships(first: 100) { role legalEntity { finess name memberships(first: 100) { role grouping { code kind name } } } } } }`, g)))
		b.bodies[1] = append(b.bodies[1], body(fmt.Sprintf(`{ groupings(condition: {code: %q}, first: 1) { nodes { code name memberships(first: 100) { nodes { role legalEntity { finess name memberships(first: 100) { nodes { role grouping { code kind name } } } } } } } } }`, g)))
	}

	c := query{
		key: "c", title: "c. neighbourhood of depth 2 of an organisation",
		population: fmt.Sprintf("any of the %d legal entities that take part in a cooperation", len(orgs)),
		extract: [2]func(any) []string{
			func(v any) []string {
				var out []string
				for _, n := range all(v, "data.neighborhood.nodes[]") {
					out = append(out, neighbour(one(n, "kind"), one(n, "finess"), one(n, "code"), one(n, "label")))
				}
				return dedup(out)
			},
			func(v any) []string {
				var out []string
				for _, n := range all(v, "data.neighbourhood.nodes[]") {
					out = append(out, neighbour(one(n, "kind"), one(n, "code"), one(n, "code"), one(n, "label")))
				}
				return dedup(out)
			},
		},
		sortFacts: true,
	}
	for _, o := range orgs {
		id, finess, _ := strings.Cut(o, "|")
		c.bodies[0] = append(c.bodies[0], body(fmt.Sprintf(`{ neighborhood(id: %q, depth: 2) { nodes { id kind label finess code } edges { source target role } } }`, id)))
		// PostGraphile: the SQL function a user would write (run.sh
		// creates it), exposed as a root field.
		c.bodies[1] = append(c.bodies[1], body(fmt.Sprintf(`{ neighbourhood(finess: %q) { nodes { kind code label } } }`, finess)))
	}

	page := func(n int) (query, error) {
		q := query{
			key:   fmt.Sprintf("d%d", n),
			title: fmt.Sprintf("d. page of %d sites of a département with their legal entities", n),
			extract: [2]func(any) []string{
				func(v any) []string {
					return facts(all(v, "data.establishments.edges[].node"), "finess", "name", "legalEntity.finess", "legalEntity.name")
				},
				func(v any) []string {
					return facts(all(v, "data.establishments.nodes[]"), "finess", "name", "legalEntity.finess", "legalEntity.name")
				},
			},
			sqlOnly: n != 100,
		}
		for _, d := range depts {
			// Each server's cursors, walked page by page.
			var after [2][]string
			for doc, s := range []server{servers[maillageNoCache], servers[peer]} {
				cursor := ""
				for {
					after[doc] = append(after[doc], cursor)
					if n != 100 {
						break // the page-size check asks first pages only
					}
					arg := ""
					if cursor != "" {
						arg = fmt.Sprintf(", after: %q", cursor)
					}
					var doc string
					if s.doc == 0 {
						// entgql computes cursors of the edges asked for only.
						doc = fmt.Sprintf(`{ establishments(first: %d%s, where: {departmentCode: %q}) { edges { cursor } pageInfo { endCursor hasNextPage } } }`, n, arg, d)
					} else {
						doc = fmt.Sprintf(`{ establishments(first: %d%s, condition: {departmentCode: %q}) { pageInfo { endCursor hasNextPage } } }`, n, arg, d)
					}
					v, err := post(s.url, doc)
					if err != nil {
						return q, fmt.Errorf("%s, pages of département %s: %w", s.name, d, err)
					}
					next, _ := one(v, "data.establishments.pageInfo.hasNextPage").(bool)
					cursor, _ = one(v, "data.establishments.pageInfo.endCursor").(string)
					if !next || cursor == "" {
						break
					}
				}
			}
			if len(after[0]) != len(after[1]) {
				return q, fmt.Errorf("département %s: Maillage has %d pages of %d, PostGraphile %d", d, len(after[0]), n, len(after[1]))
			}
			for i := range after[0] {
				arg := func(c string) string {
					if c == "" {
						return ""
					}
					return fmt.Sprintf(", after: %q", c)
				}
				q.bodies[0] = append(q.bodies[0], body(fmt.Sprintf(`{ establishments(first: %d%s, where: {departmentCode: %q}) { edges { node { finess name legalEntity { finess name } } } } }`, n, arg(after[0][i]), d)))
				q.bodies[1] = append(q.bodies[1], body(fmt.Sprintf(`{ establishments(first: %d%s, condition: {departmentCode: %q}) { nodes { finess name legalEntity { finess name } } } }`, n, arg(after[1][i]), d)))
			}
		}
		q.population = fmt.Sprintf("any of the %d pages of the %d départements", q.size(), len(depts))
		if n != 100 {
			q.population = fmt.Sprintf("the first page of any of the %d départements", len(depts))
		}
		return q, nil
	}
	d100, err := page(100)
	if err != nil {
		return nil, err
	}
	d20, err := page(20)
	if err != nil {
		return nil, err
	}
	qs := []query{a, b, c, d100, d20}
	for _, q := range qs {
		logf("question %s: %s", q.key, q.population)
	}
	return qs, nil
}

// neighbour is the fact of one node of a neighbourhood: an organisation
// by FINESS and name, a grouping or convention by code, another object by
// kind and name.
func neighbour(kind, finess, code, label any) string {
	switch kind {
	case "LEGAL_ENTITY":
		return fmt.Sprint("org ", finess, " ", label)
	case "GROUPING", "CONVENTION":
		return fmt.Sprint("object ", kind, " ", code)
	default:
		return fmt.Sprint("object ", kind, " ", label)
	}
}

// check fails unless every server gives the same facts on a sample of
// the population (the first draw and 7 random ones), not all empty.
func check(servers []server, q query) error {
	r := rand.New(rand.NewPCG(42, uint64(len(q.key))))
	sample := []int{0}
	for range 7 {
		sample = append(sample, r.IntN(q.size()))
	}
	total := 0
	for _, i := range sample {
		got := make([][]string, len(servers))
		for si, s := range servers {
			v, err := postBody(s.url, q.bodies[s.doc][i])
			if err != nil {
				return fmt.Errorf("%s, query %s, %s: %w", s.name, q.key, q.bodies[s.doc][i], err)
			}
			got[si] = q.extract[s.doc](v)
			if q.sortFacts {
				slices.Sort(got[si])
			}
		}
		for si := 1; si < len(got); si++ {
			if !slices.Equal(got[0], got[si]) {
				return fmt.Errorf("query %s, %s: the servers disagree\n%s: %d facts\n  %s\n%s: %d facts\n  %s", q.key, q.bodies[0][i],
					servers[0].name, len(got[0]), strings.Join(got[0], "\n  "),
					servers[si].name, len(got[si]), strings.Join(got[si], "\n  "))
			}
		}
		total += len(got[0])
	}
	if total == 0 {
		return fmt.Errorf("query %s: empty answers on the whole sample", q.key)
	}
	logf("query %s: %d facts agree on %d draws", q.key, total, len(sample))
	return nil
}

// targeter draws a request of q for s at random: the same seed gives
// every server the same sequence of draws.
func targeter(s server, q query, seed uint64) vegeta.Targeter {
	var mu sync.Mutex
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	bodies := q.bodies[s.doc]
	return func(t *vegeta.Target) error {
		mu.Lock()
		i := r.IntN(len(bodies))
		mu.Unlock()
		t.Method = http.MethodPost
		t.URL = s.url
		t.Body = bodies[i]
		// Identity: PostGraphile compresses nothing by itself, so both
		// servers are measured writing the same bytes, and the load
		// generator, on the same cores, inflates nobody's answers.
		t.Header = http.Header{"Content-Type": []string{"application/json"}, "Accept-Encoding": []string{"identity"}}
		return nil
	}
}

// cacheLookups reads a Maillage server's response cache counters from
// its /metrics (zeros for a server without them).
func cacheLookups(s server) (hits, misses float64) {
	if s.doc != 0 {
		return 0, 0
	}
	resp, err := http.Get(strings.TrimSuffix(s.url, "/graphql") + "/metrics")
	if err != nil {
		return 0, 0
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		name, value, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		f, _ := strconv.ParseFloat(value, 64)
		switch name {
		case `maillage_response_cache_lookups_total{result="hit"}`:
			hits = f
		case `maillage_response_cache_lookups_total{result="miss"}`:
			misses = f
		}
	}
	return hits, misses
}

// hitRate measures the cache hit rate of s over f; -1 when s has no
// cache (no lookups).
func hitRate(s server, f func() error) (float64, error) {
	h0, m0 := cacheLookups(s)
	err := f()
	h1, m1 := cacheLookups(s)
	if n := (h1 - h0) + (m1 - m0); n > 0 {
		return (h1 - h0) / n, err
	}
	return -1, err
}

// saturate measures a server's throughput on a question at saturation,
// after a warm-up, and the cache's hit rate during the measured run.
func saturate(s server, q query, seed uint64, r *result) error {
	if _, err := attack(targeter(s, q, seed^0xabcdef), vegeta.Rate{}, *flagWarm, *flagWorkers); err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}
	var m *vegeta.Metrics
	cpu0, db0 := treeCPU(s.pid), treeCPU(*flagPGPID)
	hits, err := hitRate(s, func() (err error) {
		m, err = attack(targeter(s, q, seed), vegeta.Rate{}, *flagSat, *flagWorkers)
		return err
	})
	if err != nil {
		return fmt.Errorf("saturation: %w", err)
	}
	r.satRPS, r.satHits = m.Throughput, hits
	if m.Requests > 0 {
		r.satCPU = (treeCPU(s.pid) - cpu0) * 1000 / float64(m.Requests)
		r.satDBCPU = (treeCPU(*flagPGPID) - db0) * 1000 / float64(m.Requests)
	}
	return nil
}

// treeCPU returns the CPU time (user and system, seconds) a process and
// its children (PostGraphile's workers) have used. Per request, it tells
// servers apart on a machine too busy for throughput to: a request's CPU
// time changes little with what else runs.
func treeCPU(pid int) float64 {
	total := 0.0
	if pid == 0 {
		return 0
	}
	for _, p := range treePIDs(pid) {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p))
		if err != nil {
			continue
		}
		// pid (comm) state ppid … utime stime: fields 14 and 15.
		f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		if len(f) < 13 {
			continue
		}
		ut, _ := strconv.ParseFloat(f[11], 64)
		st, _ := strconv.ParseFloat(f[12], 64)
		total += (ut + st) / 100 // USER_HZ, 100 on Linux
	}
	return total
}

// fixedRate measures latency at a fixed rate, and counts the SQL
// statements of the run (pg_stat_statements reset just before).
func fixedRate(ctx context.Context, db *sql.DB, s server, q query, seed uint64, rate int, r *result) error {
	if _, err := db.ExecContext(ctx, "SELECT pg_stat_statements_reset()"); err != nil {
		return fmt.Errorf("pg_stat_statements: %w", err)
	}
	fixed := *flagFixed
	if q.sqlOnly {
		fixed = 2 * time.Second
	}
	var m *vegeta.Metrics
	hits, err := hitRate(s, func() (err error) {
		m, err = attack(targeter(s, q, seed+7), vegeta.Rate{Freq: rate, Per: time.Second}, fixed, 0)
		return err
	})
	if err != nil {
		return fmt.Errorf("fixed rate: %w", err)
	}
	r.p50, r.p95, r.fixedRate, r.fixedHits = m.Latencies.P50, m.Latencies.P95, m.Throughput, hits
	var calls int64
	err = db.QueryRowContext(ctx, `SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s
		JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = $1`, s.role).Scan(&calls)
	if err != nil {
		return fmt.Errorf("pg_stat_statements: %w", err)
	}
	r.sqlPerRequest = float64(calls) / float64(m.Requests)
	r.topStatements = nil
	rows, err := db.QueryContext(ctx, `SELECT calls, regexp_replace(left(query, 110), '\s+', ' ', 'g') FROM pg_stat_statements s
		JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = $1 ORDER BY calls DESC LIMIT 4`, s.role)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var n int64
		var text string
		if err := rows.Scan(&n, &text); err != nil {
			return err
		}
		r.topStatements = append(r.topStatements, fmt.Sprintf("%.2f/request: %s", float64(n)/float64(m.Requests), text))
	}
	return rows.Err()
}

// treeMemory returns VmRSS and VmHWM in MB of a process and its
// children (PostGraphile's cluster workers), and how many processes.
func treeMemory(pid int) (rss, hwm float64, n int, err error) {
	for _, p := range treePIDs(pid) {
		r, h, e := memory(p)
		if e != nil {
			if p == pid {
				return 0, 0, 0, e
			}
			continue
		}
		rss += r
		hwm = max(hwm, h)
		n++
	}
	return rss, hwm, n, nil
}

// treePIDs returns pid and its children's.
func treePIDs(pid int) []int {
	pids := []int{pid}
	if entries, e := filepath.Glob("/proc/[0-9]*/stat"); e == nil {
		for _, f := range entries {
			b, e := os.ReadFile(f)
			if e != nil {
				continue
			}
			// pid (comm) state ppid …: comm may hold spaces.
			rest := string(b[bytes.LastIndexByte(b, ')')+1:])
			var state string
			var ppid int
			if _, e := fmt.Sscan(rest, &state, &ppid); e == nil && ppid == pid {
				child, _ := strconv.Atoi(filepath.Base(filepath.Dir(f)))
				pids = append(pids, child)
			}
		}
	}
	return pids
}

// median and spread of xs.
func stats(xs []float64) (med, lo, hi float64) {
	if len(xs) == 0 {
		return 0, 0, 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	med = s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	return med, s[0], s[n-1]
}

func column(rs []result, f func(result) float64) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = f(r)
	}
	return out
}

// cell is "median (min–max)" of a figure over the runs.
func cell(xs []float64, format string) string {
	if len(xs) == 0 {
		return "–"
	}
	med, lo, hi := stats(xs)
	if len(xs) == 1 || lo == hi {
		return fmt.Sprintf(format, med)
	}
	return fmt.Sprintf(format+" ("+format+"–"+format+")", med, lo, hi)
}

func hitCell(xs []float64) string {
	if len(xs) == 0 || xs[0] < 0 {
		return "–"
	}
	med, lo, hi := stats(xs)
	return fmt.Sprintf("%.0f%% (%.0f–%.0f)", 100*med, 100*lo, 100*hi)
}

func medianOf(rs []result, f func(result) float64) float64 {
	m, _, _ := stats(column(rs, f))
	return m
}

// report writes the table (Maillage as deployed with its cache's hit
// rate, Maillage with the cache off, PostGraphile, and both ratios to
// PostGraphile, of medians) and the goals.
func report(queries []query, results map[string][][]result, rates map[string]int, mem []float64, memText []string) (string, string) {
	var t strings.Builder
	fmt.Fprintf(&t, "| question | measure (median of %d runs, with min–max) | Maillage as deployed | its cache hit rate | Maillage engine (cache off) | PostGraphile | as deployed / PostGraphile | engine / PostGraphile |\n|---|---|--:|--:|--:|--:|--:|--:|\n", *flagRuns)
	type goal struct {
		name  string
		ok    bool
		worst float64
	}
	deployed := goal{"Maillage as deployed, on the drawn traffic: at least 3× PostGraphile's throughput at saturation on every question", true, 1e9}
	engine := goal{"Maillage's engine (cache off): at least 1.5× PostGraphile's throughput at saturation on every question", true, 1e9}
	latency := goal{"Maillage's engine (cache off): a lower p95 than PostGraphile's at the fixed rate on every question", true, 1e9}
	var notes []string
	sqlPer := func(r result) float64 { return r.sqlPerRequest }
	for _, q := range queries {
		r := results[q.key]
		if len(r[maillage]) == 0 {
			continue
		}
		if q.sqlOnly {
			fmt.Fprintf(&t, "| %s | SQL statements per request | %s | | %s | %s | | %s |\n", q.title,
				cell(column(r[maillage], sqlPer), "%.2f"), cell(column(r[maillageNoCache], sqlPer), "%.2f"), cell(column(r[peer], sqlPer), "%.2f"),
				ratio(medianOf(r[maillageNoCache], sqlPer), medianOf(r[peer], sqlPer)))
			continue
		}
		sat := func(x result) float64 { return x.satRPS }
		fmt.Fprintf(&t, "| %s | requests/s at saturation (%d concurrent, %s) | %s | %s | %s | %s | **%s** | **%s** |\n", q.title, *flagWorkers, *flagSat,
			cell(column(r[maillage], sat), "%.0f"), hitCell(column(r[maillage], func(x result) float64 { return x.satHits })),
			cell(column(r[maillageNoCache], sat), "%.0f"), cell(column(r[peer], sat), "%.0f"),
			ratio(medianOf(r[maillage], sat), medianOf(r[peer], sat)), ratio(medianOf(r[maillageNoCache], sat), medianOf(r[peer], sat)))
		rate := rates[q.key]
		lat := func(name string, d func(result) time.Duration) {
			f := func(x result) float64 { return float64(d(x)) / float64(time.Millisecond) }
			fmt.Fprintf(&t, "| | %s latency at %d req/s | %s ms | %s | %s ms | %s ms | %s | %s |\n", name, rate,
				cell(column(r[maillage], f), "%.1f"), hitCell(column(r[maillage], func(x result) float64 { return x.fixedHits })),
				cell(column(r[maillageNoCache], f), "%.1f"), cell(column(r[peer], f), "%.1f"),
				ratio(medianOf(r[maillage], f), medianOf(r[peer], f)), ratio(medianOf(r[maillageNoCache], f), medianOf(r[peer], f)))
		}
		lat("median", func(x result) time.Duration { return x.p50 })
		lat("p95", func(x result) time.Duration { return x.p95 })
		fmt.Fprintf(&t, "| | SQL statements per request | %s | | %s | %s | %s | %s |\n",
			cell(column(r[maillage], sqlPer), "%.2f"), cell(column(r[maillageNoCache], sqlPer), "%.2f"), cell(column(r[peer], sqlPer), "%.2f"),
			ratio(medianOf(r[maillage], sqlPer), medianOf(r[peer], sqlPer)), ratio(medianOf(r[maillageNoCache], sqlPer), medianOf(r[peer], sqlPer)))
		for i, name := range []string{"Maillage as deployed", "Maillage's engine", "PostGraphile"} {
			for run, x := range r[i] {
				if x.fixedRate < 0.95*float64(rate) {
					notes = append(notes, fmt.Sprintf("%s did not sustain %d req/s on question %s in run %d (%.0f req/s)", name, rate, q.key, run+1, x.fixedRate))
				}
			}
		}
		withCache := medianOf(r[maillage], sat) / medianOf(r[peer], sat)
		noCache := medianOf(r[maillageNoCache], sat) / medianOf(r[peer], sat)
		p95 := func(x result) float64 { return float64(x.p95) }
		p95Ratio := medianOf(r[maillageNoCache], p95) / medianOf(r[peer], p95)
		deployed.worst, engine.worst = min(deployed.worst, withCache), min(engine.worst, noCache)
		latency.worst = min(latency.worst, 1/p95Ratio)
		if withCache < 3 {
			deployed.ok = false
			notes = append(notes, fmt.Sprintf("question %s: Maillage as deployed at %.2f× PostGraphile's throughput, below 3×", q.key, withCache))
		}
		if noCache < 1.5 {
			engine.ok = false
			notes = append(notes, fmt.Sprintf("question %s: Maillage's engine at %.2f× PostGraphile's throughput, below 1.5×", q.key, noCache))
		}
		if p95Ratio >= 1 {
			latency.ok = false
			notes = append(notes, fmt.Sprintf("question %s: Maillage's engine p95 at %.2f× PostGraphile's", q.key, p95Ratio))
		}
	}
	fmt.Fprintf(&t, "| all | server resident memory after the runs (VmRSS) | %s | | %s | %s | %s | %s |\n",
		memText[maillage], memText[maillageNoCache], memText[peer], ratio(mem[maillage], mem[peer]), ratio(mem[maillageNoCache], mem[peer]))

	var g strings.Builder
	verdict := func(ok bool) string {
		if ok {
			return "**met**"
		}
		return "**not met**"
	}
	fmt.Fprintf(&g, "- %s: %s (lowest ratio %.2f×).\n", deployed.name, verdict(deployed.ok), deployed.worst)
	fmt.Fprintf(&g, "- %s: %s (lowest ratio %.2f×).\n", engine.name, verdict(engine.ok), engine.worst)
	fmt.Fprintf(&g, "- %s: %s (PostGraphile's p95 over Maillage's, lowest %.2f×).\n", latency.name, verdict(latency.ok), latency.worst)
	// Page-size independence is a property of the query engine: counted
	// on the server without the cache.
	if len(results["d20"]) > 0 && len(results["d20"][maillageNoCache]) > 0 && len(results["d100"]) > 0 {
		d20, d100 := medianOf(results["d20"][maillageNoCache], sqlPer), medianOf(results["d100"][maillageNoCache], sqlPer)
		fmt.Fprintf(&g, "- SQL statements per request independent of page size (Maillage's engine, question d with first: 20 and first: 100: %.2f and %.2f): %s.\n", d20, d100, verdict(d20 == d100))
	}
	for _, n := range notes {
		fmt.Fprintf(&g, "- Note: %s.\n", n)
	}
	return t.String(), g.String()
}

func postBody(url string, b []byte) (any, error) {
	resp, err := http.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var v any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return nil, fmt.Errorf("HTTP %d, undecodable answer: %w", resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusOK || one(v, "errors") != nil {
		return nil, fmt.Errorf("HTTP %d: %s", resp.StatusCode, compact(v))
	}
	return v, nil
}

func document(ctx context.Context, db *sql.DB, queries []query, table, goals string) string {
	var pgVersion string
	_ = db.QueryRowContext(ctx, "SHOW server_version").Scan(&pgVersion)
	nodeVersion, _ := exec.Command("node", "--version").Output()
	var pops strings.Builder
	for _, q := range queries {
		fmt.Fprintf(&pops, "- **%s**: %s;\n", q.key, q.population)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `# Performance: Maillage side by side with PostGraphile

Someone choosing Maillage could instead point an auto-generated GraphQL
server at the same PostgreSQL database. This page compares the two on the
same data and the same questions: Maillage (`+"`maillage serve`"+`) and
PostGraphile %s run as its documentation recommends for production
(`+"`NODE_ENV=production`"+`, `+"`--cluster-workers %d`"+`: one worker per core,
no mutations, dynamic JSON, no query log, simplify-inflector), both
reading one PostgreSQL %s database that holds the shipped national
FINESS data plus the synthetic cooperation layer (`+"`maillage gen synthetic`"+`:
about 150 GHTs, 1,000 GCS, 5,000 conventions, 500 teams, filières).

Maillage is measured twice, two processes on the same database: **as
deployed** (`+"`maillage serve`"+` with its default 64 MiB response cache, which
answers a read of open data asked again before the data changed without
running it) and its **engine**, the cache off (`+"`--response-cache-bytes 0`"+`),
where every request runs its SQL. Both run with their rate limits and
admission bound off (`+"`--rate-anonymous 0 --rate-token 0 --anonymous-concurrency -1`"+`),
since PostGraphile has none and the load generator is one address.

## How the traffic is drawn

No request body is sent again and again: each request draws its
arguments at random, uniformly, from the question's population, read
from the database before the runs (sites, GHTs and organisations open
today, as Maillage shows them without a date):

%s
Every server gets the same sequence of draws. A response cache therefore
answers only what it would answer in real traffic spread the same way:
a question asked again before the data changed. The cache is never
emptied between runs (as a server that has been up a while), so its hit
rate grows from run to run with the share of the population it has
seen; the table gives the hit rate measured during each figure, as the
cache's own counters (`+"`/metrics`"+`) report it.

The four questions, each written idiomatically for each server (the
documents are in `+"`bench/peer/main.go`"+`); before any timing, the servers'
answers to a sample of 8 draws per question are checked to hold the
same facts:

- **a.** a site by FINESS with its legal entity and position (PostGraphile:
  `+"`establishments(condition: {finess: …}, first: 1)`"+`, since ent's unique
  index is not a constraint PostGraphile exposes);
- **b.** a GHT → its members → each member's groupings (three levels);
- **c.** the neighbourhood of depth 2 of an organisation: Maillage's
  `+"`neighborhood(depth: 2)`"+`; for PostGraphile, the SQL function a user
  would write for it (`+"`neighbourhood(finess)`"+` in `+"`bench/peer/neighbourhood.sql`"+`,
  one statement: the organisation's groupings, conventions, filières and
  teams, and their organisations, teams and filières), which PostGraphile
  exposes as a root field;
- **d.** a page of 100 sites of a département with their legal entities,
  each server paging by its own cursors (and, for the SQL count only, a
  first page of 20).

## Method

%d runs; in each, for each question, the servers in turn: a %s warm-up,
then requests per second at saturation (vegeta, %d concurrent requests
for %s); then median and 95th-percentile latency at a fixed rate all
sustain (%d requests per second, or half the slowest server's saturation
throughput in the first run when that is lower; the table gives the
rate) for %s, with `+"`pg_stat_statements`"+` reset just before each
fixed-rate run: SQL statements per request is the sum of its calls made
by that server's database role, divided by the requests sent. The table
gives each figure's median over the runs with its lowest and highest;
ratios are of medians. Requests ask for answers uncompressed
(`+"`Accept-Encoding: identity`"+`): PostGraphile compresses nothing by
itself (a proxy in front of it would), and on loopback compression
is only cost, in the server and in the load generator that inflates
(before 2026-12-02, Maillage's answers were gzipped and inflated by the
load generator, PostGraphile's were not). Memory is the resident set (VmRSS) of each server
(for PostGraphile, its master and workers) after all the runs. The load
generator runs on the same 2-core machine as the servers and the
database, so absolute figures are lower than on separate machines; the
ratios are what matters.

Goals: on every question, Maillage's engine (cache off) at least 1.5×
PostGraphile's throughput at saturation and a lower p95 at the fixed
rate; Maillage as deployed, on the drawn traffic, at least 3×; SQL
statements per request independent of the page size (counted on the
engine). The graph engine's own goal (`+"`cooperationGraph`"+` of a région at
site level within 100 ms median server time, cache off) is measured by
`+"`make bench-graph`"+`.

## Command

`+"```"+`
make bench-peer
`+"```"+`

It builds a throwaway PostgreSQL cluster, loads the data, starts the
servers, runs `+"`bench/peer`"+` (a Go program using vegeta as a library),
writes this page and removes everything. It fails, never skips, when
PostgreSQL 15 or Node is missing.

## Machine

%s

## Results

%s
%s`, *flagPeerVersion, *flagPeerWorkers, pgVersion, pops.String(), *flagRuns, *flagWarm, *flagWorkers, *flagSat, *flagRate, *flagFixed,
		machine(pgVersion, strings.TrimSpace(string(nodeVersion))), table, goals)
	if extra, err := os.ReadFile(filepath.Join(filepath.Dir(*flagDoc), "performance-notes.md")); err == nil {
		b.WriteString("\n")
		b.Write(extra)
	}
	return b.String()
}
func orgs(les []any) []string {
	var out []string
	for _, le := range les {
		out = append(out, fmt.Sprint("org ", one(le, "finess"), " ", one(le, "name")))
	}
	return out
}

func named(kind string, objs []any) []string {
	var out []string
	for _, o := range objs {
		out = append(out, fmt.Sprint("object ", kind, " ", one(o, "name")))
	}
	return out
}

func dedup(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

func body(doc string) []byte {
	b, _ := json.Marshal(map[string]string{"query": doc})
	return b
}

func post(url, doc string) (any, error) {
	resp, err := http.Post(url, "application/json", bytes.NewReader(body(doc)))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var v any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return nil, fmt.Errorf("HTTP %d, undecodable answer: %w", resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusOK || one(v, "errors") != nil {
		return nil, fmt.Errorf("HTTP %d: %s", resp.StatusCode, compact(v))
	}
	return v, nil
}

func compact(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 2000 {
		b = append(b[:2000], "…"...)
	}
	return string(b)
}

// all walks a decoded JSON value along a dotted path; a segment ending in
// [] iterates over an array.
func all(v any, path string) []any {
	cur := []any{v}
	for _, seg := range strings.Split(path, ".") {
		name, iter := strings.CutSuffix(seg, "[]")
		var next []any
		for _, c := range cur {
			m, ok := c.(map[string]any)
			if !ok {
				continue
			}
			x, ok := m[name]
			if !ok || x == nil {
				continue
			}
			if iter {
				arr, _ := x.([]any)
				next = append(next, arr...)
			} else {
				next = append(next, x)
			}
		}
		cur = next
	}
	return cur
}

func one(v any, path string) any {
	if r := all(v, path); len(r) > 0 {
		return r[0]
	}
	return nil
}

func facts(objs []any, fields ...string) []string {
	var out []string
	for _, o := range objs {
		parts := make([]string, len(fields))
		for i, f := range fields {
			parts[i] = fmt.Sprint(one(o, f))
		}
		out = append(out, strings.Join(parts, "|"))
	}
	return out
}

// attack runs vegeta; workers > 0 with a zero rate means as fast as that
// many concurrent requests allow. Any failed request or GraphQL error
// fails the run.
func attack(tr vegeta.Targeter, rate vegeta.Rate, d time.Duration, workers uint64) (*vegeta.Metrics, error) {
	opts := []func(*vegeta.Attacker){vegeta.Timeout(30 * time.Second), vegeta.KeepAlive(true)}
	if workers > 0 {
		opts = append(opts, vegeta.Workers(workers), vegeta.MaxWorkers(workers), vegeta.Connections(int(workers)))
	}
	a := vegeta.NewAttacker(opts...)
	var m vegeta.Metrics
	var gqlErrors int
	var firstErr string
	for res := range a.Attack(tr, rate, d, "bench") {
		m.Add(res)
		if res.Error == "" && bytes.Contains(res.Body, []byte(`"errors"`)) {
			gqlErrors++
			if firstErr == "" {
				firstErr = string(res.Body)
			}
		} else if res.Error != "" && firstErr == "" {
			firstErr = res.Error
		}
	}
	m.Close()
	if m.Success < 1 || gqlErrors > 0 {
		return &m, fmt.Errorf("%d of %d requests failed (%d GraphQL errors), e.g. %.300s", m.Requests-uint64(m.Success*float64(m.Requests)+0.5)+uint64(gqlErrors), m.Requests, gqlErrors, firstErr)
	}
	if m.Requests == 0 {
		return &m, errors.New("no request sent")
	}
	return &m, nil
}

// memory returns VmRSS and VmHWM of a process in MB.
func memory(pid int) (rss, hwm float64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		var kb float64
		if _, e := fmt.Sscanf(line, "VmRSS: %f kB", &kb); e == nil {
			rss = kb / 1024
		}
		if _, e := fmt.Sscanf(line, "VmHWM: %f kB", &kb); e == nil {
			hwm = kb / 1024
		}
	}
	return rss, hwm, nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	if a/b < 0.1 {
		return fmt.Sprintf("%.3f×", a/b)
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func machine(pgVersion, nodeVersion string) string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	memGB := 0.0
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb float64
		fmt.Sscanf(string(b), "MemTotal: %f kB", &kb)
		memGB = kb / 1024 / 1024
	}
	osName := runtime.GOOS
	if b, err := os.ReadFile("/etc/os-release"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "PRETTY_NAME="); ok {
				osName = strings.Trim(v, `"`)
			}
		}
	}
	return fmt.Sprintf("%d CPUs available (%s), %.1f GB memory, %s; %s (driver), Node %s, PostgreSQL %s; %s.",
		runtime.NumCPU(), cpu, memGB, osName, runtime.Version(), nodeVersion, pgVersion, time.Now().UTC().Format("2006-01-02"))
}
