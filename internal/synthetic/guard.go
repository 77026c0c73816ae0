package synthetic

import (
	"context"
	"fmt"

	"github.com/maillage/maillage/ent"
	"github.com/maillage/maillage/ent/convention"
	"github.com/maillage/maillage/ent/filiere"
	"github.com/maillage/maillage/ent/grouping"
	"github.com/maillage/maillage/ent/medicalteam"
	"github.com/maillage/maillage/ent/source"
)

// RealCooperations counts the cooperation records of c — groupings,
// conventions, filières, medical teams — that a source other than a
// synthetic one gives: the real data a synthetic layer must not be mixed
// into unless someone says so.
func RealCooperations(ctx context.Context, c *ent.Client) (int, error) {
	real := source.KindNEQ(source.KindSYNTHETIC)
	counts := []func() (int, error){
		func() (int, error) { return c.Grouping.Query().Where(grouping.HasSourceWith(real)).Count(ctx) },
		func() (int, error) { return c.Convention.Query().Where(convention.HasSourceWith(real)).Count(ctx) },
		func() (int, error) { return c.Filiere.Query().Where(filiere.HasSourceWith(real)).Count(ctx) },
		func() (int, error) { return c.MedicalTeam.Query().Where(medicalteam.HasSourceWith(real)).Count(ctx) },
	}
	total := 0
	for _, count := range counts {
		n, err := count()
		if err != nil {
			return 0, fmt.Errorf("counting real cooperation records: %w", err)
		}
		total += n
	}
	return total, nil
}
