package server

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Flags declares the server's settings on fs, each defaulting to its
// MAILLAGE_* environment variable and then to DefaultConfig; the
// returned Config is filled when fs is parsed. A malformed variable is
// an error, reported by the returned check, never silently ignored.
func Flags(fs *flag.FlagSet) (*Config, func() error) {
	c := DefaultConfig()
	var envErrs []string
	env := func(name string, set func(string) error) {
		if v, ok := os.LookupEnv(name); ok && v != "" {
			if err := set(v); err != nil {
				envErrs = append(envErrs, fmt.Sprintf("%s=%q: %v", name, v, err))
			}
		}
	}
	cors := func(s string) error { c.CORSOrigins = splitList(s); return nil }
	env("MAILLAGE_CORS_ORIGINS", cors)
	fs.Func("cors-origins", "comma-separated origins browsers may call the API from, * for any (env MAILLAGE_CORS_ORIGINS; default: same origin only)", cors)

	vars := []struct {
		p           any
		name, usage string
	}{
		{&c.AnonymousRate, "rate-anonymous", "requests per second one address may send without a token (0: no limit)"},
		{&c.AnonymousBurst, "rate-anonymous-burst", "burst one address may send without a token"},
		{&c.TokenRate, "rate-token", "requests per second one token may send (0: no limit)"},
		{&c.TokenBurst, "rate-token-burst", "burst one token may send"},
		{&c.AnonymousConcurrency, "anonymous-concurrency", "requests without a token worked on at once (0: half the CPUs; -1: no bound)"},
		{&c.AnonymousWait, "anonymous-wait", "longest a request without a token waits for its turn (503 after)"},
		{&c.TrustProxy, "trust-proxy", "take the client address from X-Forwarded-For (behind a reverse proxy only)"},
		{&c.QueryTimeout, "query-timeout", "longest a GraphQL request may run, database statements included"},
		{&c.ReadHeaderTimeout, "read-header-timeout", "longest a client may take to send its headers"},
		{&c.ReadTimeout, "read-timeout", "longest a client may take to send a whole request"},
		{&c.WriteTimeout, "write-timeout", "longest a response may take to be written"},
		{&c.IdleTimeout, "idle-timeout", "longest an idle keep-alive connection is kept"},
		{&c.Introspection, "introspection", "answer GraphQL introspection queries"},
		{&c.GraphiQL, "graphiql", "serve GraphiQL at /graphiql"},
		{&c.Limits.MaxBodyBytes, "max-body-bytes", "largest request body (413 above)"},
		{&c.Limits.MaxTokens, "max-tokens", "largest GraphQL document, in parser tokens"},
		{&c.Limits.MaxDepth, "max-depth", "deepest nesting of selections"},
		{&c.Limits.MaxAliases, "max-aliases", "most aliased fields in a request"},
		{&c.Limits.MaxFields, "max-fields", "most fields in a request, fragments expanded"},
		{&c.Limits.MaxPage, "max-page", "largest first or last"},
		{&c.Limits.MaxComplexity, "max-complexity", "highest cost of a request: an upper bound on the fields it resolves, lists priced by their bounds"},
		{&c.Limits.MaxResponseBytes, "max-response-bytes", "largest answer, counted as it is built (RESPONSE_TOO_LARGE above)"},
		{&c.RequestMemory, "request-memory", "bytes the answers being built may take at once; requests are admitted by their cost against it (503 OVERLOADED past the wait)"},
		{&c.Limits.APQCache, "apq-cache", "automatic persisted queries kept"},
		{&c.ResponseCacheBytes, "response-cache-bytes", "bytes the response cache may hold, answers, keys and bookkeeping (0: no cache)"},
	}
	for _, v := range vars {
		envName := "MAILLAGE_" + strings.ToUpper(strings.ReplaceAll(v.name, "-", "_"))
		usage := v.usage + " (env " + envName + ")"
		switch p := v.p.(type) {
		case *float64:
			env(envName, func(s string) (err error) { *p, err = strconv.ParseFloat(s, 64); return err })
			fs.Float64Var(p, v.name, *p, usage)
		case *int:
			env(envName, func(s string) (err error) { *p, err = strconv.Atoi(s); return err })
			fs.IntVar(p, v.name, *p, usage)
		case *int64:
			env(envName, func(s string) (err error) { *p, err = strconv.ParseInt(s, 10, 64); return err })
			fs.Int64Var(p, v.name, *p, usage)
		case *bool:
			env(envName, func(s string) (err error) { *p, err = strconv.ParseBool(s); return err })
			fs.BoolVar(p, v.name, *p, usage)
		case *time.Duration:
			env(envName, func(s string) (err error) { *p, err = time.ParseDuration(s); return err })
			fs.DurationVar(p, v.name, *p, usage)
		default:
			panic(fmt.Sprintf("flag %s: unsupported type %T", v.name, v.p))
		}
	}
	return &c, func() error {
		if len(envErrs) > 0 {
			return fmt.Errorf("environment: %s", strings.Join(envErrs, "; "))
		}
		return nil
	}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
