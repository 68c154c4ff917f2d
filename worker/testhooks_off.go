//go:build !waybill_testhooks

package main

// testHook is the production build's: no test routes at all.
func testHook(string) bool { return false }
