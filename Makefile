# Waybill — the one entry point (see README.md and ../shared/DESIGN.md).
# Each area keeps its own targets in its own file; this file only ties them up.
SHELL := /bin/bash
.DEFAULT_GOAL := help
ROOT := $(abspath .)
SHARED ?= $(abspath $(ROOT)/../shared)
export SHARED
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

## bench: the performance table (benchmarks, not timed tests).
bench: bench-go bench-wasm bench-worker bench-extension

bench-go: setup-go
	@echo "## Go core, native"
	@$(GO) test -run '^$$' -bench . -benchmem ./internal/... | awk '/^Benchmark/'

fmt:
	gofmt -w internal wasm worker
