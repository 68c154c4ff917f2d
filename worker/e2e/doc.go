// Package e2e holds the worker's end-to-end tests: the built wasm in real
// workerd (wrangler dev) against the fake trackers. They are behind the
// e2e build tag because they need `make setup-worker worker-build`; run them
// with `make test-worker` (go test -tags e2e ./worker/e2e/).
package e2e
