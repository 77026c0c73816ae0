package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/cooperation"
	"github.com/maillage/maillage/internal/ingest/importer"
)

// addGrouping imports, through the cooperation importer, a GCS named name
// with CHU de Saint-Étienne as member, and takes it away when the test
// ends, leaving the shared database as the other tests expect it.
func addGrouping(t *testing.T, b *backend, code, name string) {
	t.Helper()
	ctx := context.Background()
	source := strings.ToLower(code)
	file, err := cooperation.Parse(source+".yaml", fmt.Appendf(nil, `sources:
  - {key: %s, kind: EDIT, title: Test}
groupings:
  - {code: %s, kind: GCS, name: %s, source: %s, members: [{finess: "420784878", role: MEMBER}]}
`, source, code, name, source))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, stmt := range []string{
			`DELETE FROM memberships WHERE grouping_id IN (SELECT id FROM groupings WHERE code = $1)`,
			`DELETE FROM groupings WHERE code = $1`,
			`DELETE FROM sources WHERE key = $1`,
		} {
			arg := code
			if strings.HasPrefix(stmt, "DELETE FROM sources") {
				arg = source
			}
			if _, err := b.db.SQL.ExecContext(ctx, stmt, arg); err != nil {
				t.Error(err)
			}
		}
	})
	if _, err := importer.New(b.db.Client).Cooperation(access.AsSystem(ctx), file); err != nil {
		t.Fatal(err)
	}
}
