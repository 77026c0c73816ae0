package maillage

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// generatedDirs hold the code `go generate ./...` writes, and the
// schemas and resolvers it rewrites.
var generatedDirs = []string{"ent", "graph"}

// TestGeneratedCodeIsUpToDate regenerates in a copy of the module and
// fails when the committed code differs: generated code is never edited
// by hand, and a schema change always lands with its regeneration.
func TestGeneratedCodeIsUpToDate(t *testing.T) {
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	if err := copyModule(root, work); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "generate", "./...")
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go generate: %v\n%s", err, out)
	}
	before, err := snapshot(root)
	if err != nil {
		t.Fatal(err)
	}
	after, err := snapshot(work)
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range after {
		old, ok := before[name]
		switch {
		case !ok:
			t.Errorf("go generate writes %s, which is not committed", name)
		case !bytes.Equal(old, content):
			t.Errorf("go generate changes %s: run `make generate` and commit the result", name)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			t.Errorf("go generate no longer writes %s", name)
		}
	}
}

// copyModule copies the Go module at src (sources, data, configuration)
// into dst, leaving out what generation never reads.
func copyModule(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "frontend", "dist", "bin":
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() || strings.HasSuffix(path, ".db") {
			return nil
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), content, 0o644)
	})
}

// snapshot reads every file under the generated directories of root.
func snapshot(root string) (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, dir := range generatedDirs {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			content, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			files[rel] = content
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}
