package api

// Decode answers contract 1's decode call. (Stub until its owner lands it.)
func Decode(dst, in []byte) []byte {
	return guard(dst, in, "decode", func(dst, in []byte) []byte {
		return AppendError(dst, "not_implemented", "decode is not implemented yet")
	})
}
