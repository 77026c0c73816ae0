package datagouv

import (
	"context"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Validators are what the server said of the file it sent: they make
// the next request conditional, and a resumed one safe.
type Validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"lastModified,omitempty"`
}

// Download asks for one resource into Path.
type Download struct {
	Dataset  string // for messages
	Resource Resource
	Path     string      // where the file is kept; Path+".part" holds a download in progress
	Previous *Validators // of the file at Path (nil: ask unconditionally)
	// Progress (nil: none) is told the bytes of the file received so
	// far, and its size when known (else -1).
	Progress func(done, total int64)
}

// Result is what a download did.
type Result struct {
	NotModified bool // the server answered 304: the file at Path is current
	Validators
	Size     int64
	SHA256   string // of the file at Path
	Received int64  // bytes received by this call
	Resumed  bool   // a .part left by an interrupted download was continued
}

// partMeta is kept beside a .part: which URL and version it holds.
type partMeta struct {
	URL string `json:"url"`
	Validators
}

// Cap is the most bytes a resource may have: twice what the API
// announces plus 1 MiB (the announced size may lag a republished file),
// or MaxUnannounced when it announces nothing.
func (c *Client) Cap(r Resource) int64 {
	if r.Filesize > 0 {
		return 2*r.Filesize + 1<<20
	}
	if c.MaxUnannounced > 0 {
		return c.MaxUnannounced
	}
	return DefaultMaxUnannounced
}

// Download fetches d.Resource into d.Path: the whole file is received
// into Path+".part", checked (size, published checksum), then renamed
// over Path. A .part of the same URL and version left by an
// interrupted download is resumed with a Range request. On error Path is
// as it was.
func (c *Client) Download(ctx context.Context, d Download) (*Result, error) {
	r := d.Resource
	u := r.URL
	fail := func(err error) error {
		return &Error{Dataset: d.Dataset, Resource: fmt.Sprintf("%q", r.Title), URL: u, Err: err}
	}
	if err := os.MkdirAll(filepath.Dir(d.Path), 0o755); err != nil {
		return nil, fail(err)
	}
	part, metaPath := d.Path+".part", d.Path+".part.json"
	var have int64
	var meta partMeta
	if st, err := os.Stat(part); err == nil && st.Size() > 0 {
		if b, err := os.ReadFile(metaPath); err == nil && json.Unmarshal(b, &meta) == nil && meta.URL == u && (strongETag(meta.ETag) || meta.LastModified != "") {
			have = st.Size()
		}
	}
	if have == 0 {
		removePart(d.Path)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fail(err)
	}
	if p := d.Previous; p != nil {
		if _, err := os.Stat(d.Path); err == nil {
			if p.ETag != "" {
				req.Header.Set("If-None-Match", p.ETag)
			}
			if p.LastModified != "" {
				req.Header.Set("If-Modified-Since", p.LastModified)
			}
		}
	}
	if have > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(have, 10)+"-")
		if strongETag(meta.ETag) {
			req.Header.Set("If-Range", meta.ETag)
		} else {
			req.Header.Set("If-Range", meta.LastModified)
		}
	}
	cap := c.Cap(r)
	var received int64
	var total int64 = -1
	progress := func(n int) {
		received += int64(n)
		if d.Progress != nil {
			d.Progress(have+received, total)
		}
	}
	resp, body, err := c.do(req, progress)
	if err != nil {
		return nil, fail(err)
	}
	defer body.Close()
	res := &Result{Validators: Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}}
	switch resp.StatusCode {
	case http.StatusNotModified:
		if d.Previous == nil {
			return nil, fail(errors.New("the server answered 304 Not Modified to an unconditional request"))
		}
		res.NotModified = true
		if res.ETag == "" && res.LastModified == "" {
			res.Validators = *d.Previous
		}
		return res, nil
	case http.StatusPartialContent:
		if have == 0 {
			return nil, fail(errors.New("the server answered 206 Partial Content to a request for the whole file"))
		}
		start, _, size, ok := contentRange(resp.Header.Get("Content-Range"))
		if !ok || start != have {
			removePart(d.Path)
			return nil, fail(fmt.Errorf("the server resumed at %q, not at byte %d", resp.Header.Get("Content-Range"), have))
		}
		total = size
		res.Resumed = true
	case http.StatusOK:
		have = 0
		if resp.ContentLength >= 0 {
			total = resp.ContentLength
		}
	default:
		return nil, fail(&StatusError{Status: resp.Status, Code: resp.StatusCode})
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt == "text/html" && !strings.EqualFold(r.Format, "html") {
		removePart(d.Path)
		return nil, fail(fmt.Errorf("the server sent an HTML page, not the %s file", orUnknown(r.Format)))
	}
	if total > cap {
		removePart(d.Path)
		return nil, fail(fmt.Errorf("the file is %d bytes, far larger than the %d announced (at most %d accepted)", total, r.Filesize, cap))
	}
	// The .part's version, so that an interruption can be resumed.
	if have == 0 {
		if b, err := json.Marshal(partMeta{URL: u, Validators: res.Validators}); err == nil {
			if err := os.WriteFile(metaPath, b, 0o644); err != nil {
				return nil, fail(err)
			}
		}
	}
	flags := os.O_CREATE | os.O_WRONLY
	if have > 0 {
		flags |= os.O_APPEND
	} else {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(part, flags, 0o644)
	if err != nil {
		return nil, fail(err)
	}
	n, err := io.Copy(f, io.LimitReader(body, cap-have+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && have+n > cap {
		removePart(d.Path)
		return nil, fail(fmt.Errorf("the file is larger than %d bytes, far larger than the %d announced: stopped", cap, r.Filesize))
	}
	if err != nil {
		if !strongETag(res.ETag) && res.LastModified == "" {
			removePart(d.Path) // no way to resume it safely
		}
		return nil, fail(readError(err))
	}
	if resp.ContentLength >= 0 && n != resp.ContentLength {
		return nil, fail(fmt.Errorf("truncated: %d bytes received of %d", n, resp.ContentLength))
	}
	res.Received = received
	sum, size, err := checkFile(part, r.Checksum)
	if err != nil {
		removePart(d.Path)
		return nil, fail(err)
	}
	res.SHA256, res.Size = sum, size
	if err := os.Rename(part, d.Path); err != nil {
		return nil, fail(err)
	}
	_ = os.Remove(metaPath)
	return res, nil
}

// checkFile hashes the file at path: its SHA-256, and the published
// checksum when there is one, which must match.
func checkFile(path string, want *Checksum) (sha string, size int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	s256 := sha256.New()
	w := io.Writer(s256)
	var published hash.Hash
	if want != nil && want.Value != "" {
		switch strings.ToLower(strings.ReplaceAll(want.Type, "-", "")) {
		case "sha1":
			published = sha1.New()
		case "sha256":
			published = sha256.New()
		case "sha512":
			published = sha512.New()
		case "md5":
			published = md5.New()
		default:
			return "", 0, fmt.Errorf("unknown checksum type %q", want.Type)
		}
		w = io.MultiWriter(s256, published)
	}
	size, err = io.Copy(w, f)
	if err != nil {
		return "", 0, err
	}
	if published != nil {
		if got := hex.EncodeToString(published.Sum(nil)); !strings.EqualFold(got, strings.TrimSpace(want.Value)) {
			return "", 0, fmt.Errorf("wrong checksum: %s %s published, %s received (%d bytes): the file is corrupt or not the one announced", want.Type, want.Value, got, size)
		}
	}
	return hex.EncodeToString(s256.Sum(nil)), size, nil
}

func removePart(path string) {
	_ = os.Remove(path + ".part")
	_ = os.Remove(path + ".part.json")
}

func strongETag(e string) bool { return e != "" && !strings.HasPrefix(e, "W/") }

func orUnknown(s string) string {
	if s == "" {
		return "announced"
	}
	return s
}

// contentRange reads "bytes START-END/SIZE" (SIZE may be "*": -1).
func contentRange(h string) (start, end, size int64, ok bool) {
	rest, found := strings.CutPrefix(h, "bytes ")
	if !found {
		return 0, 0, 0, false
	}
	rng, sz, found := strings.Cut(rest, "/")
	if !found {
		return 0, 0, 0, false
	}
	a, b, found := strings.Cut(rng, "-")
	if !found {
		return 0, 0, 0, false
	}
	var err error
	if start, err = strconv.ParseInt(a, 10, 64); err != nil {
		return 0, 0, 0, false
	}
	if end, err = strconv.ParseInt(b, 10, 64); err != nil {
		return 0, 0, 0, false
	}
	size = -1
	if sz != "*" {
		if size, err = strconv.ParseInt(sz, 10, 64); err != nil {
			return 0, 0, 0, false
		}
	}
	return start, end, size, true
}
