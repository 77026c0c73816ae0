package server_test

import (
	"log/slog"
	"os"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/maillage/maillage/server"
)

func TestDebugDoc(t *testing.T) {
	h := server.New(backends[0].db, slog.New(slog.NewTextHandler(os.Stderr, nil)), prometheus.NewRegistry(), server.WithoutRateLimits())
	rec := send(h, hostileRequest{body: gqlBody(os.Getenv("DOC"), nil)})
	t.Log(rec.Code, rec.Body.String())
}
