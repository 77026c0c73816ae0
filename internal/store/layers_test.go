package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/schema"
	"github.com/maillage/maillage/internal/access"
)

// TestEveryTypeHasAClass: every table belongs to a type whose class (and
// so whose layer) the schema declares; a schema added without a Rights
// mixin, or missing from schema.Classes, fails here.
func TestEveryTypeHasAClass(t *testing.T) {
	classes := schema.Classes()
	tables := ent.TableTypes()
	if len(tables) < 14 {
		t.Fatalf("%d tables, want the 14 types' at least", len(tables))
	}
	for table, typ := range tables {
		if _, ok := classes[typ]; !ok {
			t.Errorf("table %s holds %s, which declares no class", table, typ)
		}
	}
	layers := tableLayers(newLayersByType())
	for table, want := range map[string]Layer{
		"establishments": Registers, "legal_entities": Registers, "territories": Registers,
		"memberships": Cooperation, "groupings": Cooperation, "sources": Cooperation,
		"convention_party_sites": Cooperation, // a join table: its owner's layer
		"tokens":                 Access, "audit_events": Access,
	} {
		if got := layers[table]; got != want {
			t.Errorf("table %s is in layer %b, want %b", table, got, want)
		}
	}
}

// TestCommitsAreCountedByLayer: this process's writes count, by the
// layer of the type they write, when they are durable: at once outside a
// transaction, at commit inside one, never when rolled back.
func TestCommitsAreCountedByLayer(t *testing.T) {
	ctx := access.AsSystem(context.Background())
	db, err := Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "layers.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	counts := func() [2]uint64 {
		return [2]uint64{db.changes.local.registers.Load(), db.changes.local.cooperation.Load()}
	}
	source := func(c *ent.Client, key string) error {
		_, err := c.Source.Create().SetKind("EDIT").SetKey(key).SetTitle("t").SetRecordedAt(time.Now()).Save(ctx)
		return err
	}
	tests := []struct {
		name  string
		write func(t *testing.T)
		want  [2]uint64 // registers, cooperation: counted since the step before
	}{
		{"a cooperation record", func(t *testing.T) {
			if err := source(db.Client, "a"); err != nil {
				t.Fatal(err)
			}
		}, [2]uint64{0, 1}},
		{"a register record", func(t *testing.T) {
			src, err := db.Client.Source.Query().Only(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Client.Territory.Create().SetKind("REGION").SetCode("84").SetName("Auvergne-Rhône-Alpes").SetSourceID(src.ID).Save(ctx); err != nil {
				t.Fatal(err)
			}
		}, [2]uint64{1, 0}},
		{"a token", func(t *testing.T) {
			if _, err := db.Client.Token.Create().SetName("n").SetRole("admin").SetHash("h").SetCreatedAt(time.Now()).Save(ctx); err != nil {
				t.Fatal(err)
			}
		}, [2]uint64{0, 0}},
		{"a transaction, counted once at commit", func(t *testing.T) {
			tx, err := db.Client.Tx(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, key := range []string{"b", "c"} {
				if err := source(tx.Client(), key); err != nil {
					t.Fatal(err)
				}
			}
			if got := counts(); got != before {
				t.Errorf("counted %v before the commit, want %v", got, before)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
		}, [2]uint64{0, 1}},
		{"a transaction rolled back", func(t *testing.T) {
			tx, err := db.Client.Tx(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := source(tx.Client(), "d"); err != nil {
				t.Fatal(err)
			}
			if err := tx.Rollback(); err != nil {
				t.Fatal(err)
			}
		}, [2]uint64{0, 0}},
		{"a failed write", func(t *testing.T) {
			if err := source(db.Client, "a"); err == nil { // the key is taken
				t.Fatal("a duplicate key was accepted")
			}
		}, [2]uint64{0, 0}},
	}
	for _, tt := range tests {
		before = counts()
		tt.write(t)
		got := counts()
		if d := [2]uint64{got[0] - before[0], got[1] - before[1]}; d != tt.want {
			t.Errorf("%s: counted %v (registers, cooperation), want %v", tt.name, d, tt.want)
		}
	}
	if n := len(db.counter.pending); n != 0 {
		t.Errorf("%d transactions still pending after commit and rollback", n)
	}
}

// before is what the counters held before the step under test.
var before [2]uint64
