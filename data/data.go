// Package data ships the real public datasets Maillage loads on first
// start; SOURCES.md gives their provenance.
package data

import (
	"compress/gzip"
	"embed"
	"io"
	"strings"
)

//go:embed finess geo cooperation
var files embed.FS

// Open opens a shipped file by its path under data/, decompressing .gz
// files.
func Open(name string) (io.ReadCloser, error) {
	f, err := files.Open(name)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(name, ".gz") {
		return f, nil
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return &gzipFile{Reader: zr, file: f}, nil
}

// ReadFile returns a shipped file's content, decompressed.
func ReadFile(name string) ([]byte, error) {
	rc, err := Open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

type gzipFile struct {
	*gzip.Reader
	file io.Closer
}

func (g *gzipFile) Close() error {
	err := g.Reader.Close()
	if cerr := g.file.Close(); err == nil {
		err = cerr
	}
	return err
}

// ReadRaw returns a shipped file's bytes as stored (a .gz file stays
// compressed).
func ReadRaw(name string) ([]byte, error) { return files.ReadFile(name) }
