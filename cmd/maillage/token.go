package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/period"
	"github.com/maillage/maillage/internal/tokens"
)

const tokenUsage = `usage:
  maillage token create --role partner|editor|admin [--territory CODE]… --name NAME [--expires YYYY-MM-DD] [--db URL]
  maillage token list   [--db URL]
  maillage token revoke ID|NAME [--db URL]`

// repeated is a flag that may be given several times.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

// token manages API tokens: the token is printed once, at creation.
func token(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return errors.New(tokenUsage)
	}
	fs := flag.NewFlagSet("token "+args[0], flag.ContinueOnError)
	dbURL := dbFlag(fs)
	switch args[0] {
	case "create":
		role := fs.String("role", "", "partner, editor or admin")
		name := fs.String("name", "", "who the token is for")
		expires := fs.String("expires", "", "last day the token is accepted (YYYY-MM-DD)")
		var territories repeated
		fs.Var(&territories, "territory", "région or département code an editor may write in (repeatable); REGION:CODE or DEPARTMENT:CODE where a code is both")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		spec := tokens.Spec{Role: access.Role(*role), Name: *name, Territories: territories}
		if *expires != "" {
			day, err := period.ParseDay(*expires)
			if err != nil {
				return fmt.Errorf("--expires: %w", err)
			}
			end := day.AddDate(0, 0, 1) // accepted through that day
			spec.Expires = &end
		}
		db, err := openMigrated(ctx, *dbURL)
		if err != nil {
			return err
		}
		defer db.Close()
		plain, t, err := tokens.Create(ctx, db.Client, spec, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "token %d created for %q (%s); it is shown once, keep it:\n", t.ID, t.Name, t.Role)
		fmt.Println(plain)
		return nil
	case "list":
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		db, err := openMigrated(ctx, *dbURL)
		if err != nil {
			return err
		}
		defer db.Close()
		list, err := tokens.List(ctx, db.Client)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tNAME\tROLE\tTERRITORIES\tCREATED\tVALID THROUGH\tREVOKED")
		day := func(t *time.Time) string {
			if t == nil {
				return "-"
			}
			return t.Format(time.DateOnly)
		}
		for _, t := range list {
			through := t.ExpiresAt
			if through != nil {
				last := through.AddDate(0, 0, -1) // stored as the first refused day
				through = &last
			}
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, t.Role, strings.Join(t.Territories, " "), t.CreatedAt.Format(time.DateOnly), day(through), day(t.RevokedAt))
		}
		return w.Flush()
	case "revoke":
		if len(args) < 2 || strings.HasPrefix(args[1], "-") {
			return errors.New(tokenUsage)
		}
		if err := fs.Parse(args[2:]); err != nil {
			return err
		}
		db, err := openMigrated(ctx, *dbURL)
		if err != nil {
			return err
		}
		defer db.Close()
		t, err := tokens.Revoke(ctx, db.Client, args[1], time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "token %d (%q) revoked\n", t.ID, t.Name)
		return nil
	}
	return fmt.Errorf("unknown token command %q\n%s", args[0], tokenUsage)
}
