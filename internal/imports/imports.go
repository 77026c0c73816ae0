// Package imports runs the imports an admin submits over HTTP: one at a
// time, each through ingest from a file written to disk first, its
// progress and outcome kept for the app to show.
package imports

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/internal/ingest"
)

// MaxBytes bounds an uploaded file: the national FINESS+ flow, inflated,
// is about 715 MB.
const MaxBytes = 2 << 30

// kept is how many finished imports are remembered.
const kept = 20

// State of an import.
type State string

// States.
const (
	Running  State = "RUNNING"
	Done     State = "DONE"
	Failed   State = "FAILED"
	Received State = "RECEIVED" // the file is being written
)

// Job is one import, as the app reads it.
type Job struct {
	ID       int        `json:"id"`
	Format   string     `json:"format"`
	Name     string     `json:"name"`
	By       string     `json:"by"`
	State    State      `json:"state"`
	Step     string     `json:"step,omitempty"`
	Done     int        `json:"done"`
	Total    int        `json:"total"`
	Report   string     `json:"report,omitempty"`
	Error    string     `json:"error,omitempty"`
	Started  time.Time  `json:"started"`
	Finished *time.Time `json:"finished,omitempty"`
}

// ErrBusy is returned while another import runs.
var ErrBusy = errors.New("an import is already running: wait for it to finish")

// Runner runs imports into one database.
type Runner struct {
	client *ent.Client
	dir    string // where uploads are written; "" for the system's temporary directory

	mu      sync.Mutex
	nextID  int
	jobs    []*Job // newest last
	running bool
}

// New returns a runner writing into client.
func New(client *ent.Client, dir string) *Runner { return &Runner{client: client, dir: dir} }

// Start writes body to disk (at most MaxBytes), then imports it as format
// in the background; name is the file's name for messages and
// provenance. It refuses an unknown format, a second import at once, and
// a file that cannot be written whole.
func (r *Runner) Start(format, name, by string, body io.Reader) (*Job, error) {
	if !slices.Contains(ingest.Formats(), format) {
		return nil, fmt.Errorf("unknown format %q: want one of %v", format, ingest.Formats())
	}
	r.mu.Lock()
	if r.running {
		r.mu.Unlock()
		return nil, ErrBusy
	}
	r.running = true
	r.nextID++
	job := &Job{ID: r.nextID, Format: format, Name: filepath.Base(name), By: by, State: Received, Started: time.Now().UTC()}
	r.jobs = append(r.jobs, job)
	if len(r.jobs) > kept {
		r.jobs = r.jobs[len(r.jobs)-kept:]
	}
	r.mu.Unlock()

	path, err := r.save(job.Name, body)
	if err != nil {
		r.finish(job, nil, err)
		return r.snapshot(job), err
	}
	r.update(job, func(j *Job) { j.State = Running })
	go func() {
		defer os.Remove(path)
		progress := func(step string, done, total int) {
			r.update(job, func(j *Job) { j.Step, j.Done, j.Total = step, done, total })
		}
		rep, err := ingest.ImportFile(context.Background(), r.client, progress, format, path, job.Name)
		var report string
		if rep != nil {
			report = rep.Detail()
		}
		r.finish(job, &report, err)
	}()
	return r.snapshot(job), nil
}

// save writes body to a file of its own, refusing more than MaxBytes.
func (r *Runner) save(name string, body io.Reader) (string, error) {
	f, err := os.CreateTemp(r.dir, "maillage-import-*-"+name)
	if err != nil {
		return "", err
	}
	n, err := io.Copy(f, io.LimitReader(body, MaxBytes+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
	case n > MaxBytes:
		err = fmt.Errorf("%s: larger than %d bytes", name, int64(MaxBytes))
	case n == 0:
		err = fmt.Errorf("%s: empty file", name)
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

func (r *Runner) update(job *Job, change func(*Job)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	change(job)
}

func (r *Runner) finish(job *Job, report *string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now().UTC()
	job.Finished = &now
	job.State = Done
	if report != nil {
		job.Report = *report
	}
	if err != nil {
		job.State, job.Error = Failed, err.Error()
	}
	r.running = false
}

func (r *Runner) snapshot(job *Job) *Job {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := *job
	return &c
}

// Job returns the import with this ID, if it is remembered.
func (r *Runner) Job(id int) (*Job, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, j := range r.jobs {
		if j.ID == id {
			c := *j
			return &c, true
		}
	}
	return nil, false
}

// Jobs returns the remembered imports, newest first.
func (r *Runner) Jobs() []Job {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Job, 0, len(r.jobs))
	for i := len(r.jobs) - 1; i >= 0; i-- {
		out = append(out, *r.jobs[i])
	}
	return out
}
