# Owned by the extension. Targets: setup-extension test-extension bench-extension extension demo
.PHONY: setup-extension test-extension bench-extension
setup-extension:
test-extension:
bench-extension:
extension:
demo:
run:
