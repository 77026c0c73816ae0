package coopgraph

// SameBase reports whether two graphs share their registers' base.
func SameBase(a, b *Graph) bool { return a.base == b.base }
