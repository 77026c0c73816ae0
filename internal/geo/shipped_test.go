package geo

import (
	"strings"
	"testing"
)

// TestShippedBoundaries: every layer the map serves reads from its
// shipped file, each feature with its code and name; another layer is
// refused, saying which exist.
func TestShippedBoundaries(t *testing.T) {
	for _, tc := range []struct {
		layer    string
		atLeast  int
		refusing string
	}{
		{"regions", 18, ""},
		{"departements", 101, ""},
		{"communes", 0, "want one of [regions departements]"},
	} {
		fc, err := ShippedBoundaries(tc.layer)
		if tc.refusing != "" {
			if err == nil || !strings.Contains(err.Error(), tc.refusing) {
				t.Errorf("%s: error %v, want one saying %q", tc.layer, err, tc.refusing)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.layer, err)
		}
		if len(fc.Features) < tc.atLeast {
			t.Errorf("%s: %d features, want at least %d", tc.layer, len(fc.Features), tc.atLeast)
		}
		for i, f := range fc.Features {
			if code, _ := f.Properties["code"].(string); code == "" || f.Properties["nom"] == nil {
				t.Errorf("%s: feature %d without code or nom: %v", tc.layer, i, f.Properties)
				break
			}
		}
	}
}
