// Package ingest brings a file into the database, always the same way:
// its format names the parser that reads it (packages finess,
// finessplus, ghtlist, cooperation) and the importer step that writes it
// (package importer), in one transaction. The files Maillage ships go
// through the same path (LoadShipped).
package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/internal/ingest/importer"
)

// format reads one kind of file and imports it.
type format struct {
	name   string
	public bool // offered to users; the others read the shipped files only
	// streams: the format reads its file as a stream (file.reader), never
	// whole, so that ImportFile need not load it.
	streams bool
	ingest  func(ctx context.Context, im *importer.Importer, f file) (*importer.Report, error)
}

// file is the content to import and how it is named in messages and
// provenance.
type file struct {
	name    string
	content []byte
	// open reads the file as a stream when content is nil (ImportFile).
	open func() (io.ReadCloser, error)
	// source describes the file when its content does not (the shipped
	// files); nil: the format derives it from the content.
	source *importer.SourceInfo
}

// formats, in the order the CLI lists them.
var formats = []format{
	{name: "finess", public: true, ingest: ingestEtalab},
	{name: "structures", public: true, streams: true, ingest: ingestStructures},
	{name: "ght", public: true, ingest: ingestGHTList},
	{name: "cooperation", public: true, ingest: ingestCooperation},
	{name: "sites", public: false, ingest: ingestSiteCSV},
}

// Formats are the formats users may import.
func Formats() []string {
	var names []string
	for _, f := range formats {
		if f.public {
			names = append(names, f.name)
		}
	}
	return names
}

// Import reads content (name is for messages and provenance) as the given
// format and imports it in one transaction: all of it, or nothing.
// progress (nil: silent) is told how far long steps have gone.
func Import(ctx context.Context, client *ent.Client, progress importer.Progress, formatName, name string, content []byte) (*importer.Report, error) {
	i := slices.IndexFunc(formats, func(f format) bool { return f.public && f.name == formatName })
	if i < 0 {
		return nil, fmt.Errorf("unknown format %q: want one of %s", formatName, strings.Join(Formats(), ", "))
	}
	return formats[i].ingest(ctx, importer.New(client).WithProgress(progress), file{name: name, content: content})
}

// ImportFile imports the file at path like Import, inflating it when it
// is gzipped; a format that streams reads it as it goes, in bounded
// memory, whatever its size. name is the file's name in messages and
// provenance (the path when empty: an upload is named as the user's
// file, not as its temporary copy).
func ImportFile(ctx context.Context, client *ent.Client, progress importer.Progress, formatName, path, name string) (*importer.Report, error) {
	i := slices.IndexFunc(formats, func(f format) bool { return f.public && f.name == formatName })
	if i < 0 {
		return nil, fmt.Errorf("unknown format %q: want one of %s", formatName, strings.Join(Formats(), ", "))
	}
	if name == "" {
		name = path
	}
	name = strings.TrimSuffix(name, ".gz")
	f := file{name: name, open: func() (io.ReadCloser, error) { return openInflated(path) }}
	if !formats[i].streams {
		rc, err := openInflated(path)
		if err != nil {
			return nil, err
		}
		content, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		f = file{name: name, content: content}
	}
	return formats[i].ingest(ctx, importer.New(client).WithProgress(progress), f)
}

// openInflated opens a file, through gzip when it starts with gzip's
// magic number.
func openInflated(path string) (io.ReadCloser, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReader(fh)
	magic, _ := br.Peek(2)
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return struct {
			io.Reader
			io.Closer
		}{br, fh}, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		_ = fh.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{zr, fh}, nil
}

// reader opens the file's content.
func (f file) reader() (io.ReadCloser, error) {
	if f.content != nil || f.open == nil {
		return io.NopCloser(bytes.NewReader(f.content)), nil
	}
	return f.open()
}

// formatNamed is the format of a shipped file.
func formatNamed(name string) format {
	i := slices.IndexFunc(formats, func(f format) bool { return f.name == name })
	if i < 0 {
		panic("ingest: no format " + name)
	}
	return formats[i]
}
