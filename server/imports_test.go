package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/imports"
	"github.com/maillage/maillage/internal/store"
	"github.com/maillage/maillage/internal/tokens"
	"github.com/maillage/maillage/server"
)

// TestImportFromTheApp: an admin uploads an etalab extract and reads its
// report once imported; a malformed file fails with its line and field
// and changes nothing; other callers are refused.
func TestImportFromTheApp(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	admin, _, err := tokens.Create(ctx, db.Client, tokens.Spec{Role: access.RoleAdmin, Name: "admin"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	h := server.New(db, slog.New(slog.DiscardHandler), prometheus.NewRegistry(), server.WithoutRateLimits(), server.WithoutWarmUp())
	good, err := os.ReadFile("../internal/finess/testdata/etalab-cs1100502-stock-20260512-0339.excerpt.csv")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(good), "structureet;970216057;590799730;", "structureet;970216057;59079973X;", 1)
	newer := strings.Replace(bad, "2026-05-12", "2026-06-12", 1)

	send := func(method, target, token string, body []byte) (int, map[string]any) {
		req := httptest.NewRequest(method, target, bytes.NewReader(body))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var out map[string]any
		_ = json.Unmarshal(rec.Body.Bytes(), &out)
		return rec.Code, out
	}
	// wait polls the import until it is no longer running.
	wait := func(id float64) map[string]any {
		deadline := time.Now().Add(2 * time.Minute)
		for time.Now().Before(deadline) {
			_, job := send(http.MethodGet, "/api/imports/"+strconvI(id), admin, nil)
			if s := job["state"]; s != string(imports.Running) && s != string(imports.Received) {
				return job
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatal("the import never finished")
		return nil
	}

	for _, tt := range []struct {
		name, token, format string
		status              int
	}{
		{"anonymous", "", "finess", http.StatusForbidden},
		{"unknown format", admin, "pdf", http.StatusBadRequest},
	} {
		if code, body := send(http.MethodPost, "/api/imports?format="+tt.format+"&name=x.csv", tt.token, good); code != tt.status {
			t.Errorf("%s: %d %v, want %d", tt.name, code, body, tt.status)
		}
	}

	code, job := send(http.MethodPost, "/api/imports?format=finess&name=may.csv", admin, good)
	if code != http.StatusAccepted {
		t.Fatalf("import: %d %v", code, job)
	}
	done := wait(job["id"].(float64))
	if done["state"] != string(imports.Done) || !strings.Contains(done["report"].(string), "establishment +14") || strings.Contains(done["report"].(string), os.TempDir()) {
		t.Fatalf("import: %v", done)
	}
	sites := db.Client.Establishment.Query().CountX(ctx)

	code, job = send(http.MethodPost, "/api/imports?format=finess&name=bad.csv", admin, []byte(newer))
	if code != http.StatusAccepted {
		t.Fatalf("bad import: %d %v", code, job)
	}
	failed := wait(job["id"].(float64))
	if failed["state"] != string(imports.Failed) || !strings.HasPrefix(failed["error"].(string), "bad.csv:15: field nofinessej") {
		t.Errorf("bad import: %v", failed)
	}
	if n := db.Client.Establishment.Query().CountX(ctx); n != sites {
		t.Errorf("the failed import changed the sites: %d, then %d", sites, n)
	}
	if code, list := sendList(h, admin); code != http.StatusOK || len(list) != 2 {
		t.Errorf("imports listed: %d %v", code, list)
	}
}

func strconvI(f float64) string { return strconv.Itoa(int(f)) }

func sendList(h http.Handler, token string) (int, []map[string]any) {
	req := httptest.NewRequest(http.MethodGet, "/api/imports", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out []map[string]any
	body, _ := io.ReadAll(rec.Body)
	_ = json.Unmarshal(body, &out)
	return rec.Code, out
}
