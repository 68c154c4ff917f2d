//go:build js && wasm

package main

import (
	"runtime/debug"
	"syscall/js"
	"time"

	"github.com/syumai/workers/cloudflare"
)

// main runs once per isolate: worker.mjs instantiates the module on the
// first request, sets globalThis.context = {env, binding}, and calls
// binding.handle for every request after that. main installs the binding
// and blocks forever, so the instance (and its memory cache) persists.
func main() {
	// The live heap is small (bounded caches); collecting less often saves
	// CPU on the requests that would pay for the collections.
	debug.SetGCPercent(400)
	cfg := ConfigFromEnv(cloudflare.Getenv)
	mem := newMemStore(8000, time.Now) // ≤ 16 MB of answers
	var store Store = mem
	if cfg.CacheAPI {
		store = &tieredStore{mem: mem, backend: jsCache{}, refillTT: min(cfg.CacheTTL, 5*time.Minute)}
	}
	srv := NewServer(cfg, jsTransport{}, store, time.Now)
	// Limits and quotas live in bindings all isolates share, so neither an
	// instance restart nor a new isolate resets them (README "Bindings").
	// Without them (the in-process benchmark, a deployment that omitted
	// them) the in-memory stand-ins apply, per instance.
	env := js.Global().Get("context").Get("env")
	if env.Get("RATE_LIMITER").Truthy() && cfg.RateLimit > 0 {
		srv.limiter = jsRateLimiter{period: cfg.RateWindow, fallback: newLimiter(cfg.RateLimit, cfg.RateWindow)}
	}
	if env.Get("LEDGER").Truthy() {
		srv.ledger = jsLedger{}
	}
	binding := js.Global().Get("context").Get("binding")
	binding.Set("reply", js.FuncOf(reply))
	binding.Set("handle", handleFunc(srv))
	select {}
}
