//go:build !js

package main

import (
	"log"
	"net/http"
	"os"
	"time"
)

// main serves the worker natively on ADDR (default 127.0.0.1:9900): the same
// handler as in workerd, with net/http for upstream calls and an in-memory
// cache. Handy for debugging; users deploy the wasm build.
func main() {
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = "127.0.0.1:9900"
	}
	srv := NewServer(ConfigFromEnv(os.Getenv), newHTTPTransport(), newMemStore(20000, time.Now), time.Now)
	log.Printf("waybill worker (native) on http://%s", addr)
	log.Fatal(http.ListenAndServe(addr, srv))
}
