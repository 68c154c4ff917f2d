package api

// Classify answers contract 1's classify call. (Stub until its owner lands it.)
func Classify(dst, in []byte) []byte {
	return guard(dst, in, "classify", func(dst, in []byte) []byte {
		return AppendError(dst, "not_implemented", "classify is not implemented yet")
	})
}
