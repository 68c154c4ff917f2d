package api

// Parse answers contract 1's parse call. (Stub until its owner lands it.)
func Parse(dst, in []byte) []byte {
	return guard(dst, in, "parse", func(dst, in []byte) []byte {
		return AppendError(dst, "not_implemented", "parse is not implemented yet")
	})
}
