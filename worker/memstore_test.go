//go:build !js

package main

// len is for tests only (handler_test.go checks the store stays bounded).
func (m *memStore) len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries)
}
