//go:build js && wasm && waybill_testhooks

package main

import "github.com/waybill/waybill/internal/api"

// Test-only function numbers (build tag waybill_testhooks): they panic in the
// ways a bug in the core could, so the Node tests can prove that a panic is
// answered as an error and that the runtime survives it.
const (
	fnPanicString = 100 // panic("…")
	fnPanicIndex  = 101 // runtime error: index out of range
	fnPanicNil    = 102 // runtime error: nil pointer dereference
	fnPanicNilMap = 103 // assignment to entry in nil map
)

var sink *int

func hook(dst []byte, fn int32, in []byte) []byte {
	switch fn {
	case fnPanicString:
		panic("test hook: " + string(in))
	case fnPanicIndex:
		return append(dst, in[len(in)+int(fn)])
	case fnPanicNil:
		return append(dst, byte(*sink))
	case fnPanicNilMap:
		var m map[string]int
		//lint:ignore SA5000 deliberate: the Node tests prove a nil-map panic is answered as an error
		m[string(in)]++
	}
	return api.AppendError(dst, "bad_call", "bridge: unknown function number")
}

// waybillTesthooks only marks this build: glue.js installs waybill.testPanic
// when the export exists.
//
//lint:ignore U1000 called by JavaScript (go:wasmexport)
//go:wasmexport waybill_testhooks
func waybillTesthooks() {}
