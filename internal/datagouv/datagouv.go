// Package datagouv finds a dataset's resources through the data.gouv.fr
// API (GET {api}/datasets/{id-or-slug}/) and downloads them into a cache:
// conditional requests (If-None-Match, If-Modified-Since), resumed into
// a ".part" file (Range, If-Range), the published checksum checked, the
// size capped relative to the announced one, a stalled transfer cut after
// a deadline. Nothing here knows what the files mean.
package datagouv

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// DefaultAPI is the public data.gouv.fr API.
const DefaultAPI = "https://www.data.gouv.fr/api/1"

// Defaults of a Client's limits.
const (
	DefaultStall          = 60 * time.Second
	DefaultAPITimeout     = 60 * time.Second
	DefaultMaxAPIBytes    = 32 << 20
	DefaultMaxUnannounced = 8 << 30
)

// ErrOffline is wrapped by errors that come from not reaching the
// publisher at all (no route, name not resolved, connection refused).
var ErrOffline = errors.New("offline")

// Dataset is what the API says of a dataset (the fields Maillage uses).
type Dataset struct {
	ID           string     `json:"id"`
	Slug         string     `json:"slug"`
	Title        string     `json:"title"`
	Page         string     `json:"page"`
	LastModified Time       `json:"last_modified"`
	Resources    []Resource `json:"resources"`
}

// Resource is one file of a dataset.
type Resource struct {
	ID           string    `json:"id"`
	Title        string    `json:"title"`
	Description  string    `json:"description"`
	URL          string    `json:"url"`
	Latest       string    `json:"latest"`
	Format       string    `json:"format"`
	Mime         string    `json:"mime"`
	Type         string    `json:"type"`
	Filesize     int64     `json:"filesize"`
	LastModified Time      `json:"last_modified"`
	Checksum     *Checksum `json:"checksum"`
}

// Checksum is a resource's published checksum: type sha1, sha256, md5…
type Checksum struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// FileName is the last element of the resource's URL path ("" when
// the URL has none).
func (r Resource) FileName() string {
	u, err := url.Parse(r.URL)
	if err != nil {
		return ""
	}
	p := u.Path
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		p = p[i+1:]
	}
	return p
}

// Time reads the API's dates, with or without a zone
// ("2018-10-11T11:49:22.503000", "2026-03-09T15:49:37+00:00"); a date
// without a zone is UTC.
type Time struct{ time.Time }

var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05", "2006-01-02"}

// UnmarshalJSON implements json.Unmarshaler.
func (t *Time) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		t.Time = time.Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == "" {
		t.Time = time.Time{}
		return nil
	}
	for _, l := range timeLayouts {
		if v, err := time.Parse(l, s); err == nil {
			t.Time = v.UTC()
			return nil
		}
	}
	return fmt.Errorf("malformed date %q", s)
}

// MarshalJSON implements json.Marshaler.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.UTC().Format(time.RFC3339Nano))
}

// Client talks to one data.gouv.fr API and the hosts its resources are
// on.
type Client struct {
	API  string       // e.g. DefaultAPI, without trailing slash
	HTTP *http.Client // nil: a client with sane transport timeouts
	// Stall: a request that receives no byte for this long fails.
	Stall time.Duration
	// APITimeout bounds a whole API request.
	APITimeout time.Duration
	// MaxAPIBytes caps an API answer.
	MaxAPIBytes int64
	// MaxUnannounced caps a download whose size the API does not give.
	MaxUnannounced int64
	UserAgent      string
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return defaultHTTP
}

var defaultHTTP = &http.Client{
	Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   4,
		ForceAttemptHTTP2:     true,
	},
	// Redirects are followed (a resource's "latest" URL redirects to the
	// file), at most 10 as net/http does.
}

func (c *Client) stall() time.Duration {
	if c.Stall > 0 {
		return c.Stall
	}
	return DefaultStall
}

// Error is a failure to get a dataset or one of its resources: it names
// them and the URL.
type Error struct {
	Dataset  string
	Resource string // "" for the dataset's API answer
	URL      string
	Err      error
}

func (e *Error) Error() string {
	what := "dataset " + e.Dataset
	if e.Resource != "" {
		what += ", resource " + e.Resource
	}
	return fmt.Sprintf("%s: %s: %v", what, e.URL, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// StatusError is an HTTP answer other than the one expected.
type StatusError struct {
	Status string
	Code   int
}

func (e *StatusError) Error() string { return "the server answered " + e.Status }

// Dataset fetches the dataset's description: id is its identifier or
// slug.
func (c *Client) Dataset(ctx context.Context, id string) (*Dataset, error) {
	u := strings.TrimRight(c.API, "/") + "/datasets/" + url.PathEscape(id) + "/"
	fail := func(err error) error { return &Error{Dataset: id, URL: u, Err: err} }
	timeout := c.APITimeout
	if timeout <= 0 {
		timeout = DefaultAPITimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fail(err)
	}
	req.Header.Set("Accept", "application/json")
	resp, body, err := c.do(req, nil)
	if err != nil {
		return nil, fail(err)
	}
	defer body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fail(&StatusError{Status: resp.Status, Code: resp.StatusCode})
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, _ := mime.ParseMediaType(ct); mt != "application/json" && !strings.HasSuffix(mt, "+json") {
		return nil, fail(fmt.Errorf("the API answered %q, not JSON: is --api the data.gouv.fr API (…/api/1)?", orNone(ct)))
	}
	max := c.MaxAPIBytes
	if max <= 0 {
		max = DefaultMaxAPIBytes
	}
	raw, err := io.ReadAll(io.LimitReader(body, max+1))
	if err != nil {
		return nil, fail(readError(err))
	}
	if int64(len(raw)) > max {
		return nil, fail(fmt.Errorf("the API answer is larger than %d bytes", max))
	}
	var d Dataset
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, fail(fmt.Errorf("the API answer is not a dataset: %w", err))
	}
	if d.ID == "" && d.Slug == "" {
		return nil, fail(errors.New("the API answer is not a dataset: no id, no slug"))
	}
	for i, r := range d.Resources {
		if r.URL == "" {
			return nil, fail(fmt.Errorf("resources[%d] (%q) has no url", i, r.Title))
		}
	}
	return &d, nil
}

func orNone(s string) string {
	if s == "" {
		return "no Content-Type"
	}
	return s
}

// do sends req with the stall deadline on headers and every read of the
// body; the body returned must be closed. onByte (nil: none) is called
// as bytes arrive.
func (c *Client) do(req *http.Request, onBytes func(int)) (*http.Response, io.ReadCloser, error) {
	ctx, cancel := context.WithCancelCause(req.Context())
	req = req.WithContext(ctx)
	if c.UserAgent != "" {
		req.Header.Set("User-Agent", c.UserAgent)
	}
	stall := c.stall()
	stalled := fmt.Errorf("stalled: no data for %s", stall)
	timer := time.AfterFunc(stall, func() { cancel(stalled) })
	resp, err := c.httpClient().Do(req)
	if err != nil {
		timer.Stop()
		cause := context.Cause(ctx)
		cancel(nil)
		if errors.Is(cause, stalled) {
			return nil, nil, stalled
		}
		return nil, nil, requestError(err)
	}
	timer.Reset(stall)
	return resp, &watchdog{body: resp.Body, ctx: ctx, cancel: cancel, timer: timer, stall: stall, stalled: stalled, onBytes: onBytes}, nil
}

// watchdog cancels a request whose body sends nothing for the stall
// deadline, and names that as the error.
type watchdog struct {
	body    io.ReadCloser
	ctx     context.Context
	cancel  context.CancelCauseFunc
	timer   *time.Timer
	stall   time.Duration
	stalled error
	onBytes func(int)
}

func (w *watchdog) Read(p []byte) (int, error) {
	n, err := w.body.Read(p)
	if n > 0 {
		w.timer.Reset(w.stall)
		if w.onBytes != nil {
			w.onBytes(n)
		}
	}
	if err != nil && err != io.EOF {
		if cause := context.Cause(w.ctx); errors.Is(cause, w.stalled) {
			return n, w.stalled
		}
	}
	return n, err
}

func (w *watchdog) Close() error {
	w.timer.Stop()
	err := w.body.Close()
	w.cancel(nil)
	return err
}

// requestError tells an unreachable publisher apart (ErrOffline).
func requestError(err error) error {
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.As(err, &dns), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ENETUNREACH),
		errors.Is(err, syscall.EHOSTUNREACH), errors.As(err, &op) && op.Op == "dial":
		return fmt.Errorf("%w: %v", ErrOffline, err)
	}
	return err
}

func readError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("truncated: the connection closed before the end of the file (%w)", err)
	}
	return err
}
