package ent

// Hand-written: which transaction a mutation runs in, for hooks that act
// at commit (internal/store counts commits by layer).

// TxOf returns the transaction mutation m runs in and a key naming it:
// the same key for every mutation of that transaction and for the Tx its
// commit and rollback hooks receive (TxKey), although ent gives each
// mutation a Tx value of its own. ok is false outside a transaction.
func TxOf(m Mutation) (tx *Tx, key any, ok bool) {
	inTx, isEnt := m.(interface{ Tx() (*Tx, error) })
	if !isEnt {
		return nil, nil, false
	}
	tx, err := inTx.Tx()
	if err != nil {
		return nil, nil, false
	}
	return tx, TxKey(tx), true
}

// TxKey names tx as TxOf does: by the transaction's driver, which all
// the Tx values of one transaction share.
func TxKey(tx *Tx) any { return tx.config.driver }
