// Command hostile measures how ordinary lookups fare while 20 clients
// send hostile requests. It starts the maillage binary (`maillage
// serve`, which loads the shipped data into a throwaway SQLite file) on
// a loopback port, and measures the 95th-percentile latency of lookups
// sent at a fixed rate (legalEntity(finess:) and search(text:),
// alternately, never the same twice, so that the response cache answers
// none), alone and while 20 concurrent clients send hostile
// requests as fast as they are answered: in interleaved rounds, so that
// other work on the machine weighs on both alike. It does so twice:
// with the shipped limits (rate limits included), then with the rate
// limits off (--rate-anonymous 0 --rate-token 0), so that every hostile
// request reaches the request checks and the GraphQL layer.
//
// The lookups carry a partner token (maillage token create). Each
// hostile client connects from its own loopback address (127.0.0.11 …
// 127.0.0.30), so that the per-address limit sees 20 callers, as it
// would on the Internet, rather than one.
//
//	go run ./bench/hostile -bin bin/maillage [-rounds 6] [-round 5s] [-rate 20] [-clients 20]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/maillage/maillage/server"
)

func main() {
	bin := flag.String("bin", "bin/maillage", "the maillage binary")
	rounds := flag.Int("rounds", 6, "rounds of (alone, under load) per server")
	round := flag.Duration("round", 5*time.Second, "length of each half-round")
	rate := flag.Int("rate", 20, "lookups per second")
	clients := flag.Int("clients", 20, "concurrent hostile clients")
	maxBody := flag.Int64("max-body", server.DefaultLimits.MaxBodyBytes, "the server's body limit (--max-body-bytes): the big hostile body is just under it, the too big one twice it")
	only := flag.String("only", "", "send only the hostile requests whose name contains this (to see what costs)")
	flag.Parse()
	onlyKinds, bodyLimit = *only, *maxBody
	if err := run(*bin, *rounds, *round, *rate, *clients); err != nil {
		fmt.Fprintln(os.Stderr, "bench-hostile:", err)
		os.Exit(1)
	}
}

func run(bin string, rounds int, round time.Duration, rate, clients int) error {
	dir, err := os.MkdirTemp("", "maillage-bench-hostile-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	dbURL := "sqlite://" + filepath.Join(dir, "maillage.db")
	if out, err := exec.Command(bin, "migrate", "--db", dbURL).CombinedOutput(); err != nil {
		return fmt.Errorf("migrate: %v: %s", err, out)
	}
	out, err := exec.Command(bin, "token", "create", "--db", dbURL, "--role", "partner", "--name", "bench-hostile").Output()
	if err != nil {
		return fmt.Errorf("token create: %w", err)
	}
	token := strings.TrimSpace(string(out))
	if i := strings.LastIndexByte(token, '\n'); i >= 0 {
		token = token[i+1:]
	}

	fmt.Printf("%d CPUs; lookups: %d/s, p95 of legalEntity(finess:) and search(text:) over %d rounds of %v alone + %v under load\n", runtime.NumCPU(), rate, rounds, round, round)
	fmt.Printf("hostile: %d clients, each from its own loopback address, each sending its next request when answered\n\n", clients)
	fmt.Printf("%-32s %9s %9s %9s %9s %7s %10s %13s %s\n", "server", "p50 alone", "p50 load", "p95 alone", "p95 load", "ratio", "hostile/s", "RSS, peak MB", "hostile answers (status×count)")
	for _, sc := range []struct {
		name  string
		flags []string
	}{
		{"shipped limits (rate limits on)", nil},
		{"rate limits off", []string{"--rate-anonymous", "0", "--rate-token", "0"}},
	} {
		res, err := scenario(bin, dbURL, sc.flags, token, rounds, round, rate, clients)
		if err != nil {
			return fmt.Errorf("%s: %w", sc.name, err)
		}
		fmt.Printf("%-32s %9s %9s %9s %9s %6.2f× %10.0f %6.0f, %5.0f %s\n", sc.name, ms(res.alone50), ms(res.loaded50), ms(res.alone), ms(res.loaded), float64(res.loaded)/float64(res.alone), res.hostileRate, res.rssBefore, res.rssPeak, res.statuses)
	}
	fmt.Println("\ngoal: p95 under load within 1.5× of p95 alone")
	return nil
}

// serve starts `maillage serve` on a free loopback port and waits until
// it answers.
func serve(bin, dbURL string, flags []string) (url string, pid int, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", 0, nil, err
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	args := []string{"serve", "--db", dbURL, "--addr", addr, "--max-body-bytes", fmt.Sprint(bodyLimit)}
	cmd := exec.Command(bin, append(args, flags...)...)
	cmd.Env = append(os.Environ(), "MAILLAGE_LOG_LEVEL=error")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", 0, nil, err
	}
	stop = func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return "http://" + addr + "/graphql", cmd.Process.Pid, stop, nil
			}
		}
		if time.Now().After(deadline) {
			stop()
			return "", 0, nil, fmt.Errorf("maillage serve did not answer within 2 minutes")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

type result struct {
	alone, loaded     time.Duration // p95
	alone50, loaded50 time.Duration
	hostileRate       float64
	statuses          string
	rssBefore         float64 // the server's resident memory once warmed up, MB
	rssPeak           float64 // its peak over the scenario, MB
}

// procMB reads a memory line of /proc/PID/status, in MB.
func procMB(pid int, field string) float64 {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			var kb float64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), &kb)
			return kb / 1024
		}
	}
	return 0
}

func scenario(bin, dbURL string, flags []string, token string, rounds int, round time.Duration, rate, clients int) (result, error) {
	var res result
	url, pid, stop, err := serve(bin, dbURL, flags)
	if err != nil {
		return res, err
	}
	defer stop()
	rssBefore := procMB(pid, "VmRSS:")
	lookups, err := lookupBodies(url, token)
	if err != nil {
		return res, err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 30 * time.Second}
	// Warm up: the graph index (search) and the query cache. Measures
	// then take lookups never sent before.
	next := &atomic.Int64{}
	for range 100 {
		if _, err := post(client, url, token, lookups[int(next.Add(1)-1)%len(lookups)]); err != nil {
			return res, err
		}
	}
	var alone, loaded []time.Duration
	var sent atomic.Int64
	var loadTime time.Duration
	var mu sync.Mutex
	statuses := map[int]int{}
	requests := hostileRequests()
	for range rounds {
		lat, err := measure(client, url, token, lookups, next, round, rate)
		if err != nil {
			return res, err
		}
		alone = append(alone, lat...)

		stopHostile := make(chan struct{})
		var wg sync.WaitGroup
		for c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				local := &net.TCPAddr{IP: net.IPv4(127, 0, 0, byte(11+c))}
				hc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
					DialContext: (&net.Dialer{LocalAddr: local}).DialContext,
				}}
				for i := c; ; i++ {
					select {
					case <-stopHostile:
						return
					default:
					}
					status := requests[i%len(requests)].send(hc, url)
					sent.Add(1)
					mu.Lock()
					statuses[status]++
					mu.Unlock()
				}
			}()
		}
		time.Sleep(500 * time.Millisecond) // let the hostile load settle
		t0 := time.Now()
		lat, err = measure(client, url, token, lookups, next, round, rate)
		loadTime += time.Since(t0)
		close(stopHostile)
		wg.Wait()
		if err != nil {
			return res, err
		}
		loaded = append(loaded, lat...)
	}
	res.alone, res.loaded = percentile(alone, 95), percentile(loaded, 95)
	res.alone50, res.loaded50 = percentile(alone, 50), percentile(loaded, 50)
	res.hostileRate = float64(sent.Load()) / (loadTime + time.Duration(rounds)*500*time.Millisecond).Seconds()
	var parts []string
	for _, s := range slices.Sorted(maps.Keys(statuses)) {
		parts = append(parts, fmt.Sprintf("%d×%d", s, statuses[s]))
	}
	res.statuses = strings.Join(parts, " ")
	res.rssBefore, res.rssPeak = rssBefore, procMB(pid, "VmHWM:")
	// The server still answers.
	if _, err := post(client, url, token, lookups[0]); err != nil {
		return res, fmt.Errorf("after the hostile load: %w", err)
	}
	return res, nil
}

func percentile(latencies []time.Duration, p int) time.Duration {
	slices.Sort(latencies)
	return latencies[len(latencies)*p/100]
}

// lookupBodies are the ordinary requests, each different so that the
// response cache answers none: legalEntity(finess:) on real numbers and
// search(text:) on the first words of real names, alternately.
func lookupBodies(url, token string) ([]string, error) {
	client := &http.Client{Timeout: 60 * time.Second}
	var out []string
	after := ""
	for range 3 {
		page := `{ legalEntities(first: 1000` + after + `) { edges { node { finess name } } pageInfo { endCursor } } }`
		raw, err := post(client, url, token, body(page))
		if err != nil {
			return nil, err
		}
		var got struct {
			Data struct {
				LegalEntities struct {
					Edges    []struct{ Node struct{ Finess, Name string } }
					PageInfo struct{ EndCursor string }
				}
			}
		}
		if err := json.Unmarshal(raw, &got); err != nil || len(got.Data.LegalEntities.Edges) == 0 {
			return nil, fmt.Errorf("no legal entities to look up: %.300s", raw)
		}
		for _, e := range got.Data.LegalEntities.Edges {
			out = append(out, body(fmt.Sprintf(`query Lookup { legalEntity(finess: %q) { finess name establishments { finess name latitude longitude } } }`, e.Node.Finess)))
			words := strings.Fields(strings.ToLower(e.Node.Name))
			out = append(out, body(fmt.Sprintf(`query Search { search(text: %q, first: 10) { kind label finess score } }`, strings.Join(words[:min(2, len(words))], " "))))
		}
		after = fmt.Sprintf(`, after: %q`, got.Data.LegalEntities.PageInfo.EndCursor)
	}
	return out, nil
}

func body(query string) string {
	b, _ := json.Marshal(map[string]string{"query": query})
	return string(b)
}

func post(client *http.Client, url, token, b string) ([]byte, error) {
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK || strings.Contains(string(raw), `"errors"`) {
		return nil, fmt.Errorf("status %d: %.300s", resp.StatusCode, raw)
	}
	return raw, nil
}

// measure sends lookups at a fixed rate (each on time, whether or not
// the previous one was answered) and returns their latencies.
func measure(client *http.Client, url, token string, lookups []string, next *atomic.Int64, duration time.Duration, rate int) ([]time.Duration, error) {
	n := int(duration.Seconds() * float64(rate))
	latencies := make([]time.Duration, n)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	interval := time.Second / time.Duration(rate)
	start := time.Now()
	for i := range n {
		time.Sleep(time.Until(start.Add(time.Duration(i) * interval)))
		wg.Add(1)
		lookup := lookups[int(next.Add(1)-1)%len(lookups)]
		go func() {
			defer wg.Done()
			t := time.Now()
			if _, err := post(client, url, token, lookup); err != nil {
				errs <- err
				return
			}
			latencies[i] = time.Since(t)
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return nil, fmt.Errorf("lookup: %w", err)
	}
	return latencies, nil
}

// hostileRequest is one kind of hostile request.
type hostileRequest struct {
	name, contentType, auth string
	body                    string
	get                     string // a GET of this path instead of a POST to /graphql
}

func (h hostileRequest) send(client *http.Client, url string) int {
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(h.body))
	if h.get != "" {
		req, err = http.NewRequest(http.MethodGet, strings.TrimSuffix(url, "/graphql")+h.get, nil)
	}
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", h.contentType)
	if h.auth != "" {
		req.Header.Set("Authorization", h.auth)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode
}

// onlyKinds restricts the hostile requests (-only); bodyLimit is the
// server's.
var (
	onlyKinds string
	bodyLimit int64
)

func hostileRequests() []hostileRequest {
	var out []hostileRequest
	for _, h := range allHostileRequests() {
		if strings.Contains(h.name, onlyKinds) {
			out = append(out, h)
		}
	}
	return out
}

func allHostileRequests() []hostileRequest {
	deep := `{ territory(code: "42", kind: DEPARTMENT) { ` + strings.Repeat("parent { ", 40) + "name" + strings.Repeat(" }", 40) + " } }"
	var bomb strings.Builder
	bomb.WriteString("query { ...F30 }\nfragment F0 on Query { __typename }\n")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&bomb, "fragment F%d on Query { ...F%d a%d: __typename ...F%d }\n", i, i-1, i, i-1)
	}
	var aliases strings.Builder
	aliases.WriteString("{")
	for i := range 500 {
		fmt.Fprintf(&aliases, " a%d: __typename", i)
	}
	aliases.WriteString(" }")
	j := "application/json"
	return []hostileRequest{
		{name: "deep", contentType: j, body: body(deep)},
		{name: "complexity", contentType: j, body: body(`{ territories(first: 1000) { edges { node { children(first: 1000) { edges { node { name children(first: 1000) { totalCount } } } } } } } }`)},
		{name: "big body", contentType: j, body: `{"query":"{ __typename }","variables":{"pad":"` + strings.Repeat("x", int(bodyLimit)-100) + `"}}`},
		{name: "too big body", contentType: j, body: `{"query":"{ __typename }","variables":{"pad":"` + strings.Repeat("x", 2*int(bodyLimit)) + `"}}`},
		{name: "bad token", contentType: j, auth: "Bearer mlg_" + strings.Repeat("0", 40), body: body(`{ __typename }`)},
		{name: "batch", contentType: j, body: "[" + strings.Repeat(body(`{ establishments(first: 100) { edges { node { name } } } }`)+",", 99) + body(`{ __typename }`) + "]"},
		{name: "fragment bomb", contentType: j, body: body(bomb.String())},
		{name: "deep variables", contentType: j, body: `{"query":"query($v: String) { __typename }","variables":{"v":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}}`},
		{name: "aliases", contentType: j, body: body(aliases.String())},
		{name: "tokens", contentType: j, body: body("{" + strings.Repeat(" __typename", 20000) + " }")},
		{name: "form post", contentType: "application/x-www-form-urlencoded", body: "query=%7B__typename%7D"},
		{name: "bad FINESS", contentType: j, body: body(`{ legalEntity(finess: "' OR 1=1 --") { name } }`)},
		{name: "recursive fragments", contentType: j, body: body(`query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`)},
		{name: "nested lists", contentType: j, body: body(`{ establishment(finess: "420782559") { ` + strings.Repeat("legalEntity { establishments { ", 6) + "finess" + strings.Repeat(" } }", 6) + ` } }`)},
		{name: "heavy graph", contentType: j, body: body(`{ cooperationGraph(filter: {level: SITE, limit: 10000}) { nodes { id kind label latitude longitude } edges { source target role } truncated } }`)},
		{name: "big page", contentType: j, body: body(`{ establishments(first: 1000) { edges { node { finess name address city legalEntity { name } } } } }`)},
		{name: "sites layer", get: "/api/sites.geojson?asOf=2019-06-01"},
	}
}
