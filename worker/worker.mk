# Owned by the worker. Targets: setup-worker test-worker bench-worker dev run
.PHONY: setup-worker test-worker bench-worker
setup-worker:
test-worker:
bench-worker:
dev:
