// Command postgen finishes entgql's pagination: `go generate` runs it
// after ent's code generation (see generate.go). entgql's Paginate counts
// every record its conditions select whenever a connection's pageInfo is
// asked, and then, once it has read the page (one record more than asked,
// which tells whether there is a next one), sets hasNextPage and
// hasPreviousPage from the page alone: the count is used only for
// totalCount. Any paged list asking pageInfo (what an app paging through
// a list asks) thus cost a second statement counting the whole filter
// (95,000 sites for a national list) for nothing. Here the count runs
// when totalCount is asked, or when pageInfo is asked without a page to
// read (no edges, first: 0 or last: 0), where it still decides the page
// info.
//
// It fails when the rewrite finds nothing to rewrite, so that an entgql
// whose output changed is noticed.
package main

import (
	"bytes"
	"fmt"
	"os"
)

const file = "ent/gql_pagination.go"

var (
	counted = []byte(`if hasCollectedField(ctx, totalCountField) || hasCollectedField(ctx, pageInfoField) {`)
	// ignoredEdges and the bounds are Paginate's own variables, set before.
	countedWhenNeeded = []byte(`if hasCollectedField(ctx, totalCountField) || (hasCollectedField(ctx, pageInfoField) && (ignoredEdges || (first != nil && *first == 0) || (last != nil && *last == 0))) {`)
)

func main() {
	src, err := os.ReadFile(file)
	if err != nil {
		fail(err)
	}
	if bytes.Count(src, counted) == 0 {
		fail(fmt.Errorf("%s: no Paginate counting for pageInfo found: entgql's template changed", file))
	}
	src = bytes.ReplaceAll(src, counted, countedWhenNeeded)
	if err := os.WriteFile(file, src, 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ent/postgen:", err)
	os.Exit(1)
}
