package maillage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestArchitectureListsEveryPackage fails when a package of internal/
// (or a command, or a benchmark) is missing from the README's
// architecture section: a newcomer finds the package for any job there.
func TestArchitectureListsEveryPackage(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "## Architecture")
	if !ok {
		t.Fatal("README.md has no Architecture section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	listed := map[string]bool{}
	for _, line := range strings.Split(section, "\n") {
		if fields := strings.Fields(line); len(fields) > 0 {
			listed[strings.TrimSuffix(fields[0], "/")] = true
		}
	}
	var dirs []string
	for _, pattern := range []string{"internal/*", "cmd/*", "bench/*"} {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, matches...)
	}
	if len(dirs) < 25 {
		t.Fatalf("found %d packages, want the 25 of internal/ at least", len(dirs))
	}
	for _, dir := range dirs {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			continue
		}
		if !listed[filepath.ToSlash(dir)] {
			t.Errorf("%s is not in the README's architecture section", dir)
		}
	}
}
