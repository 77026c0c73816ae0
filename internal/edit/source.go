package edit

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/auditevent"
	"github.com/maillage/maillage/internal/access"
)

// CreateSource records a source an editor cites: its key, author and
// recording time are the server's.
func CreateSource(ctx context.Context, c *ent.Client, in ent.CreateSourceInput) (*ent.Source, error) {
	who := access.FromContext(ctx)
	suffix := make([]byte, 6)
	if _, err := rand.Read(suffix); err != nil {
		return nil, err
	}
	at := now()
	return transact(ctx, c, func(c *ent.Client, j *journal) (*ent.Source, error) {
		s, err := c.Source.Create().SetInput(in).
			SetKey("edit:" + at.Format("20060102T150405Z") + ":" + hex.EncodeToString(suffix)).
			SetAuthor(who.Name).SetRecordedAt(at).Save(ctx)
		if err != nil {
			return nil, err
		}
		return s, j.record(ctx, c, auditevent.OperationCREATE, "Source", s.ID, nil, s, nil)
	})
}
