//go:build waybill_testhooks

package main

import (
	"net/http"
	"os"
	"runtime"
	"strconv"
)

// testHook serves the routes of the test build (-tags waybill_testhooks, never
// deployed): GET /_test/exit ends the Go program, so the end-to-end tests can
// prove that worker.mjs starts a new instance and that nothing global resets.
func testHook(w http.ResponseWriter, path string) bool {
	switch path {
	case "/_test/exit":
		os.Exit(3)
	case "/_test/mem":
		// The Go instance's own memory (Sys ≈ its wasm linear memory, which
		// never shrinks), to tell it from the rest of workerd's RSS.
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		writeJSON(w, http.StatusOK, []byte(`{"sys":`+strconv.FormatUint(m.Sys, 10)+`,"heapInuse":`+strconv.FormatUint(m.HeapInuse, 10)+`}`))
		return true
	}
	return false
}
