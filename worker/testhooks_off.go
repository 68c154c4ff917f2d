//go:build !waybill_testhooks

package main

import "net/http"

// testHook is the production build's: no test routes at all.
func testHook(http.ResponseWriter, string) bool { return false }
