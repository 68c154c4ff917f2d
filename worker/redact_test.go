package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tidwall/gjson"
)

// A 17TRACK error message that echoes the key anywhere — even past the
// point where long messages are cut — must not leak any of it.
func TestRejectionNeverLeaksTheToken(t *testing.T) {
	const tok = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
	src := &seventeenSource{s: &Server{cfg: Config{SeventeenToken: tok}, red: newRedactor(tok)}}
	for _, pad := range []int{0, 100, 180, 190, 199} {
		msg := strings.Repeat("x", pad) + tok + " is not a valid key"
		r := src.rejection(gjson.Parse(`{"code":-18010002,"message":"` + msg + `"}`))
		assert.NotContains(t, r.errMsg, tok[:8], "pad %d", pad)
	}
}
