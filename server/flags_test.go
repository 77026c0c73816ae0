package server_test

import (
	"flag"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/server"
)

// TestFlagsAndEnvironment: each setting from its flag, else its
// MAILLAGE_* variable, else the default; a malformed variable is an
// error, not a silent default.
func TestFlagsAndEnvironment(t *testing.T) {
	t.Setenv("MAILLAGE_MAX_DEPTH", "7")
	t.Setenv("MAILLAGE_RATE_ANONYMOUS", "2.5")
	t.Setenv("MAILLAGE_CORS_ORIGINS", "https://a.example, https://b.example")
	t.Setenv("MAILLAGE_INTROSPECTION", "false")
	t.Setenv("MAILLAGE_QUERY_TIMEOUT", "3s")
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	cfg, check := server.Flags(fs)
	if err := fs.Parse([]string{"--max-depth", "9", "--graphiql=false", "--max-body-bytes", "1000"}); err != nil {
		t.Fatal(err)
	}
	if err := check(); err != nil {
		t.Fatal(err)
	}
	def := server.DefaultConfig()
	got := []struct {
		name      string
		got, want any
	}{
		{"flag over variable", cfg.Limits.MaxDepth, 9},
		{"variable", cfg.AnonymousRate, 2.5},
		{"list variable", strings.Join(cfg.CORSOrigins, "|"), "https://a.example|https://b.example"},
		{"bool variable", cfg.Introspection, false},
		{"duration variable", cfg.QueryTimeout, 3 * time.Second},
		{"bool flag", cfg.GraphiQL, false},
		{"int64 flag", cfg.Limits.MaxBodyBytes, int64(1000)},
		{"default", cfg.Limits.MaxComplexity, def.Limits.MaxComplexity},
	}
	for _, g := range got {
		if g.got != g.want {
			t.Errorf("%s: %v, want %v", g.name, g.got, g.want)
		}
	}

	t.Setenv("MAILLAGE_MAX_PAGE", "lots")
	fs = flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	_, check = server.Flags(fs)
	if err := fs.Parse(nil); err != nil {
		t.Fatal(err)
	}
	if err := check(); err == nil || !strings.Contains(err.Error(), "MAILLAGE_MAX_PAGE") {
		t.Errorf("malformed variable: %v", err)
	}
}
