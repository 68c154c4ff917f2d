package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"time"
)

// Limits and quotas live outside the Go instance. In workerd the rate limit
// is the Workers Rate Limiting binding and the registration ledger a
// Durable Object (bridge_js.go, worker.mjs): both are shared by every
// isolate and survive an instance or isolate restart. The in-memory
// versions below are the stand-ins behind the same interfaces for the
// native tests, `go run ./worker`, and a deployment without the bindings.

// RateLimiter decides whether a client may make one more request.
type RateLimiter interface {
	// Allow records one request from client (an opaque hash, see
	// clientID); when over the limit it reports false and a wait.
	Allow(ctx context.Context, client string, now time.Time) (bool, time.Duration)
}

// Ledger remembers which numbers this worker registered with 17TRACK and
// spends the daily registration budgets, atomically.
type Ledger interface {
	// Reserve answers, per number, ledgerKnown (registered before: no new
	// registration needed), ledgerNew (marked registered now, one unit of
	// both budgets spent), ledgerQuotaClient or ledgerQuotaGlobal (a
	// budget is used up: not marked).
	Reserve(ctx context.Context, client string, numbers []string, now time.Time, perClient, global int) ([]string, error)
	// Release unmarks numbers whose registration did not happen (the
	// budget stays spent: a failing upstream must not become a loophole).
	Release(ctx context.Context, numbers []string)
}

const (
	ledgerKnown       = "known"
	ledgerNew         = "new"
	ledgerQuotaClient = "quota_client"
	ledgerQuotaGlobal = "quota_global"
)

// registrationTTL is how long a 17TRACK registration is remembered
// (17TRACK keeps registered numbers for 60 days).
const registrationTTL = 60 * 24 * time.Hour

// clientID is the client's address as Cloudflare reports it, hashed: the
// address itself is never stored, neither here nor in a binding.
func clientID(addr string) string {
	sum := sha256.Sum256([]byte(addr))
	return hex.EncodeToString(sum[:12])
}

// limiter counts requests per client in fixed windows, in memory (per
// isolate): the stand-in for the Rate Limiting binding.
type limiter struct {
	mu      sync.Mutex
	limit   int
	window  time.Duration
	start   time.Time
	counts  map[string]int
	maxKeys int
}

func newLimiter(limit int, window time.Duration) *limiter {
	return &limiter{limit: limit, window: window, counts: map[string]int{}, maxKeys: 50000}
}

func (l *limiter) Allow(_ context.Context, client string, now time.Time) (bool, time.Duration) {
	if l == nil || l.limit <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.start) >= l.window || now.Before(l.start) || len(l.counts) >= l.maxKeys {
		clear(l.counts)
		l.start = now.Truncate(l.window)
	}
	n := l.counts[client] + 1
	l.counts[client] = n
	if n > l.limit {
		wait := l.start.Add(l.window).Sub(now)
		if wait < time.Second {
			wait = time.Second
		}
		return false, wait
	}
	return true, 0
}

// memLedger is the in-memory Ledger (per instance).
type memLedger struct {
	mu     sync.Mutex
	reg    map[string]time.Time // number → when registered
	day    string
	counts map[string]int // client → registrations today; "" = everyone
}

func newMemLedger() *memLedger {
	return &memLedger{reg: map[string]time.Time{}, counts: map[string]int{}}
}

func (m *memLedger) Reserve(_ context.Context, client string, numbers []string, now time.Time, perClient, global int) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if day := now.UTC().Format(time.DateOnly); day != m.day {
		m.day = day
		clear(m.counts)
		for n, at := range m.reg {
			if now.Sub(at) >= registrationTTL {
				delete(m.reg, n)
			}
		}
	}
	out := make([]string, len(numbers))
	for i, n := range numbers {
		switch at, ok := m.reg[n]; {
		case ok && now.Sub(at) < registrationTTL:
			out[i] = ledgerKnown
		case m.counts[""] >= global:
			out[i] = ledgerQuotaGlobal
		case m.counts[client] >= perClient:
			out[i] = ledgerQuotaClient
		default:
			m.reg[n] = now
			m.counts[""]++
			m.counts[client]++
			out[i] = ledgerNew
		}
	}
	return out, nil
}

func (m *memLedger) Release(_ context.Context, numbers []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, n := range numbers {
		delete(m.reg, n)
	}
}
