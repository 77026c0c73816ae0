// Command peer is the load driver of `make bench-peer`: it runs the same
// four GraphQL workloads against Maillage and PostGraphile serving the same
// PostgreSQL database, one server after the other, and prints one markdown
// table (optionally writing docs/performance.md).
//
// bench/peer/run.sh builds the database and starts both servers; this
// program only checks their answers, drives the load (vegeta, as a library)
// and reads pg_stat_statements and /proc.
package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"

	_ "github.com/lib/pq"
	vegeta "github.com/tsenart/vegeta/v12/lib"
)

type server struct {
	name string // Maillage or PostGraphile
	url  string
	pid  int
	role string // PostgreSQL login role, to tell its statements apart
}

// query is one workload, written idiomatically for each server. extract
// turns an answer into a canonical list of facts; both servers' lists must
// be equal and non-empty before anything is timed.
type query struct {
	key, title string
	doc        [2]string
	extract    [2]func(any) []string
	sortFacts  bool
	// sqlOnly: not load-tested, only counted (page-size check).
	sqlOnly bool
}

type result struct {
	satRPS        float64
	p50, p95      time.Duration
	fixedRate     float64 // achieved
	sqlPerRequest float64
	topStatements []string
}

var (
	flagMaillage    = flag.String("maillage", "", "Maillage GraphQL URL")
	flagMaillagePID = flag.Int("maillage-pid", 0, "pid of maillage serve")
	flagPeer        = flag.String("peer", "", "PostGraphile GraphQL URL")
	flagPeerPID     = flag.Int("peer-pid", 0, "pid of the PostGraphile node process")
	flagPeerVersion = flag.String("peer-version", "", "PostGraphile version, for the report")
	flagDB          = flag.String("db", "", "postgres:// URL of the benchmarked database, as a superuser (pg_stat_statements)")
	flagSat         = flag.Duration("sat", 10*time.Second, "duration of each saturation run")
	flagWorkers     = flag.Uint64("workers", 8, "concurrent requests in a saturation run")
	flagRate        = flag.Int("rate", 50, "requests per second of the fixed-rate runs")
	flagFixed       = flag.Duration("fixed", 8*time.Second, "duration of each fixed-rate run")
	flagWarm        = flag.Duration("warm", time.Second, "warm-up at saturation before each measured saturation run")
	flagDoc         = flag.String("doc", "", "write the report (markdown) here")
	flagGHT         = flag.String("ght", "SYN-GHT-42-1", "code of the GHT of query b")
	flagEntity      = flag.String("entity", "420784878", "FINESS of the legal entity of query c")
	flagSite        = flag.String("site", "420782559", "FINESS of the site of query a")
	flagDept        = flag.String("dept", "42", "département of query d")
)

func main() {
	flag.Parse()
	if *flagMaillage == "" || *flagPeer == "" || *flagDB == "" || *flagMaillagePID == 0 || *flagPeerPID == 0 {
		fmt.Fprintln(os.Stderr, "usage: peer -maillage URL -maillage-pid PID -peer URL -peer-pid PID -db URL [-doc FILE]")
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

	servers := [2]server{
		{"Maillage", *flagMaillage, *flagMaillagePID, "maillage"},
		{"PostGraphile", *flagPeer, *flagPeerPID, "peer"},
	}

	// Maillage's neighbourhood takes a global ID.
	var idAnswer any
	if idAnswer, err = post(servers[0].url, fmt.Sprintf(`{ legalEntity(finess: %q) { id } }`, *flagEntity)); err != nil {
		return err
	}
	entityID, _ := one(idAnswer, "data.legalEntity.id").(string)
	if entityID == "" {
		return fmt.Errorf("Maillage knows no legal entity %s", *flagEntity)
	}

	queries := workloads(entityID)
	for _, q := range queries {
		if err := check(servers, q); err != nil {
			return err
		}
	}
	logf("both servers give the same non-empty answers to the %d queries", len(queries))

	// Saturation first, both servers in turn, then the fixed-rate runs at a
	// rate both sustain: -rate, or half the slower server's saturation
	// throughput when that is lower.
	results := map[string][2]result{}
	rates := map[string]int{}
	for _, q := range queries {
		var rs [2]result
		for i, s := range servers {
			if q.sqlOnly {
				continue
			}
			rps, err := saturate(s, q.doc[i])
			if err != nil {
				return fmt.Errorf("%s, query %s: %w", s.name, q.key, err)
			}
			rs[i].satRPS = rps
			logf("%s %s: %.0f req/s at saturation", s.name, q.key, rps)
		}
		rate := *flagRate
		if !q.sqlOnly {
			rate = min(rate, max(1, int(min(rs[0].satRPS, rs[1].satRPS)/2)))
		}
		rates[q.key] = rate
		for i, s := range servers {
			if err := fixedRate(ctx, db, s, q, q.doc[i], rate, &rs[i]); err != nil {
				return fmt.Errorf("%s, query %s: %w", s.name, q.key, err)
			}
			logf("%s %s: at %d req/s median %s p95 %s; %.2f SQL statements per request",
				s.name, q.key, rate, ms(rs[i].p50), ms(rs[i].p95), rs[i].sqlPerRequest)
			for _, st := range rs[i].topStatements {
				logf("    %s", st)
			}
		}
		results[q.key] = rs
	}

	var mem [2]string
	for i, s := range servers {
		rss, hwm, err := memory(s.pid)
		if err != nil {
			return fmt.Errorf("%s memory: %w", s.name, err)
		}
		mem[i] = fmt.Sprintf("%.0f MB (peak %.0f MB)", rss, hwm)
	}
	rssM, _, _ := memory(servers[0].pid)
	rssP, _, _ := memory(servers[1].pid)

	table, goals := report(queries, results, rates, mem, rssM/rssP)
	fmt.Println(table)
	fmt.Println(goals)
	if *flagDoc != "" {
		if err := os.WriteFile(*flagDoc, []byte(document(ctx, db, table, goals)), 0o644); err != nil {
			return err
		}
		logf("wrote %s", *flagDoc)
	}
	return nil
}

func workloads(entityID string) []query {
	// d's two variants differ only in page size.
	page := func(n int) query {
		return query{
			key:   fmt.Sprintf("d%d", n),
			title: fmt.Sprintf("d. page of %d sites of département %s with their legal entities", n, *flagDept),
			doc: [2]string{
				fmt.Sprintf(`{ establishments(first: %d, where: {departmentCode: %q}) { edges { node { finess name legalEntity { finess name } } } } }`, n, *flagDept),
				fmt.Sprintf(`{ establishments(first: %d, condition: {departmentCode: %q}) { nodes { finess name legalEntity { finess name } } } }`, n, *flagDept),
			},
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
	}
	return []query{
		{
			key:   "a",
			title: "a. site by FINESS, with its legal entity",
			doc: [2]string{
				fmt.Sprintf(`{ establishment(finess: %q) { finess name legalEntity { finess name } latitude longitude } }`, *flagSite),
				fmt.Sprintf(`{ establishments(condition: {finess: %q}, first: 1) { nodes { finess name legalEntity { finess name } latitude longitude } } }`, *flagSite),
			},
			extract: [2]func(any) []string{
				func(v any) []string {
					return facts(all(v, "data.establishment"), "finess", "name", "legalEntity.finess", "legalEntity.name", "latitude", "longitude")
				},
				func(v any) []string {
					return facts(all(v, "data.establishments.nodes[]"), "finess", "name", "legalEntity.finess", "legalEntity.name", "latitude", "longitude")
				},
			},
		},
		{
			key:   "b",
			title: "b. GHT → members → their groupings (3 levels)",
			doc: [2]string{
				fmt.Sprintf(`{ grouping(code: %q) { code name memberships { role legalEntity { finess name memberships { role grouping { code kind name } } } } } }`, *flagGHT),
				fmt.Sprintf(`{ groupings(condition: {code: %q}, first: 1) { nodes { code name memberships { nodes { role legalEntity { finess name memberships { nodes { role grouping { code kind name } } } } } } } } }`, *flagGHT),
			},
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
		},
		{
			key:   "c",
			title: "c. neighbourhood of depth 2 of CHU de Saint-Étienne",
			doc: [2]string{
				fmt.Sprintf(`{ neighborhood(id: %q, depth: 2) { nodes { id kind label finess code } edges { source target role } } }`, entityID),
				// The closest PostGraphile equivalent: every kind of participation
				// (membership, convention party, filière role, team site) out to
				// the object and back to the organisations.
				fmt.Sprintf(`{ legalEntities(condition: {finess: %q}, first: 1) { nodes { finess name
  memberships { nodes { role grouping { code kind name memberships { nodes { role legalEntity { finess name } } } medicalTeams { nodes { name } } } } }
  conventionParties { nodes { role convention { code kind name conventionParties { nodes { role legalEntity { finess name } } } filieres { nodes { name } } medicalTeams { nodes { name } } } } }
  filiereRoles { nodes { level filiere { name filiereRoles { nodes { level legalEntity { finess name } } } } } }
  establishments { nodes { teamSites { nodes { team { name teamSitesByTeamId { nodes { establishment { legalEntity { finess name } } } } } } } } }
} } }`, *flagEntity),
			},
			extract: [2]func(any) []string{
				func(v any) []string {
					var out []string
					for _, n := range all(v, "data.neighborhood.nodes[]") {
						switch one(n, "kind") {
						case "LEGAL_ENTITY":
							out = append(out, fmt.Sprint("org ", one(n, "finess"), " ", one(n, "label")))
						case "GROUPING", "CONVENTION":
							out = append(out, fmt.Sprint("object ", one(n, "kind"), " ", one(n, "code")))
						default:
							out = append(out, fmt.Sprint("object ", one(n, "kind"), " ", one(n, "label")))
						}
					}
					return dedup(out)
				},
				func(v any) []string {
					var out []string
					for _, e := range all(v, "data.legalEntities.nodes[]") {
						out = append(out, fmt.Sprint("org ", one(e, "finess"), " ", one(e, "name")))
						for _, g := range all(e, "memberships.nodes[].grouping") {
							out = append(out, fmt.Sprint("object GROUPING ", one(g, "code")))
							out = append(out, orgs(all(g, "memberships.nodes[].legalEntity"))...)
							out = append(out, named("TEAM", all(g, "medicalTeams.nodes[]"))...)
						}
						for _, c := range all(e, "conventionParties.nodes[].convention") {
							out = append(out, fmt.Sprint("object CONVENTION ", one(c, "code")))
							out = append(out, orgs(all(c, "conventionParties.nodes[].legalEntity"))...)
							out = append(out, named("FILIERE", all(c, "filieres.nodes[]"))...)
							out = append(out, named("TEAM", all(c, "medicalTeams.nodes[]"))...)
						}
						for _, f := range all(e, "filiereRoles.nodes[].filiere") {
							out = append(out, fmt.Sprint("object FILIERE ", one(f, "name")))
							out = append(out, orgs(all(f, "filiereRoles.nodes[].legalEntity"))...)
						}
						for _, t := range all(e, "establishments.nodes[].teamSites.nodes[].team") {
							out = append(out, fmt.Sprint("object TEAM ", one(t, "name")))
							out = append(out, orgs(all(t, "teamSitesByTeamId.nodes[].establishment.legalEntity"))...)
						}
					}
					return dedup(out)
				},
			},
			sortFacts: true,
		},
		page(100),
		page(20),
	}
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

// check fails unless both servers give the same non-empty facts.
func check(servers [2]server, q query) error {
	var got [2][]string
	for i, s := range servers {
		v, err := post(s.url, q.doc[i])
		if err != nil {
			return fmt.Errorf("%s, query %s: %w", s.name, q.key, err)
		}
		got[i] = q.extract[i](v)
		if q.sortFacts {
			slices.Sort(got[i])
		}
		if len(got[i]) == 0 {
			return fmt.Errorf("%s, query %s: empty answer: %s", s.name, q.key, compact(v))
		}
	}
	if !slices.Equal(got[0], got[1]) {
		return fmt.Errorf("query %s: the servers disagree\n%s: %d facts\n  %s\n%s: %d facts\n  %s", q.key,
			servers[0].name, len(got[0]), strings.Join(got[0], "\n  "),
			servers[1].name, len(got[1]), strings.Join(got[1], "\n  "))
	}
	logf("query %s: %d facts agree", q.key, len(got[0]))
	return nil
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

// saturate returns a server's throughput on a query at saturation, after a
// warm-up.
func saturate(s server, doc string) (float64, error) {
	targeter := vegeta.NewStaticTargeter(target(s, doc))
	if _, err := attack(targeter, vegeta.Rate{}, *flagWarm, *flagWorkers); err != nil {
		return 0, fmt.Errorf("warm-up: %w", err)
	}
	m, err := attack(targeter, vegeta.Rate{}, *flagSat, *flagWorkers)
	if err != nil {
		return 0, fmt.Errorf("saturation: %w", err)
	}
	return m.Throughput, nil
}

func target(s server, doc string) vegeta.Target {
	return vegeta.Target{
		Method: http.MethodPost,
		URL:    s.url,
		Body:   body(doc),
		Header: http.Header{"Content-Type": []string{"application/json"}},
	}
}

// fixedRate measures latency at a fixed rate, and counts the SQL
// statements of the run (pg_stat_statements reset just before).
func fixedRate(ctx context.Context, db *sql.DB, s server, q query, doc string, rate int, r *result) error {
	targeter := vegeta.NewStaticTargeter(target(s, doc))
	if _, err := db.ExecContext(ctx, "SELECT pg_stat_statements_reset()"); err != nil {
		return fmt.Errorf("pg_stat_statements: %w", err)
	}
	fixed := *flagFixed
	if q.sqlOnly {
		fixed = 2 * time.Second
	}
	m, err := attack(targeter, vegeta.Rate{Freq: rate, Per: time.Second}, fixed, 0)
	if err != nil {
		return fmt.Errorf("fixed rate: %w", err)
	}
	r.p50, r.p95, r.fixedRate = m.Latencies.P50, m.Latencies.P95, m.Throughput
	var calls int64
	err = db.QueryRowContext(ctx, `SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s
		JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = $1`, s.role).Scan(&calls)
	if err != nil {
		return fmt.Errorf("pg_stat_statements: %w", err)
	}
	r.sqlPerRequest = float64(calls) / float64(m.Requests)
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

func report(queries []query, results map[string][2]result, rates map[string]int, mem [2]string, memRatio float64) (string, string) {
	var t strings.Builder
	fmt.Fprintf(&t, "| query | measure | Maillage | PostGraphile | Maillage/PostGraphile |\n|---|---|--:|--:|--:|\n")
	throughputOK := true
	var notMet []string
	for _, q := range queries {
		r := results[q.key]
		if q.sqlOnly {
			fmt.Fprintf(&t, "| %s | SQL statements per request | %.2f | %.2f | %s |\n", q.title, r[0].sqlPerRequest, r[1].sqlPerRequest, ratio(r[0].sqlPerRequest, r[1].sqlPerRequest))
			continue
		}
		fmt.Fprintf(&t, "| %s | requests/s at saturation (%d concurrent, %s) | %.0f | %.0f | **%s** |\n", q.title, *flagWorkers, *flagSat, r[0].satRPS, r[1].satRPS, ratio(r[0].satRPS, r[1].satRPS))
		rate := rates[q.key]
		fmt.Fprintf(&t, "| | median latency at %d req/s | %s | %s | %s |\n", rate, ms(r[0].p50), ms(r[1].p50), ratio(float64(r[0].p50), float64(r[1].p50)))
		fmt.Fprintf(&t, "| | p95 latency at %d req/s | %s | %s | %s |\n", rate, ms(r[0].p95), ms(r[1].p95), ratio(float64(r[0].p95), float64(r[1].p95)))
		fmt.Fprintf(&t, "| | SQL statements per request | %.2f | %.2f | %s |\n", r[0].sqlPerRequest, r[1].sqlPerRequest, ratio(r[0].sqlPerRequest, r[1].sqlPerRequest))
		for i, name := range []string{"Maillage", "PostGraphile"} {
			if r[i].fixedRate < 0.95*float64(rate) {
				notMet = append(notMet, fmt.Sprintf("%s did not sustain %d req/s on query %s (%.0f req/s)", name, rate, q.key, r[i].fixedRate))
			}
		}
		if r[0].satRPS < 1.5*r[1].satRPS {
			throughputOK = false
			notMet = append(notMet, fmt.Sprintf("query %s: Maillage %.2f× PostGraphile's throughput, below 1.5×", q.key, r[0].satRPS/r[1].satRPS))
		}
	}
	fmt.Fprintf(&t, "| all | server resident memory after the runs (VmRSS) | %s | %s | %.2f× |\n", mem[0], mem[1], memRatio)

	var g strings.Builder
	d20, d100 := results["d20"][0].sqlPerRequest, results["d100"][0].sqlPerRequest
	pageOK := d20 == d100
	verdict := func(ok bool) string {
		if ok {
			return "**met**"
		}
		return "**not met**"
	}
	fmt.Fprintf(&g, "- At least 1.5× PostGraphile's throughput on every query: %s", verdict(throughputOK))
	if throughputOK {
		worst := 1e9
		for _, q := range queries {
			if !q.sqlOnly {
				worst = min(worst, results[q.key][0].satRPS/results[q.key][1].satRPS)
			}
		}
		fmt.Fprintf(&g, " (lowest ratio %.2f×).\n", worst)
	} else {
		g.WriteString(".\n")
	}
	fmt.Fprintf(&g, "- SQL statements per request independent of page size (Maillage, query d with first: 20 and first: 100: %.2f and %.2f): %s.\n", d20, d100, verdict(pageOK))
	for _, n := range notMet {
		fmt.Fprintf(&g, "- Note: %s.\n", n)
	}
	return t.String(), g.String()
}

func document(ctx context.Context, db *sql.DB, table, goals string) string {
	var pgVersion string
	_ = db.QueryRowContext(ctx, "SHOW server_version").Scan(&pgVersion)
	nodeVersion, _ := exec.Command("node", "--version").Output()
	var b strings.Builder
	fmt.Fprintf(&b, `# Performance: Maillage side by side with PostGraphile

Someone choosing Maillage could instead point an auto-generated GraphQL
server at the same PostgreSQL database. This page compares the two on the
same data and the same questions: Maillage (`+"`maillage serve`"+`) and
PostGraphile %s (`+"`postgraphile --schema public`"+` with its production
flags: no mutations, dynamic JSON, no query log, simplify-inflector),
both reading one PostgreSQL %s database that holds the shipped national
FINESS data plus the synthetic cooperation layer (`+"`maillage gen synthetic`"+`:
about 150 GHTs, 1,000 GCS, 5,000 conventions, 500 teams, filières).

Four questions, each written idiomatically for each server (the documents
are in `+"`bench/peer/main.go`"+`); before any timing, both servers' answers are
checked to be non-empty and to hold the same facts:

- **a.** a site by FINESS with its legal entity and position (PostGraphile:
  `+"`establishments(condition: {finess: …}, first: 1)`"+`, since ent's unique
  index is not a constraint PostGraphile exposes);
- **b.** a GHT → its members → each member's groupings (three levels);
- **c.** the neighbourhood of depth 2 of CHU de Saint-Étienne (legal entity
  %s): Maillage's `+"`neighborhood(depth: 2)`"+`; for PostGraphile the closest
  equivalent, nested queries from the entity through each kind of
  participation (memberships, convention parties, filière roles, team
  sites) to the cooperation object and back to its organisations;
- **d.** a page of 100 sites of département %s with their legal entities
  (and, for the SQL count only, a page of 20).

For each question, both servers in turn: a %s warm-up, then requests per
second at saturation (vegeta, %d concurrent requests for %s); then median
and 95th-percentile latency at a fixed rate both sustain (%d requests per
second, or half the slower server's saturation throughput when that is
lower; the table gives the rate) for %s, with `+"`pg_stat_statements`"+` reset
just before each fixed-rate run: SQL statements per
request is the sum of its calls made by that server's database role,
divided by the requests sent. Memory is the resident set (VmRSS) of each
server process (for PostGraphile, its node process) after all the runs.
The load generator runs on the same machine as both servers and the
database, so absolute figures are lower than on separate machines; the
ratios are what matters.

Goals: Maillage at least 1.5× PostGraphile's throughput on every question,
and SQL statements per request independent of the page size.

## Command

`+"```"+`
make bench-peer
`+"```"+`

It builds a throwaway PostgreSQL cluster, loads the data, starts both
servers, runs `+"`bench/peer`"+` (a Go program using vegeta as a library),
writes this page and removes everything. It fails, never skips, when
PostgreSQL 15 or Node is missing.

## Machine

%s

## Results

%s
%s`, *flagPeerVersion, pgVersion, *flagEntity, *flagDept, *flagWarm, *flagWorkers, *flagSat, *flagRate, *flagFixed,
		machine(pgVersion, strings.TrimSpace(string(nodeVersion))), table, goals)
	return b.String()
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
