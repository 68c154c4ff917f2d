package ascii

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCase(t *testing.T) {
	for _, s := range []string{"", "abc", "ABC", "Jul.", "mtop.AE.ld.QueryDetail", "No Delivery Before Sep 3", "ÉCOLE é", "İstanbul", "Ǆ", "a\xffB"} {
		lower, upper := Lower(s), Upper(s)
		assert.Len(t, lower, len(s), s)
		assert.Len(t, upper, len(s), s)
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c >= 'A' && c <= 'Z':
				assert.Equal(t, c+32, lower[i], s)
				assert.Equal(t, c, upper[i], s)
			case c >= 'a' && c <= 'z':
				assert.Equal(t, c, lower[i], s)
				assert.Equal(t, c-32, upper[i], s)
			default:
				assert.Equal(t, c, lower[i], s)
				assert.Equal(t, c, upper[i], s)
			}
		}
		if isASCII(s) {
			assert.Equal(t, strings.ToLower(s), lower, s)
			assert.Equal(t, strings.ToUpper(s), upper, s)
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
