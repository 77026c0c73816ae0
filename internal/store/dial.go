package store

import (
	"bufio"
	"context"
	"net"
	"time"
)

// readBufferBytes is how much of the database's answer one system call
// may read. lib/pq reads through a 4 kB buffer of its own, so a page of
// 100 sites (about 16 kB of rows) took four reads; behind this buffer
// it takes one, whatever has arrived.
const readBufferBytes = 64 << 10

// databaseDialer dials every PostgreSQL connection openPostgres opens.
var databaseDialer = bufferedDialer{}

// bufferedDialer dials the database as lib/pq's own dialer does (a zero
// net.Dialer) and reads each connection through a buffer of
// readBufferBytes. lib/pq dials through it for every connection,
// including the one that carries a cancel request; TLS, when asked for,
// is layered above it.
type bufferedDialer struct {
	net.Dialer
	// under, when set, wraps each connection under the buffer: a test
	// watches there what the buffer asks of the connection.
	under func(net.Conn) net.Conn
}

func (d bufferedDialer) Dial(network, address string) (net.Conn, error) {
	return d.DialContext(context.Background(), network, address)
}

func (d bufferedDialer) DialTimeout(network, address string, timeout time.Duration) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return d.DialContext(ctx, network, address)
}

func (d bufferedDialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	c, err := d.Dialer.DialContext(ctx, network, address)
	if err != nil {
		return nil, err
	}
	if d.under != nil {
		c = d.under(c)
	}
	return &bufferedConn{Conn: c, r: bufio.NewReaderSize(c, readBufferBytes)}, nil
}

// bufferedConn is a connection whose reads go through r.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(p []byte) (int, error) { return c.r.Read(p) }
