package store

import "testing"

func TestLayerOf(t *testing.T) {
	tests := []struct {
		query string
		want  layer
	}{
		{`SELECT * FROM "groupings"`, 0},
		{"PRAGMA data_version", 0},
		{`INSERT INTO "establishments" ("finess") VALUES ($1) RETURNING "id"`, registersLayer},
		{"INSERT INTO `legal_entities` (`finess`) VALUES (?)", registersLayer},
		{`UPDATE "territories" SET "name" = $1`, registersLayer},
		{`DELETE FROM "memberships" WHERE "id" = $1`, cooperationLayer},
		{`INSERT INTO "convention_parties" ("role") VALUES ($1)`, cooperationLayer},
		{"UPDATE groupings", cooperationLayer}, // a notification's table name
		{`INSERT INTO "audit_events" ("actor") VALUES ($1)`, accessLayer},
		{`UPDATE "tokens" SET "revoked_at" = ?`, accessLayer},
		{`CREATE TABLE "x" ("id" integer)`, registersLayer | cooperationLayer},
		{`INSERT INTO`, registersLayer | cooperationLayer},
	}
	for _, tt := range tests {
		if got := layerOf(tt.query); got != tt.want {
			t.Errorf("layerOf(%q) = %b, want %b", tt.query, got, tt.want)
		}
	}
}
