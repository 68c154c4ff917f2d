//go:build !js

package main

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// countingLedger counts Reserve calls (the Durable Object round trips).
type countingLedger struct {
	Ledger
	reserves atomic.Int32
}

func (c *countingLedger) Reserve(ctx context.Context, client string, numbers []string, now time.Time, perClient, global int) ([]string, error) {
	c.reserves.Add(1)
	return c.Ledger.Reserve(ctx, client, numbers, now, perClient, global)
}

// A number the ledger confirmed registered is not asked about again by
// this instance when only its cache entry is gone (evicted): its lookup
// goes straight to gettrackinfo, as the entry would have sent it.
func TestLedgerConfirmationIsRemembered(t *testing.T) {
	h := newHarness(t, nil)
	l := &countingLedger{Ledger: h.srv.ledger}
	h.srv.ledger = l
	code, _, body := h.do("GET", "/v1/track/"+numTransit, "")
	require.Equal(t, 200, code)
	require.EqualValues(t, 1, l.reserves.Load())
	first := body.Get("results.0.sources.#(source==\"17track\").ok").Bool()
	require.True(t, first, body.Raw)

	h.mem.mu.Lock()
	clear(h.mem.entries) // the Cache API evicted everything
	h.mem.mu.Unlock()
	code, _, body = h.do("GET", "/v1/track/"+numTransit, "")
	require.Equal(t, 200, code)
	require.EqualValues(t, 1, l.reserves.Load(), "no second ledger call")
	require.True(t, body.Get("results.0.sources.#(source==\"17track\").ok").Bool(), body.Raw)

	// Another instance (or an expiry) forgets it: the ledger is asked again.
	h.srv.registered.del(numTransit)
	h.mem.mu.Lock()
	clear(h.mem.entries)
	h.mem.mu.Unlock()
	h.do("GET", "/v1/track/"+numTransit, "")
	require.EqualValues(t, 2, l.reserves.Load())
}
