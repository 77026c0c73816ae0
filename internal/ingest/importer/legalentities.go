package importer

import (
	"context"
	"fmt"
	"time"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/legalentity"
	"github.com/maillage/maillage/ent/source"
	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/finess"
)

// LegalEntityFile is what a legal-entity register file says.
type LegalEntityFile struct {
	Entities []finess.LegalEntity
	Date     time.Time // the extract's date
	Complete bool      // a national stock: open entities it omits have closed on Date
	Warnings []string  // found while reading the file, kept in the report
}

// LegalEntities brings the database in line with a legal-entity register
// file (FINESS cs1100501): entities are added, updated (their register
// name replaces a derived one) or closed, never deleted.
func (im *Importer) LegalEntities(ctx context.Context, src SourceInfo, file LegalEntityFile) (*Report, error) {
	ctx = access.AsSystem(ctx) // an import writes as Maillage itself, whoever runs it
	return im.inTx(ctx, src.Key, &src, func(tx *ent.Tx, sourceID int, rep *Report) error {
		c := tx.Client()
		rep.Warnings = append(rep.Warnings, file.Warnings...)
		existing, err := c.LegalEntity.Query().All(ctx)
		if err != nil {
			return err
		}
		byFiness := make(map[string]*ent.LegalEntity, len(existing))
		for _, e := range existing {
			byFiness[e.Finess] = e
		}
		dates, err := sourceDates(ctx, c)
		if err != nil {
			return err
		}
		inFile := make(map[string]int, len(file.Entities))
		var creates []*finess.LegalEntity
		var described []int
		for i, f := range file.Entities {
			if i%5000 == 0 {
				im.tell("legal entities", i, len(file.Entities))
			}
			if err := finess.Validate(f.Finess); err != nil {
				rep.warnf("line %d: %v (imported)", f.Line, err)
			}
			e, known := byFiness[f.Finess]
			if !known {
				creates = append(creates, &file.Entities[i])
				continue
			}
			inFile[f.Finess] = e.ID
			described = append(described, e.ID)
			if d := dates[e.SourceID]; d != nil && d.After(file.Date) {
				rep.Unchanged["legalEntity"]++
				continue
			}
			u := legalEntityChanges(c, e, f)
			if u == nil {
				rep.Unchanged["legalEntity"]++
				continue
			}
			if err := u.SetSourceID(sourceID).Exec(ctx); err != nil {
				return fmt.Errorf("line %d: update legal entity %s: %w", f.Line, f.Finess, err)
			}
			rep.Updated["legalEntity"]++
		}
		im.tell("legal entities", len(file.Entities), len(file.Entities))
		for start := 0; start < len(described); start += batchSize {
			chunk := described[start:min(start+batchSize, len(described))]
			if err := c.LegalEntity.Update().Where(legalentity.IDIn(chunk...)).AddSourceIDs(sourceID).Exec(ctx); err != nil {
				return err
			}
		}
		created, err := createInBatches(ctx, len(creates), func(i int) *ent.LegalEntityCreate {
			f := creates[i]
			return c.LegalEntity.Create().
				SetFiness(f.Finess).SetName(f.Name).SetNameDerived(false).
				SetSiren(f.SIREN).SetLegalStatus(legalStatus(*f)).SetDepartmentCode(f.Department).
				SetNillableValidFrom(f.Created).SetSourceID(sourceID).AddSourceIDs(sourceID)
		}, func(ctx context.Context, bs []*ent.LegalEntityCreate) ([]*ent.LegalEntity, error) {
			return c.LegalEntity.CreateBulk(bs...).Save(ctx)
		}, nil)
		if err != nil {
			return fmt.Errorf("create legal entities: %w", err)
		}
		rep.Added["legalEntity"] += created
		if !file.Complete {
			return nil
		}
		// Entities only another register describes (FINESS+) are that
		// register's to close.
		others, err := c.LegalEntity.Query().Where(legalentity.HasSources(),
			legalentity.Not(legalentity.HasSourcesWith(source.KeyHasPrefix(siteRegisterKeys)))).IDs(ctx)
		if err != nil {
			return err
		}
		records := closable(existing, others, func(e *ent.LegalEntity) registerRecord {
			return registerRecord{e.ID, e.SourceID, e.Finess, e.ValidFrom, e.ValidTo}
		})
		return closeOmitted(ctx, "legalEntity", file.Date, records, inFile, dates, rep, func(ctx context.Context, chunk []int) error {
			return c.LegalEntity.Update().Where(legalentity.IDIn(chunk...)).SetValidTo(file.Date).SetSourceID(sourceID).Exec(ctx)
		})
	})
}

// legalStatus is the register's label, or its code when unlabelled.
func legalStatus(f finess.LegalEntity) string {
	if f.LegalStatusLabel != "" {
		return f.LegalStatusLabel
	}
	return f.LegalStatus
}

func legalEntityChanges(c *ent.Client, e *ent.LegalEntity, f finess.LegalEntity) *ent.LegalEntityUpdateOne {
	u := c.LegalEntity.UpdateOneID(e.ID)
	changed := false
	str := func(old, new string, set func(string) *ent.LegalEntityUpdateOne) {
		if old != new {
			set(new)
			changed = true
		}
	}
	str(e.Name, f.Name, u.SetName)
	str(e.Siren, f.SIREN, u.SetSiren)
	str(e.LegalStatus, legalStatus(f), u.SetLegalStatus)
	if f.Department != "" {
		str(e.DepartmentCode, f.Department, u.SetDepartmentCode)
	}
	if e.NameDerived {
		u.SetNameDerived(false)
		changed = true
	}
	if f.Created != nil && !sameDay(e.ValidFrom, f.Created) {
		u.SetValidFrom(*f.Created)
		changed = true
	}
	if e.ValidTo != nil {
		u.ClearValidTo()
		changed = true
	}
	if !changed {
		return nil
	}
	return u
}

func (im *Importer) createLegalEntities(ctx context.Context, c *ent.Client, sourceID int, sites []finess.Site, rep *Report) (map[string]int, error) {
	ids, err := finessIDs(ctx, c.LegalEntity.Query().Select(legalentity.FieldID, legalentity.FieldFiness))
	if err != nil {
		return nil, err
	}
	type entity struct {
		sites []finess.Site
		first finess.Site
	}
	var order []string
	pending := map[string]*entity{}
	for _, s := range sites {
		if _, ok := ids[s.LegalEntity]; ok {
			continue
		}
		e := pending[s.LegalEntity]
		if e == nil {
			e = &entity{first: s}
			pending[s.LegalEntity] = e
			order = append(order, s.LegalEntity)
		}
		e.sites = append(e.sites, s)
	}
	rep.Unchanged["legalEntity"] += len(ids)
	build := func(i int) *ent.LegalEntityCreate {
		n := order[i]
		e := pending[n]
		siren := ""
		if len(e.first.SIRET) == 14 {
			siren = e.first.SIRET[:9]
		}
		return c.LegalEntity.Create().
			SetFiness(n).
			SetName(finess.EntityName(e.sites)).
			SetNameDerived(true).
			SetSiren(siren).
			SetPublicStatus(e.first.SPHLabel).
			SetDepartmentCode(finess.Department(n)).
			SetSourceID(sourceID).AddSourceIDs(sourceID)
	}
	created, err := createInBatches(ctx, len(order), build, func(ctx context.Context, bs []*ent.LegalEntityCreate) ([]*ent.LegalEntity, error) {
		return c.LegalEntity.CreateBulk(bs...).Save(ctx)
	}, func(_ int, e *ent.LegalEntity) { ids[e.Finess] = e.ID })
	if err != nil {
		return nil, fmt.Errorf("create legal entities: %w", err)
	}
	rep.Added["legalEntity"] += created
	return ids, nil
}
