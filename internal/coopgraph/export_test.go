package coopgraph

// SameRegisters reports whether two graphs share their register layer.
func SameRegisters(a, b *Graph) bool { return a.registers == b.registers }
