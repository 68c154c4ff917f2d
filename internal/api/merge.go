package api

// Merge answers contract 1's merge call. (Stub until its owner lands it.)
func Merge(dst, in []byte) []byte {
	return guard(dst, in, "merge", func(dst, in []byte) []byte {
		return AppendError(dst, "not_implemented", "merge is not implemented yet")
	})
}
