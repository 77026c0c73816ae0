// Package hatest holds the tests of Maillage beyond one PostgreSQL
// server: servers on a primary and its streaming standby through a
// failover (with and without synchronous replication), and behind
// PgBouncer in transaction mode. Its tests measure what docs/scaling.md
// reports: go test ./internal/hatest -v.
package hatest
