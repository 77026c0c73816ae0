// Not Go code: this file keeps the Go tool out of frontend/ (and of the
// Go packages some npm dependencies ship in node_modules), since a
// directory holding a go.mod is not part of the parent module's ./...
module github.com/maillage/maillage/frontend

go 1.26
