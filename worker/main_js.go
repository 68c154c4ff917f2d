//go:build js && wasm

package main

import (
	"syscall/js"
	"time"

	"github.com/syumai/workers/cloudflare"
)

// main runs once per isolate: worker.mjs instantiates the module on the
// first request, sets globalThis.context = {env, binding}, and calls
// binding.handle for every request after that. main installs the binding
// and blocks forever, so the instance (and its memory cache) persists.
func main() {
	cfg := ConfigFromEnv(cloudflare.Getenv)
	mem := newMemStore(20000, time.Now)
	store := &tieredStore{mem: mem, backend: jsCache{}, refillTT: min(cfg.CacheTTL, 5*time.Minute)}
	srv := NewServer(cfg, jsTransport{}, store, time.Now)
	binding := js.Global().Get("context").Get("binding")
	binding.Set("reply", js.FuncOf(reply))
	binding.Set("handle", handleFunc(srv))
	select {}
}
