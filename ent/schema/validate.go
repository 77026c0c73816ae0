package schema

import (
	"fmt"
	"slices"
)

// validateDomains rejects a convention domain outside ConventionDomains.
func validateDomains(domains []string) error {
	for _, d := range domains {
		if !slices.Contains(ConventionDomains, d) {
			return fmt.Errorf("unknown convention domain %q", d)
		}
	}
	return nil
}
