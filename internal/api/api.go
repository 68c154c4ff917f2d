// Package api is contract 1 of DESIGN.md: JSON in, JSON out, never a panic.
//
// Every exported function appends its answer to dst and returns it, so a
// caller on a hot path (the wasm bridge, the worker) can reuse one buffer.
// Bad input gives {"error":{"code","message"}}; a panic inside a call is
// recovered and answered as error code "internal".
package api

import (
	"github.com/waybill/waybill/internal/jsonw"
)

// Version is the core's version, reported by the wasm bridge and the worker.
var Version = "0.1.0"

// MaxInput is the largest input any call accepts (bytes). Larger inputs get
// error code "too_large" instead of unbounded work.
const MaxInput = 4 << 20

// AppendError appends {"error":{"code":code,"message":msg}}.
func AppendError(dst []byte, code, msg string) []byte {
	w := jsonw.Writer{B: dst}
	w.ObjStart()
	w.KeyError(code, msg)
	w.ObjEnd()
	return w.B
}

// guard runs fn and turns a panic into an "internal" error answer, dropping
// whatever fn had appended. Every exported call goes through it.
func guard(dst []byte, in []byte, name string, fn func(dst, in []byte) []byte) (out []byte) {
	n := len(dst)
	defer func() {
		if r := recover(); r != nil {
			msg := name + ": internal error"
			if s, ok := r.(string); ok {
				msg += ": " + s
			} else if e, ok := r.(error); ok {
				msg += ": " + e.Error()
			}
			out = AppendError(dst[:n], "internal", msg)
		}
	}()
	if len(in) > MaxInput {
		return AppendError(dst, "too_large", name+": input is larger than 4 MiB")
	}
	return fn(dst, in)
}
