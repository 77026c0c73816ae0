// Command postgen finishes gqlgen's executor: `go generate` runs it
// after gqlgen (see generate.go). It points the lists of objects in
// graph/generated/generated.go at marshalList (graph/generated/lists.go,
// written by hand), which marshals cheap elements without a goroutine
// each, instead of graphql.MarshalSliceConcurrently, which starts one per
// element. gqlgen has no option for this: its template calls
// MarshalSliceConcurrently for every list of objects.
//
// It fails when it finds nothing to rewrite, so that a gqlgen whose
// output changed is noticed rather than silently left concurrent.
package main

import (
	"bytes"
	"fmt"
	"os"
)

const (
	file = "graph/generated/generated.go"
	from = "graphql.MarshalSliceConcurrently("
	to   = "marshalList("
)

func main() {
	src, err := os.ReadFile(file)
	if err != nil {
		fail(err)
	}
	n := bytes.Count(src, []byte(from))
	if n == 0 {
		fail(fmt.Errorf("%s: no call of %s left to rewrite: has gqlgen's output changed?", file, from))
	}
	out := bytes.ReplaceAll(src, []byte(from), []byte(to))
	if err := os.WriteFile(file, out, 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "postgen:", err)
	os.Exit(1)
}
