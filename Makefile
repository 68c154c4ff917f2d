# Waybill — the one entry point (see README.md).
# Each area keeps its own targets in its own file; this file only ties them up.
SHELL := /bin/bash
.DEFAULT_GOAL := help
ROOT := $(abspath .)
GO ?= go

include wasm/wasm.mk
include worker/worker.mk
include extension/extension.mk

.PHONY: help setup test bench run demo dev wasm extension setup-go test-go bench-go fmt
.PHONY: check check-go setup-tools generate test-one

## help: this list, from the `## target: text` comments of the Makefile and its fragments.
help:
	@awk '/^## [A-Za-z0-9_-]+:/ { t = $$2; sub(/:$$/, "", t); s = $$0; sub(/^## [^:]+: */, "", s); \
		printf "  %-20s %s\n", t, s; more = 1; next } \
		more && /^## / { s = $$0; sub(/^## /, "", s); printf "  %-20s %s\n", "", s; next } \
		{ more = 0 }' $(MAKEFILE_LIST)

## setup: everything a fresh Debian machine needs (idempotent).
setup: setup-go setup-tools setup-wasm setup-worker setup-extension

# Go tools pinned per version, in the repository (not in ~/go/bin).
STATICCHECK_VERSION := v0.8.2
STATICCHECK         := $(ROOT)/.tools/staticcheck-$(STATICCHECK_VERSION)/staticcheck

## setup-tools: staticcheck (pinned version) into .tools/ with go install, for `make check`.
setup-tools: $(STATICCHECK)
$(STATICCHECK):
	GOBIN=$(@D) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

## check: the gate CI runs before `make test`: gofmt, go vet and staticcheck (native and
## js/wasm), ESLint, Prettier and web-ext lint on the extension. `make fmt` fixes the formatting.
check: check-go check-extension

check-go: setup-go setup-tools
	@out=$$(gofmt -l internal wasm worker); if [ -n "$$out" ]; then \
		echo "gofmt: not formatted (run make fmt):"; echo "$$out"; exit 1; fi
	$(GO) vet ./internal/... ./worker/...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/... ./worker
	GOOS=js GOARCH=wasm $(GO) vet -tags waybill_testhooks ./wasm/...
	$(STATICCHECK) ./internal/... ./worker/...
	GOOS=js GOARCH=wasm $(STATICCHECK) ./wasm/... ./worker
	GOOS=js GOARCH=wasm $(STATICCHECK) -tags waybill_testhooks ./wasm/...
	@echo "check-go: gofmt, vet and staticcheck clean"

## generate: extension/src/common/statuses.js from internal/status (a Go test fails when it is stale).
generate:
	$(GO) run ./internal/status/gen

## test-one: T=<pattern>: only the tests whose names match, in Go (go test -run) and in the
## extension's unit and core.wasm's Node tests (node --test --test-name-pattern). No e2e.
test-one: setup-go wasm wasm-testhooks setup-wasm setup-extension
	@test -n "$(T)" || { echo "usage: make test-one T=<pattern>"; exit 2; }
	$(GO) test -count=1 -run '$(T)' ./internal/... ./worker/...
	cd $(WASM_DIR) && GO="$(GO)" node --test --test-name-pattern='$(T)' test/*.test.mjs
	cd $(EXT_DIR) && node --test --test-name-pattern='$(T)' test/unit/

setup-go:
	$(GO) mod download

## test: every test, in every real runtime. .ci/run calls `make check`, then this.
test: test-go test-wasm test-worker test-extension

# Go unit tests plus the seed corpora of every fuzz target.
test-go: setup-go
	$(GO) vet ./internal/... ./worker/...
	@set -o pipefail; $(GO) test -count=1 ./internal/... ./worker/... | awk '{ print } \
		/^ok / { ok++ } /^FAIL\t/ { bad++ } END { printf "go: %d packages ok, %d failed\n", ok, bad }'

## bench: every benchmark (not timed tests), printed and written to BENCHMARKS.md, the one record.
BENCH_RECORD := $(ROOT)/BENCHMARKS.md
bench: setup wasm extension worker-for-extension $(WASM_NAMED)
	@tmp=$$(mktemp); { \
	  echo "# Benchmarks"; echo; \
	  echo "The one record of \`make bench\`; the READMEs link here and carry no copies. Budgets: DESIGN.md (summarised in README.md)."; echo; \
	  echo "- written: $$(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$$(git rev-parse --short HEAD)\`$$(git diff --quiet HEAD 2>/dev/null || echo ' plus uncommitted changes')"; \
	  echo "- machine: $$(nproc) cores ($$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $$(free -g | awk '/^Mem:/ {print $$2}') GiB, load $$(cut -d' ' -f1-3 /proc/loadavg) at the start; $$($(GO) env GOVERSION), Node $$(node --version)"; echo; \
	  $(MAKE) --no-print-directory -s bench-go bench-wasm bench-worker bench-extension; \
	} | tee $$tmp; rc=$${PIPESTATUS[0]}; \
	if [ $$rc -eq 0 ]; then mv $$tmp $(BENCH_RECORD); chmod 644 $(BENCH_RECORD); echo "bench: written to $(BENCH_RECORD)"; else rm -f $$tmp; fi; exit $$rc

bench-go: setup-go
	@echo "## Go core, native (go test -bench, one run; CPU-bound, 2-core machine)"
	@echo
	@echo "| benchmark | ns/op | B/op | allocs/op |"
	@echo "|---|---:|---:|---:|"
	@set -o pipefail; $(GO) test -run '^$$' -bench . -benchmem -benchtime=1s ./internal/... ./worker/ | \
		awk '/^Benchmark/ { name=$$1; sub(/-[0-9]+$$/, "", name); ns=""; b=""; a=""; \
			for (i = 3; i < NF; i++) { if ($$(i+1) == "ns/op") ns=$$i; if ($$(i+1) == "B/op") b=$$i; if ($$(i+1) == "allocs/op") a=$$i } \
			printf "| %s | %s | %s | %s |\n", name, ns, b, a }'
	@echo

## fmt: format the Go (gofmt) and the extension (Prettier).
fmt: fmt-extension
	gofmt -w internal wasm worker
