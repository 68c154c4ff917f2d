//go:build js && wasm

// Command wasm is the bridge between JavaScript and internal/api (contract 1
// of DESIGN.md). It holds no logic: it only moves bytes between linear memory
// and the api calls.
//
// Calls go through //go:wasmexport, not syscall/js: JavaScript writes the
// UTF-8 input into a Go-owned buffer (waybill_alloc), calls waybill_call and
// reads the answer from linear memory. That costs well under a microsecond
// per call, against 15–20 µs through js.FuncOf, and keeps syscall/js (and its
// ~130 KB) out of core.wasm. glue.js turns the exports into globalThis.waybill.
package main

import (
	"unsafe"

	"github.com/waybill/waybill/internal/api"
	"github.com/waybill/waybill/internal/source"
)

// Function numbers of waybill_call; glue.js has the same table.
const (
	fnParse    = 0
	fnExtract  = 1
	fnClassify = 2
	fnMerge    = 3
	fnDecode   = 4
)

// keepAnswer is the largest answer buffer kept between calls; a bigger one
// (after a huge input) is dropped on the next call so the heap can shrink back.
const keepAnswer = 1 << 20

// decoders are the payload decoders core.wasm links: the extension only
// decodes AliExpress payloads (Cainiao and 17TRACK answers are decoded by
// the worker), and leaving the others out saves ~65 KB of core.wasm.
var decoders = []source.Decoder{source.AliExpressDecoder}

var (
	input  []byte // input buffer handed out by waybill_alloc, reused
	answer []byte // answer of the latest call; alive until the next call
	header []byte // version string, kept alive for waybill_version
)

// waybillAlloc returns the address of a Go-owned input buffer of at least n
// bytes. The buffer stays valid (and in place: Go's heap does not move) until
// the next waybill_alloc; JavaScript re-creates its views on it after every
// call, because linear memory may have grown.
//
//lint:ignore U1000 called by JavaScript (go:wasmexport); what it uses counts as used too
//go:wasmexport waybill_alloc
func waybillAlloc(n int32) unsafe.Pointer {
	if n < 1 {
		n = 1
	}
	if cap(input) < int(n) || cap(input) > 2*int(n) && cap(input) > keepAnswer {
		input = make([]byte, n)
	}
	input = input[:cap(input)]
	return unsafe.Pointer(&input[0])
}

// waybillCall runs call fn on the first n bytes of the input buffer and
// returns the answer's address (low 32 bits) and length (high 32 bits). The
// answer stays valid until the next call.
//
//lint:ignore U1000 called by JavaScript (go:wasmexport)
//go:wasmexport waybill_call
func waybillCall(fn, n int32) uint64 {
	if n < 0 || int(n) > len(input) {
		n = 0
	}
	answer = call(answer, fn, input[:n])
	return pack(answer)
}

// waybillVersion returns api.Version like waybill_call returns an answer.
//
//lint:ignore U1000 called by JavaScript (go:wasmexport)
//go:wasmexport waybill_version
func waybillVersion() uint64 {
	header = append(header[:0], api.Version...)
	return pack(header)
}

// call dispatches one call. The recover is a second line behind api's own
// guard: whatever panics here, the runtime must survive for the next call.
func call(dst []byte, fn int32, in []byte) (out []byte) {
	if cap(dst) > keepAnswer {
		dst = nil
	}
	dst = dst[:0]
	defer func() {
		if r := recover(); r != nil {
			out = api.AppendError(dst[:0], "internal", "bridge: "+panicText(r))
		}
	}()
	switch fn {
	case fnParse:
		return api.Parse(dst, in)
	case fnExtract:
		return api.Extract(dst, in)
	case fnClassify:
		return api.Classify(dst, in)
	case fnMerge:
		return api.Merge(dst, in)
	case fnDecode:
		return api.DecodeOnly(dst, in, decoders)
	}
	return hook(dst, fn, in)
}

func panicText(r any) string {
	switch v := r.(type) {
	case string:
		return v
	case error:
		return v.Error()
	}
	return "panic"
}

func pack(b []byte) uint64 {
	if len(b) == 0 {
		return 0
	}
	return uint64(uintptr(unsafe.Pointer(&b[0]))) | uint64(len(b))<<32
}

func main() {
	// Block forever: the exports need a live runtime. No goroutine is ever
	// runnable, so control returns to JavaScript right here.
	select {}
}
