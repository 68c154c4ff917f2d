package main

import (
	"crypto/sha256"
	"sync"
	"time"
)

// limiter counts requests per client in fixed windows. It keeps only a
// truncated SHA-256 of the client address (never the address itself) and
// a counter, and forgets both when the window ends. In workerd it lives in
// the isolate's persistent Go instance, so the limit is per isolate.
type limiter struct {
	mu      sync.Mutex
	limit   int
	window  time.Duration
	start   time.Time
	counts  map[[12]byte]int
	maxKeys int
}

func newLimiter(limit int, window time.Duration) *limiter {
	return &limiter{limit: limit, window: window, counts: map[[12]byte]int{}, maxKeys: 50000}
}

// allow records one request from client at now; when the client is over
// its limit it reports false and how long until the window resets.
func (l *limiter) allow(client string, now time.Time) (bool, time.Duration) {
	if l == nil || l.limit <= 0 {
		return true, 0
	}
	sum := sha256.Sum256([]byte(client))
	var key [12]byte
	copy(key[:], sum[:])
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.start) >= l.window || now.Before(l.start) || len(l.counts) >= l.maxKeys {
		clear(l.counts)
		l.start = now.Truncate(l.window)
	}
	n := l.counts[key] + 1
	l.counts[key] = n
	if n > l.limit {
		wait := l.start.Add(l.window).Sub(now)
		if wait < time.Second {
			wait = time.Second
		}
		return false, wait
	}
	return true, 0
}
