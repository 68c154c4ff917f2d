// Package ascii changes the case of ASCII letters only. Trackers' codes,
// API names, month names and the phrases Waybill looks for are ASCII, and
// strings.ToLower/ToUpper (Unicode case tables, strings.Map) cost core.wasm
// ~10 KB. Other bytes, including every byte of a multi-byte UTF-8
// sequence, are kept, so byte offsets into the result are offsets into the
// input too.
package ascii

// Lower returns s with A-Z mapped to a-z; s itself when nothing changes.
func Lower(s string) string { return mapCase(s, 'A', 'Z', 'a'-'A') }

// Upper returns s with a-z mapped to A-Z; s itself when nothing changes.
func Upper(s string) string { return mapCase(s, 'a', 'z', 256-('a'-'A')) } // wraps: c - 32

func mapCase(s string, lo, hi byte, delta byte) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= lo && c <= hi {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= lo && c <= hi {
					b[j] = c + delta
				}
			}
			return string(b)
		}
	}
	return s
}
