package api

// Extract answers contract 1's extract call. (Stub until its owner lands it.)
func Extract(dst, in []byte) []byte {
	return guard(dst, in, "extract", func(dst, in []byte) []byte {
		return AppendError(dst, "not_implemented", "extract is not implemented yet")
	})
}
