package rights

import (
	"context"
	"errors"
	"reflect"

	"entgo.io/ent/privacy"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/internal/access"
)

// MayChange tells whether who may change the record with this ID, by the
// rule EvalMutation applies to the write: a cooperation record, to
// update or close it and add its parts; a legal entity, site or
// territory, to write records whose parties lie there. An ID that names
// nothing gives false. The write stays the judge.
func MayChange(ctx context.Context, c *ent.Client, who access.Principal, id int) (bool, error) {
	switch who.Role {
	case access.RoleAdmin, access.RoleSystem:
		_, err := c.Noder(ctx, id)
		return err == nil, ignoreNotFound(err)
	case access.RoleEditor:
	default:
		return false, nil
	}
	n, err := c.Noder(ctx, id)
	if err != nil {
		return false, ignoreNotFound(err)
	}
	l := newLocator(c)
	switch n := n.(type) {
	case *ent.LegalEntity:
		l.entities[n.ID] = true
	case *ent.Establishment:
		l.sites[n.ID] = true
	case *ent.Territory:
		l.terrs[n.ID] = true
	default:
		typ := reflect.TypeOf(n).Elem().Name() // the ent type: "Membership"…
		if !Located(typ) {
			return false, nil // sources, audit events, tokens: never changed by an editor
		}
		// Unlike RecordPlaces, an unlocated party stays: no editor covers it.
		if err := l.record(ctx, typ, id); err != nil {
			return false, err
		}
	}
	places, err := l.places(ctx)
	if err != nil || len(places) == 0 {
		return false, err
	}
	for _, pl := range places {
		if !Covers(who.Territories, pl) {
			return false, nil
		}
	}
	return true, nil
}

// ignoreNotFound makes an ID that names nothing, or nothing the caller
// may read, an answer (false) rather than an error.
func ignoreNotFound(err error) error {
	if ent.IsNotFound(err) || errors.Is(err, privacy.Deny) {
		return nil
	}
	return err
}
