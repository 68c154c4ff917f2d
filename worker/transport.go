package main

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Transport is the worker's only way out: one HTTP exchange, and waiting.
// In workerd both go through the request's own JavaScript (fetch with an
// AbortSignal, setTimeout); natively through net/http and Go timers.
type Transport interface {
	Do(ctx context.Context, req *OutRequest) (*OutResponse, error)
	Sleep(ctx context.Context, d time.Duration)
}

// OutRequest is one upstream call. Header holds name/value pairs.
type OutRequest struct {
	Method  string
	URL     string
	Header  []string
	Body    []byte
	Timeout time.Duration
}

// OutResponse is an upstream answer, body read in full.
type OutResponse struct {
	Status     int
	RetryAfter string
	Body       []byte
	release    func() // returns Body's bytes to the budget (see Server.call)
}

// Release hands the body's bytes back to the in-flight budget; call it
// when done decoding. Safe on nil and more than once.
func (r *OutResponse) Release() {
	if r != nil && r.release != nil {
		r.release()
		r.release = nil
	}
}

// errTimeout is returned by transports when an attempt ran out of time.
var errTimeout = errors.New("timed out")

// maxUpstreamBody bounds what the worker reads from an upstream.
const maxUpstreamBody = 4 << 20

// errTooLarge: the answer was longer than maxUpstreamBody; the transport
// stopped reading at the cap (never more than the cap in memory).
var errTooLarge = errors.New("answer larger than 4 MiB")

// errBusy: the isolate already holds its budget of upstream bytes.
var errBusy = errors.New("too many upstream bytes in flight")

// maxUpstreamInFlight bounds the upstream answer bytes held (and being
// decoded, which costs a few times their size) at once in an instance: an
// isolate has 128 MB, and concurrent large answers must not exhaust it.
const maxUpstreamInFlight = 24 << 20

// byteBudget is a weighted semaphore over bytes. Acquirers queue in order
// (one at a time takes its units), so two large ones cannot each hold half
// and wait forever.
type byteBudget struct {
	mu    sync.Mutex
	units chan struct{}
}

const budgetUnit = 64 << 10

func newByteBudget(total int) *byteBudget {
	return &byteBudget{units: make(chan struct{}, total/budgetUnit)}
}

func (b *byteBudget) count(n int) int {
	return min(cap(b.units), (n+budgetUnit-1)/budgetUnit)
}

// acquire waits until n bytes fit, or ctx ends.
func (b *byteBudget) acquire(ctx context.Context, n int) error {
	k := b.count(n)
	b.mu.Lock()
	defer b.mu.Unlock()
	for i := 0; i < k; i++ {
		select {
		case b.units <- struct{}{}:
		case <-ctx.Done():
			b.release(i * budgetUnit)
			return ctx.Err()
		}
	}
	return nil
}

func (b *byteBudget) release(n int) {
	for k := b.count(n); k > 0; k-- {
		<-b.units
	}
}
