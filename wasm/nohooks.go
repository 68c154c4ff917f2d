//go:build js && wasm && !waybill_testhooks

package main

import "github.com/waybill/waybill/internal/api"

// hook answers an unknown function number (the production build has no hooks).
func hook(dst []byte, fn int32, in []byte) []byte {
	return api.AppendError(dst, "bad_call", "bridge: unknown function number")
}
