# Owned by the wasm bridge. Targets: setup-wasm test-wasm bench-wasm wasm
.PHONY: setup-wasm test-wasm bench-wasm
setup-wasm:
test-wasm:
bench-wasm:
wasm:
