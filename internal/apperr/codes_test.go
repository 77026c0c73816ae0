package apperr

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestCodesAreDocumented keeps the README's table of error codes equal
// to Codes, the one list.
func TestCodesAreDocumented(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	want.WriteString("| code | HTTP status | meaning |\n|---|---|---|\n")
	for _, c := range Codes {
		fmt.Fprintf(&want, "| `%s` | %d | %s |\n", c.Code, c.Status, c.Meaning)
	}
	if !strings.Contains(string(readme), want.String()) {
		t.Errorf("the README's table of error codes differs from apperr.Codes; it should read:\n%s", want.String())
	}
	seen := map[string]bool{}
	for _, c := range Codes {
		if seen[c.Code] {
			t.Errorf("%s listed twice", c.Code)
		}
		seen[c.Code] = true
	}
}

// TestReasonsAreDocumented keeps the README's table of refusal reasons
// equal to Reasons.
func TestReasonsAreDocumented(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	want.WriteString("| reason | code | details | meaning |\n|---|---|---|---|\n")
	seen := map[string]bool{}
	for _, r := range Reasons {
		fmt.Fprintf(&want, "| `%s` | `%s` | %s | %s |\n", r.Reason, r.Code, r.Details, r.Meaning)
		if seen[r.Reason] {
			t.Errorf("%s listed twice", r.Reason)
		}
		seen[r.Reason] = true
	}
	if !strings.Contains(string(readme), want.String()) {
		t.Errorf("the README's table of refusal reasons differs from apperr.Reasons; it should read:\n%s", want.String())
	}
}
