//go:build waybill_testhooks

package main

import "os"

// testHook serves the routes of the test build (-tags waybill_testhooks, never
// deployed): GET /_test/exit ends the Go program, so the end-to-end tests can
// prove that worker.mjs starts a new instance and that nothing global resets.
func testHook(path string) bool {
	if path == "/_test/exit" {
		os.Exit(3)
	}
	return false
}
