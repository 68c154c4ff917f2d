package status

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/waybill/waybill/internal/testenv"
)

// readTestdata returns a file under internal/testdata.
func readTestdata(tb testing.TB, rel string) []byte {
	tb.Helper()
	return testenv.ReadFile(tb, rel)
}

// checkClass asserts the invariants every Class must satisfy: a known
// sub-status that refines its own main status, and a stage coherent with
// the status.
func checkClass(t *testing.T, c Class, ctx string) {
	t.Helper()
	assert.Contains(t, All, c.Status, ctx)
	if c.Sub != "" {
		assert.True(t, slices.Contains(AllSubs, c.Sub), "%s: sub %q not in AllSubs", ctx, c.Sub)
		assert.Equal(t, c.Status, MainOf(c.Sub), "%s: sub %q does not refine %q", ctx, c.Sub, c.Status)
	}
	assert.True(t, c.Stage >= StageUnknown && c.Stage <= StageCount, ctx)
	switch c.Status {
	case Delivered:
		assert.Equal(t, StageDelivered, c.Stage, "%s: delivered must be stage 5", ctx)
	case OutForDelivery, AvailableForPickup, DeliveryFailed:
		assert.Equal(t, StageDestination, c.Stage, ctx)
	case Returning, Returned, Cancelled, Expired, NotFound:
		assert.Equal(t, StageUnknown, c.Stage, "%s: side branches prove no forward stage", ctx)
	default:
		assert.NotEqual(t, StageDelivered, c.Stage, ctx)
	}
}

// want is a compact expectation: "status" or "status/sub" or
// "status/sub/stage".
type want string

func (w want) check(t *testing.T, got Class, ctx string) {
	t.Helper()
	checkClass(t, got, ctx)
	parts := splitSlash(string(w))
	assert.Equal(t, Status(parts[0]), got.Status, ctx)
	if len(parts) > 1 {
		assert.Equal(t, parts[1], got.Sub, ctx)
	}
	if len(parts) > 2 {
		assert.Equal(t, parts[2], got.Stage.String(), ctx)
	}
}

func splitSlash(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
