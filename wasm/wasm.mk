# Owned by the wasm bridge (wasm/README.md). Targets: wasm setup-wasm test-wasm bench-wasm.
.PHONY: wasm setup-wasm test-wasm bench-wasm wasm-testhooks

WASM_DIR     := $(ROOT)/wasm
WASM_OUT     := $(ROOT)/extension/core
WASM_BIN     := $(WASM_OUT)/core.wasm
WASM_EXEC    := $(WASM_OUT)/wasm_exec.js
# Test-only build with panic hooks (-tags waybill_testhooks); never shipped.
WASM_HOOKS   := $(ROOT)/out/wasm/core_testhooks.wasm
# The same build unstripped: its name section tells bench/size.mjs where the bytes go.
WASM_NAMED   := $(ROOT)/out/wasm/core_named.wasm
# No inlining in the packages that are mostly JSON writing, decoding and
# merging: inlined writer calls are duplicated per call site, and in Go's wasm
# every copy is large (−100 KB of core.wasm; benchmarks unchanged). tracknum,
# jsonr, status and the bridge keep inlining: there -l makes the file larger.
WASM_GCFLAGS := $(foreach p,internal/api internal/timeline internal/source internal/jsonw,-gcflags=github.com/waybill/waybill/$(p)=-l)
WASM_FLAGS   := -trimpath -ldflags="-s -w" $(WASM_GCFLAGS)
# Every non-test Go source that can end up in core.wasm, so `make wasm` is incremental.
WASM_SOURCES := $(ROOT)/go.mod $(ROOT)/go.sum \
	$(shell find $(ROOT)/internal $(WASM_DIR) -name '*.go' ! -name '*_test.go' 2>/dev/null)
WASM_GOROOT   = $(shell $(GO) env GOROOT)
WASM_NPM_STAMP := $(WASM_DIR)/node_modules/.package-lock.json

## wasm: extension/core/core.wasm + extension/core/wasm_exec.js (Go's loader + wasm/glue.js).
wasm: $(WASM_BIN) $(WASM_EXEC)

wasm-testhooks: $(WASM_HOOKS)

# Binaryen's wasm-opt -Oz shrinks Go's wasm by ~5% (−125 KB) with the same
# behaviour (every test runs against the optimised file). Debian: binaryen.
WASM_OPT      := wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals

$(WASM_BIN): $(WASM_SOURCES) $(WASM_DIR)/wasm.mk | wasm-opt-tool
	@mkdir -p $(@D) $(ROOT)/out/wasm
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o $(ROOT)/out/wasm/core_go.wasm ./wasm
	$(WASM_OPT) $(ROOT)/out/wasm/core_go.wasm -o $(ROOT)/out/wasm/core_opt.wasm && mv $(ROOT)/out/wasm/core_opt.wasm $@

.PHONY: wasm-opt-tool
wasm-opt-tool:
	@command -v wasm-opt >/dev/null || { apt-get update && apt-get install -y binaryen; }

$(WASM_HOOKS): $(WASM_SOURCES)
	@mkdir -p $(@D)
	GOOS=js GOARCH=wasm $(GO) build -tags waybill_testhooks $(WASM_FLAGS) -o $@ ./wasm

$(WASM_NAMED): $(WASM_SOURCES)
	@mkdir -p $(@D)
	GOOS=js GOARCH=wasm $(GO) build -trimpath $(WASM_GCFLAGS) -o $@ ./wasm

$(WASM_EXEC): $(WASM_DIR)/glue.js $(ROOT)/go.mod
	@mkdir -p $(@D)
	cat "$(WASM_GOROOT)/lib/wasm/wasm_exec.js" $(WASM_DIR)/glue.js > $@.tmp && mv $@.tmp $@

## setup-wasm: Node and Chromium (apt, when missing) and the npm packages of wasm/package-lock.json.
setup-wasm: $(WASM_NPM_STAMP)
	@command -v chromium >/dev/null || { apt-get update && apt-get install -y chromium; }

$(WASM_NPM_STAMP): $(WASM_DIR)/package.json $(WASM_DIR)/package-lock.json
	@command -v node >/dev/null && command -v npm >/dev/null || \
		{ apt-get update && apt-get install -y nodejs npm; }
	cd $(WASM_DIR) && npm ci --no-audit --no-fund
	@touch $@

## test-wasm: contract 1 through the real core.wasm under Node (node --test).
test-wasm: wasm wasm-testhooks setup-wasm
	cd $(WASM_DIR) && GO="$(GO)" node --test test/*.test.mjs

## bench-wasm: size, cold start, per-call cost, and ts-tracking-number side by side.
bench-wasm: wasm $(WASM_NAMED) setup-wasm
	@cd $(WASM_DIR) && node bench/bench.mjs
