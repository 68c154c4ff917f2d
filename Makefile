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

help:
	@echo "make setup | test | wasm | extension | dev | run | demo | bench"

## setup: everything a fresh Debian machine needs (idempotent).
setup: setup-go setup-wasm setup-worker setup-extension

setup-go:
	$(GO) mod download

## test: every test, in every real runtime. .ci/run calls exactly this.
test: test-go test-wasm test-worker test-extension

# Go unit tests plus the seed corpora of every fuzz target.
test-go: setup-go
	$(GO) vet ./internal/... ./worker/...
	$(GO) test -count=1 ./internal/... ./worker/...

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
	if [ $$rc -eq 0 ]; then mv $$tmp $(BENCH_RECORD); echo "bench: written to $(BENCH_RECORD)"; else rm -f $$tmp; fi; exit $$rc

bench-go: setup-go
	@echo "## Go core, native (go test -bench, one run; CPU-bound, 2-core machine)"
	@echo
	@echo "| benchmark | ns/op | B/op | allocs/op |"
	@echo "|---|---:|---:|---:|"
	@$(GO) test -run '^$$' -bench . -benchmem -benchtime=1s ./internal/... ./worker/ | \
		awk '/^Benchmark/ { name=$$1; sub(/-[0-9]+$$/, "", name); ns=""; b=""; a=""; \
			for (i = 3; i < NF; i++) { if ($$(i+1) == "ns/op") ns=$$i; if ($$(i+1) == "B/op") b=$$i; if ($$(i+1) == "allocs/op") a=$$i } \
			printf "| %s | %s | %s | %s |\n", name, ns, b, a }'
	@echo

fmt:
	gofmt -w internal wasm worker
