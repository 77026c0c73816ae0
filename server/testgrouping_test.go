package server_test

import (
	"context"
	"fmt"
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
	importGroupings(t, b, fmt.Sprintf(`sources:
  - {key: test-%s, kind: EDIT, title: Test}
groupings:
  - {code: %s, kind: GCS, name: %s, source: test-%[1]s, members: [{finess: "420784878", role: MEMBER}]}
`, code, code, name))
}

// importGroupings imports a cooperation file of sources and groupings
// through the importer, and takes them away (with their memberships) when
// the test ends.
func importGroupings(t *testing.T, b *backend, yaml string) {
	t.Helper()
	ctx := context.Background()
	file, err := cooperation.Parse("test.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, g := range file.Groupings {
			for _, stmt := range []string{
				`DELETE FROM memberships WHERE grouping_id IN (SELECT id FROM groupings WHERE code = $1)`,
				`DELETE FROM groupings WHERE code = $1`,
			} {
				if _, err := b.db.SQL.ExecContext(ctx, stmt, g.Code); err != nil {
					t.Error(err)
				}
			}
		}
		for _, s := range file.Sources {
			if _, err := b.db.SQL.ExecContext(ctx, `DELETE FROM sources WHERE key = $1`, s.Key); err != nil {
				t.Error(err)
			}
		}
	})
	if _, err := importer.New(b.db.Client).Cooperation(access.AsSystem(ctx), file); err != nil {
		t.Fatal(err)
	}
}
