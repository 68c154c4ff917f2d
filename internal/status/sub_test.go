package status

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSubStatuses(t *testing.T) {
	seen := map[string]bool{}
	for _, sub := range AllSubs {
		assert.False(t, seen[sub], "duplicate %s", sub)
		seen[sub] = true
		main := MainOf(sub)
		assert.NotEqual(t, Unknown, main, sub)
		assert.True(t, strings.HasPrefix(sub, string(main)+"_"), sub)
		assert.Equal(t, strings.ToLower(sub), sub)
	}
	for _, s := range All {
		if s != Unknown {
			assert.True(t, seen[string(s)+"_other"], "%s_other must be valid", s)
		}
	}
	// The longest main status wins (delivery_failed vs delivered).
	assert.Equal(t, DeliveryFailed, MainOf("delivery_failed_refused"))
	assert.Equal(t, Delivered, MainOf("delivered_x"))
	assert.Equal(t, Unknown, MainOf("delivered"))
	assert.Equal(t, Unknown, MainOf("bogus_other"))
	assert.Equal(t, Unknown, MainOf(""))
}

func TestTerminalAndRank(t *testing.T) {
	for _, s := range All {
		want := s == Delivered || s == Returned || s == Cancelled
		assert.Equal(t, want, IsTerminal(s), s)
	}
	assert.True(t, Class{Status: Exception, Sub: SubExceptionLost}.Final())
	assert.True(t, Class{Status: Delivered, Sub: SubDeliveredOther}.Final())
	assert.False(t, Class{Status: Exception, Sub: SubExceptionCustoms}.Final())
	assert.False(t, Class{Status: AvailableForPickup, Sub: SubPickupPoint}.Final())
	forward := []Status{Pending, InfoReceived, InTransit, OutForDelivery, AvailableForPickup, Delivered}
	for i := 1; i < len(forward); i++ {
		assert.Less(t, Rank(forward[i-1]), Rank(forward[i]), forward[i])
	}
	for _, s := range []Status{Unknown, NotFound, Exception, Expired, Returning, Returned, Cancelled} {
		assert.Zero(t, Rank(s), s)
	}
	assert.Equal(t, Rank(OutForDelivery), Rank(DeliveryFailed))
}

func TestStageNames(t *testing.T) {
	names := []string{"unknown", "ordered", "shipped", "international", "destination", "delivered"}
	for i, n := range names {
		assert.Equal(t, n, Stage(i).String())
	}
	assert.Equal(t, "unknown", Stage(9).String())
	assert.True(t, KnownSource("17track"))
	assert.False(t, KnownSource("17TRACK"))
}
