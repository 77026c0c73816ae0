package schema

import (
	"fmt"
	"slices"
)

// validateDomains rejects a convention domain outside ConventionDomains
// and a domain given twice, so that a convention lists at most
// len(ConventionDomains) domains (the API prices the list by it).
func validateDomains(domains []string) error {
	for i, d := range domains {
		if !slices.Contains(ConventionDomains, d) {
			return fmt.Errorf("unknown convention domain %q", d)
		}
		if slices.Contains(domains[:i], d) {
			return fmt.Errorf("convention domain %q given twice", d)
		}
	}
	return nil
}
