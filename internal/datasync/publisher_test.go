package datasync_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// publisher is a local data.gouv.fr: the API's dataset answers and the
// files, served as the real site serves them (ETag, Last-Modified,
// conditional and Range requests), or in a hostile way.
type publisher struct {
	srv *httptest.Server

	mu       sync.Mutex
	datasets map[string][]file // by slug
	hostile  map[string]string // file name (or "api:"+slug) → mode
	bodies   map[string]int    // file name → answers that sent the file's bytes
}

type file struct {
	name     string
	title    string
	content  []byte
	modified time.Time
	// announced overrides what the API says of the file (hostile cases).
	announcedSHA1 string
	announcedSize int64
}

func newPublisher(t testing.TB) *publisher {
	p := &publisher{datasets: map[string][]file{}, hostile: map[string]string{}, bodies: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/1/datasets/{id}/", p.dataset)
	mux.HandleFunc("GET /files/{name}", p.file)
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

func (p *publisher) api() string { return p.srv.URL + "/api/1" }

func (p *publisher) set(slug string, files ...file) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.datasets[slug] = files
}

func (p *publisher) setHostile(key, mode string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if mode == "" {
		delete(p.hostile, key)
	} else {
		p.hostile[key] = mode
	}
}

// downloads counts the answers that sent a file's bytes.
func (p *publisher) downloads() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, c := range p.bodies {
		n += c
	}
	return n
}

func (p *publisher) lookup(name string) (file, string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, files := range p.datasets {
		for _, f := range files {
			if f.name == name {
				return f, p.hostile[name], true
			}
		}
	}
	return file{}, "", false
}

func sha1Hex(b []byte) string {
	s := sha1.Sum(b)
	return hex.EncodeToString(s[:])
}

func (p *publisher) dataset(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("id")
	p.mu.Lock()
	files, ok := p.datasets[slug]
	mode := p.hostile["api:"+slug]
	p.mu.Unlock()
	switch {
	case !ok || mode == "404":
		http.Error(w, `{"message": "Not found"}`, http.StatusNotFound)
		return
	case mode == "html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<!doctype html><html><body><h1>data.gouv.fr</h1><p>Maintenance en cours</p></body></html>"))
		return
	}
	var resources []map[string]any
	for i, f := range files {
		sum, size := sha1Hex(f.content), int64(len(f.content))
		if f.announcedSHA1 != "" {
			sum = f.announcedSHA1
		}
		if f.announcedSize != 0 {
			size = f.announcedSize
		}
		resources = append(resources, map[string]any{
			"id":            fmt.Sprintf("%s-%d-%s", slug, i, f.name),
			"title":         f.title,
			"format":        formatOf(f.name),
			"filesize":      size,
			"checksum":      map[string]string{"type": "sha1", "value": sum},
			"last_modified": f.modified.UTC().Format("2006-01-02T15:04:05.000000"),
			"type":          "main",
			"url":           p.srv.URL + "/files/" + f.name,
		})
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"id": "id-" + slug, "slug": slug, "title": slug, "page": "https://www.data.gouv.fr/datasets/" + slug + "/",
		"resources": resources,
	})
}

func formatOf(name string) string {
	switch {
	case strings.HasSuffix(name, ".csv"):
		return "csv"
	case strings.HasSuffix(name, ".json.gz"):
		return "gz"
	}
	return "json"
}

// counting notes whether a file's bytes were sent (200, 206).
type counting struct {
	http.ResponseWriter
	sent func()
	done bool
}

func (c *counting) WriteHeader(code int) {
	if !c.done && (code == http.StatusOK || code == http.StatusPartialContent) {
		c.sent()
	}
	c.done = true
	c.ResponseWriter.WriteHeader(code)
}

func (c *counting) Write(b []byte) (int, error) {
	if !c.done {
		c.WriteHeader(http.StatusOK)
	}
	return c.ResponseWriter.Write(b)
}

func (c *counting) Flush() {
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (p *publisher) file(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	f, mode, ok := p.lookup(name)
	if !ok || mode == "404" {
		http.NotFound(w, r)
		return
	}
	cw := &counting{ResponseWriter: w, sent: func() { p.mu.Lock(); p.bodies[name]++; p.mu.Unlock() }}
	etag := `"` + sha1Hex(f.content)[:16] + `"`
	switch mode {
	case "truncated": // announces the whole file, sends half, hangs up
		cw.Header().Set("ETag", etag)
		cw.Header().Set("Content-Length", fmt.Sprint(len(f.content)))
		cw.WriteHeader(http.StatusOK)
		_, _ = cw.Write(f.content[:len(f.content)/2])
		return
	case "html": // a web page where the file should be
		cw.Header().Set("Content-Type", "text/html")
		cw.WriteHeader(http.StatusOK)
		_, _ = cw.Write([]byte("<html><body>Fichier introuvable</body></html>"))
		return
	case "huge": // far more than announced, no Content-Length
		cw.Header().Set("Content-Type", "text/csv")
		cw.WriteHeader(http.StatusOK)
		chunk := bytes.Repeat([]byte("x"), 64<<10)
		for sent := 0; sent < 3*len(f.content)+(2<<20); sent += len(chunk) {
			if _, err := cw.Write(chunk); err != nil {
				return
			}
		}
		return
	case "huge-declared":
		cw.Header().Set("Content-Length", fmt.Sprint(100*len(f.content)+(4<<20)))
		cw.WriteHeader(http.StatusOK)
		return
	case "stall": // a few bytes, then nothing until the client gives up
		cw.Header().Set("Content-Length", fmt.Sprint(len(f.content)))
		cw.WriteHeader(http.StatusOK)
		_, _ = cw.Write(f.content[:10])
		cw.Flush()
		<-r.Context().Done()
		return
	}
	cw.Header().Set("ETag", etag)
	cw.Header().Set("Content-Type", "application/octet-stream")
	http.ServeContent(cw, r, name, f.modified, bytes.NewReader(f.content))
}

// The files: built from the real samples of the repository.

const (
	etalabSample     = "../finess/testdata/etalab-cs1100502-stock-20260512-0339.excerpt.csv"
	structuresSample = "../finessplus/testdata/finess-plus-structures-sample-20260309-excerpt.json"
	finessSlug       = "finess-extraction-du-fichier-des-etablissements"
	structuresSlug   = "finess-structures-1"
)

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// etalabMay is the real excerpt; etalabJune the same a month later,
// with CLASS DE MARIGOT gone.
func etalabMay(t testing.TB) file {
	return file{name: "etalab-cs1100502-stock-20260512-0339.csv", title: "Extraction Finess des Etablissements au 12/05/2026",
		content: mustRead(t, etalabSample), modified: time.Date(2026, 5, 12, 4, 0, 0, 0, time.UTC)}
}

func etalabJune(t testing.TB) file { return etalabJuneDay(t, 12) }

// etalabJuneDay is June's extract dated that day of June.
func etalabJuneDay(t testing.TB, day int) file {
	may := string(mustRead(t, etalabSample))
	june := strings.Replace(may, "finess;etalab;111;2026-05-12", fmt.Sprintf("finess;etalab;112;2026-06-%02d", day), 1)
	var kept []string
	for _, l := range strings.Split(june, "\n") {
		if !strings.HasPrefix(l, "structureet;970102059;") {
			kept = append(kept, l)
		}
	}
	return file{name: fmt.Sprintf("etalab-cs1100502-stock-202606%02d-0339.csv", day), title: fmt.Sprintf("Extraction Finess des Etablissements au %02d/06/2026", day),
		content: []byte(strings.Join(kept, "\n")), modified: time.Date(2026, 6, day, 4, 0, 0, 0, time.UTC)}
}

// The FINESS+ versions: the real excerpt, dated; from January 2026 a
// member (pmSmsseId 90001) joins the GHT "77 Nord" (gcc 2) — the file
// says so with a 016 event of 15/01/2026 — and from March 2026 the
// member 14869 of "21-52 Côte d'Or-Haute-Marne" (gcc 1) is gone.
const (
	joiner = "FINESS+ pmSmsseId 90001"
	leaver = "FINESS+ pmSmsseId 14869"
)

func structuresVersion(t testing.TB, generated time.Time, joined, left bool) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(mustRead(t, structuresSample), &doc); err != nil {
		t.Fatal(err)
	}
	doc["generatedAt"] = generated.Format(time.RFC3339)
	for _, g := range doc["gcc"].([]any) {
		gcc := g.(map[string]any)
		switch gcc["gccId"] {
		case "2":
			if joined {
				gcc["pmejDuGcc"] = append(gcc["pmejDuGcc"].([]any), map[string]any{"pmSmsseId": "90001", "typeRoleEntiteGroupe": "M"})
				gcc["evenement"] = append(gcc["evenement"].([]any), map[string]any{
					"evenementId": "990001", "dateEvenement": "2026-01-15", "etatObjet1": "016", "identifiantObjet1": "2",
					"typeObjet1": "GR", "identifiantObjet2": "90001", "typeObjet2": "PM", "codeEvenement": "016",
				})
			}
		case "1":
			if left {
				var kept []any
				for _, m := range gcc["pmejDuGcc"].([]any) {
					if m.(map[string]any)["pmSmsseId"] != "14869" {
						kept = append(kept, m)
					}
				}
				gcc["pmejDuGcc"] = kept
			}
		}
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return gz(t, b)
}

func gz(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// structuresFiles: three monthly versions (December 2025, January and
// February 2026, each generated on the first of the next month) and the
// daily file of 9 March 2026.
func structuresFiles(t testing.TB) []file {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 3, 0, 0, 0, time.UTC) }
	mk := func(name string, generated time.Time, joined, left bool) file {
		return file{name: name, title: name, content: structuresVersion(t, generated, joined, left), modified: generated}
	}
	return []file{
		mk("finess-structures-mensuel-202512.json.gz", day(2026, 1, 1), false, false),
		mk("finess-structures-mensuel-202601.json.gz", day(2026, 2, 1), true, false),
		mk("finess-structures-mensuel-202602.json.gz", day(2026, 3, 1), true, true),
		mk("finess-structures-journalier-20260309.json.gz", day(2026, 3, 9), true, true),
	}
}
