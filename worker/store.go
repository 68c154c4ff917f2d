package main

import (
	"context"
	"sync"
	"time"
)

// Store keeps cached tracker answers. Get returns one value per key (nil
// for a miss); Put never fails the request (caching is best effort).
type Store interface {
	Get(ctx context.Context, keys []string) [][]byte
	Put(ctx context.Context, key string, val []byte, ttl time.Duration)
}

// memStore is an in-memory cache bounded in entries and bytes (a Workers
// isolate has 128 MB). In workerd it lives as long as the isolate's Go
// instance and sits in front of the Cache API; natively it is the whole
// cache.
type memStore struct {
	mu       sync.Mutex
	max      int
	maxBytes int
	bytes    int
	now      func() time.Time
	entries  map[string]memEntry
}

type memEntry struct {
	val     []byte
	expires time.Time
}

func newMemStore(max int, now func() time.Time) *memStore {
	return &memStore{max: max, maxBytes: max * 2048, now: now, entries: make(map[string]memEntry)}
}

func (m *memStore) Get(_ context.Context, keys []string) [][]byte {
	out := make([][]byte, len(keys))
	now := m.now()
	m.mu.Lock()
	for i, k := range keys {
		if e, ok := m.entries[k]; ok {
			if now.Before(e.expires) {
				out[i] = e.val
			} else {
				m.drop(k, e)
			}
		}
	}
	m.mu.Unlock()
	return out
}

func (m *memStore) Put(_ context.Context, key string, val []byte, ttl time.Duration) {
	if ttl <= 0 {
		return
	}
	if len(key)+len(val) > m.maxBytes/8 {
		return // one answer may not push out an eighth of the cache
	}
	now := m.now()
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.entries[key]; ok {
		m.drop(key, old)
	}
	if len(m.entries) >= m.max || m.bytes+len(key)+len(val) > m.maxBytes {
		m.evict(now)
	}
	m.entries[key] = memEntry{val: val, expires: now.Add(ttl)}
	m.bytes += len(key) + len(val)
}

func (m *memStore) drop(k string, e memEntry) {
	delete(m.entries, k)
	m.bytes -= len(k) + len(e.val)
}

// evict drops expired entries, then arbitrary ones (Go's map order is
// random) until an eighth of the room is free, so memory stays bounded.
func (m *memStore) evict(now time.Time) {
	for k, e := range m.entries {
		if !now.Before(e.expires) {
			m.drop(k, e)
		}
	}
	for k, e := range m.entries {
		if len(m.entries) <= m.max*7/8 && m.bytes <= m.maxBytes*7/8 {
			break
		}
		m.drop(k, e)
	}
}

// tieredStore reads the memory first and the shared backend (the Workers
// Cache API) for what memory misses, filling memory from backend hits.
// The backend does not report TTLs, so backfilled entries live for short.
type tieredStore struct {
	mem      *memStore
	backend  Store
	refillTT time.Duration
}

func (t *tieredStore) Get(ctx context.Context, keys []string) [][]byte {
	out := t.mem.Get(ctx, keys)
	var missKeys []string
	var missIdx []int
	for i, v := range out {
		if v == nil {
			missKeys = append(missKeys, keys[i])
			missIdx = append(missIdx, i)
		}
	}
	if len(missKeys) == 0 {
		return out
	}
	got := t.backend.Get(ctx, missKeys)
	for j, v := range got {
		if v != nil {
			out[missIdx[j]] = v
			t.mem.Put(ctx, missKeys[j], v, t.refillTT)
		}
	}
	return out
}

func (t *tieredStore) Put(ctx context.Context, key string, val []byte, ttl time.Duration) {
	t.mem.Put(ctx, key, val, ttl)
	t.backend.Put(ctx, key, val, ttl)
}
