package trackertest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/waybill/waybill/internal/tracknum"
)

// The generator and the core's S10 check digit agree (two independent
// implementations of the same rule), and the worked example holds.
func TestS10(t *testing.T) {
	require.Equal(t, "RB473124829CN", S10("RB", 47312482, "CN"))
	for _, serial := range []int{0, 1, 5, 77, 999, 47312482, 99999999} {
		n := S10("RB", serial, "CN")
		require.True(t, tracknum.Parse(n).Valid, n)
	}
}
