package main

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/datasync"
)

// TestSyncCommand: maillage sync against a local publisher imports the
// sample into a fresh database; run again, it downloads nothing.
func TestSyncCommand(t *testing.T) {
	sample, err := os.ReadFile("../../internal/finess/testdata/etalab-cs1100502-stock-20260512-0339.excerpt.csv")
	if err != nil {
		t.Fatal(err)
	}
	var files atomic.Int32
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("GET /api/1/datasets/{id}/", func(w http.ResponseWriter, r *http.Request) {
		sum := sha1.Sum(sample)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"id": "x", "slug": r.PathValue("id"), "resources": []map[string]any{{
			"id": "r1", "title": "Extraction Finess des Etablissements au 12/05/2026", "format": "csv", "filesize": len(sample),
			"checksum": map[string]string{"type": "sha1", "value": hex.EncodeToString(sum[:])},
			"url":      srv.URL + "/files/etalab-cs1100502-stock-20260512-0339.csv",
		}}})
	})
	mux.HandleFunc("GET /files/{name}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") != `"v1"` {
			files.Add(1)
		}
		http.ServeContent(w, r, r.PathValue("name"), time.Date(2026, 5, 12, 0, 0, 0, 0, time.UTC), strings.NewReader(string(sample)))
	})
	srv = httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	args := []string{"sync", "--db", "sqlite://" + filepath.Join(dir, "m.db"), "--api", srv.URL + "/api/1",
		"--structures-dataset", "none", "--cache", filepath.Join(dir, "cache")}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	for i := range 2 {
		if err := run(context.Background(), args, logger); err != nil {
			t.Fatalf("sync %d: %v", i+1, err)
		}
	}
	if n := files.Load(); n != 1 {
		t.Errorf("the file was sent %d times, want once", n)
	}
	st, err := datasync.ReadState(filepath.Join(dir, "cache"))
	if err != nil || st.LastSuccess == nil || st.LastSuccess.Changed() || st.LastSuccess.Items[0].Downloaded != 0 {
		t.Fatalf("the second sync: %+v %v", st.LastSuccess, err)
	}
	if err := run(context.Background(), []string{"sync", "--api", "http://127.0.0.1:1/api/1", "--cache", filepath.Join(dir, "cache"),
		"--db", "sqlite://" + filepath.Join(dir, "m.db")}, logger); err == nil || !strings.Contains(err.Error(), "offline") {
		t.Errorf("offline: %v", err)
	}
}
