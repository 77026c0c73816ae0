package datasync

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/maillage/maillage/internal/datagouv"
)

// StateFile is the name of the state file in the cache directory.
const StateFile = "sync-state.json"

// State is what the cache directory remembers between syncs: each
// resource's version (validators, checksums) and import, and the last
// runs.
type State struct {
	LastRun     *Run                      `json:"lastRun,omitempty"`
	LastSuccess *Run                      `json:"lastSuccess,omitempty"`
	Resources   map[string]*ResourceState `json:"resources"`
}

// ResourceState is one resource as last downloaded and imported.
type ResourceState struct {
	Dataset   string             `json:"dataset"`
	Format    string             `json:"format"`
	ID        string             `json:"id"`
	Title     string             `json:"title"`
	URL       string             `json:"url"`
	File      string             `json:"file"`      // relative to the cache directory
	Published time.Time          `json:"published"` // the API's last_modified
	Checksum  *datagouv.Checksum `json:"checksum,omitempty"`
	datagouv.Validators
	SHA256         string    `json:"sha256"`
	Size           int64     `json:"size"`
	DownloadedAt   time.Time `json:"downloadedAt"`
	ImportedSHA256 string    `json:"importedSha256,omitempty"`
	SourceKey      string    `json:"sourceKey,omitempty"` // the Source its import recorded
	ImportedAt     time.Time `json:"importedAt,omitempty"`
}

// ReadState reads the state of the cache directory dir (empty when it
// has none).
func ReadState(dir string) (*State, error) {
	st := &State{Resources: map[string]*ResourceState{}}
	b, err := os.ReadFile(filepath.Join(dir, StateFile))
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("%s: %w (delete it to start afresh)", filepath.Join(dir, StateFile), err)
	}
	if st.Resources == nil {
		st.Resources = map[string]*ResourceState{}
	}
	return st, nil
}

// writeState writes the state atomically: a reader sees the old file or
// the new one.
func writeState(dir string, st *State) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, StateFile+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, StateFile))
}

// LastSuccess is when the last successful sync into dir's cache finished;
// nil when none did or the state cannot be read.
func LastSuccess(dir string) *time.Time {
	st, err := ReadState(dir)
	if err != nil || st == nil || st.LastSuccess == nil {
		return nil
	}
	t := st.LastSuccess.Finished
	return &t
}
