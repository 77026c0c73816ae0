package importer

import (
	"context"
	"fmt"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/source"
)

// SourceInfo describes the file being imported.
type SourceInfo struct {
	Key         string
	Kind        source.Kind
	Title       string
	Reference   string
	URL         string
	Publisher   string
	PublishedOn *time.Time
	Author      string
	Note        string
}

// upsertSource finds the source by key or records it, and says which.
func upsertSource(ctx context.Context, c *ent.Client, src SourceInfo) (id int, created bool, err error) {
	existing, err := c.Source.Query().Where(source.Key(src.Key)).Only(ctx)
	switch {
	case err == nil:
		return existing.ID, false, nil
	case !ent.IsNotFound(err):
		return 0, false, err
	}
	recorded, err := c.Source.Create().
		SetKey(src.Key).
		SetKind(src.Kind).
		SetTitle(src.Title).
		SetReference(src.Reference).
		SetURL(src.URL).
		SetPublisher(src.Publisher).
		SetNillablePublishedOn(src.PublishedOn).
		SetAuthor(src.Author).
		SetRecordedAt(time.Now().UTC()).
		SetNote(src.Note).
		Save(ctx)
	if err != nil {
		return 0, false, fmt.Errorf("record source %s: %w", src.Key, err)
	}
	return recorded.ID, true, nil
}

// sourceDates maps each source to its publication date, when it has one.
func sourceDates(ctx context.Context, c *ent.Client) (map[int]*time.Time, error) {
	sources, err := c.Source.Query().Select(source.FieldID, source.FieldPublishedOn).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int]*time.Time, len(sources))
	for _, s := range sources {
		out[s.ID] = s.PublishedOn
	}
	return out, nil
}
