package server

import "github.com/99designs/gqlgen/graphql"

// WithFieldMiddleware runs m around every resolver: tests make
// resolvers panic or sleep in the database through it.
func WithFieldMiddleware(m graphql.FieldMiddleware) Option {
	return func(c *Config) { c.fieldMiddleware = m }
}

// WithFieldsObserver tells observe how many fields each GraphQL request
// resolved, as its budget counted them (resolvers and plain leaves).
func WithFieldsObserver(observe func(fields int64)) Option {
	return func(c *Config) { c.fieldsObserver = observe }
}

// WithoutWarmUp leaves the graph index unbuilt until a graph query needs
// it, so that tests building many handlers do not build as many indexes.
func WithoutWarmUp() Option {
	return func(c *Config) { c.skipWarm = true }
}

// SitesLayerWeight is what building the sites layer is admitted at.
const SitesLayerWeight = sitesLayerWeight

// WithGqlgenPOST answers POST requests with gqlgen's transport, the
// reference postJSON must answer as.
func WithGqlgenPOST() Option {
	return func(c *Config) { c.gqlgenPOST = true }
}
