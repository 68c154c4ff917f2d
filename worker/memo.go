package main

import (
	"sync"
	"time"
)

// The hot path's two pure computations are remembered in the instance:
// parse (a pure function of the input) and merge (a function of the
// sources' answers and of "now", whose outputs move in whole days). A cache
// hit then costs lookups and one JSON write.

// mergeMemoTTL is how long a merged answer is reused for the same inputs:
// short against the day-granular fields (daysSinceUpdate, stale, advice).
const mergeMemoTTL = time.Minute

type memo[V any] struct {
	mu  sync.Mutex
	max int
	m   map[string]V
}

func newMemo[V any](max int) *memo[V] { return &memo[V]{max: max, m: make(map[string]V)} }

func (c *memo[V]) get(k string) (V, bool) {
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	return v, ok
}

func (c *memo[V]) put(k string, v V) {
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m) // bounded: start over rather than track recency
	}
	c.m[k] = v
	c.mu.Unlock()
}

func (c *memo[V]) del(k string) {
	c.mu.Lock()
	delete(c.m, k)
	c.mu.Unlock()
}

// mergedEntry is a merge answer and what it was computed from.
type mergedEntry struct {
	out []byte
	at  time.Time
}

// inputsID identifies a number's sources' answers: a cached answer is
// identified by its source and fetch time.
func inputsID(b []byte, names []string, rs []*sourceResult) []byte {
	for i, r := range rs {
		b = append(b, names[i]...)
		b = append(b, 0)
		if r.ok {
			b = append(b, r.fetchedAt...)
			b = append(b, 0)
			b = append(b, r.status...)
		} else {
			b = append(b, r.errCode...)
		}
		b = append(b, 1)
	}
	return b
}
