package source

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/waybill/waybill/internal/timeline"
)

// insertionSortEvents and appendLeg are the former quadratic sortEvents and
// addLeg, kept as oracles: the linear versions must give the same output.
func insertionSortEvents(ev []timeline.Event) {
	for i := 1; i < len(ev); i++ {
		for j := i; j > 0 && ev[j].Time < ev[j-1].Time; j-- {
			ev[j], ev[j-1] = ev[j-1], ev[j]
		}
	}
}

func appendLeg(legs []timeline.Leg, l timeline.Leg) []timeline.Leg {
	if l.Number == "" {
		return legs
	}
	for i := range legs {
		if legs[i].Number == l.Number {
			if legs[i].Role == "" {
				legs[i].Role = l.Role
			}
			if legs[i].Carrier == "" {
				legs[i].Carrier = l.Carrier
			}
			return legs
		}
	}
	return append(legs, l)
}

func TestSortEventsMatchesInsertionSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 500 {
		n := rng.IntN(200)
		ev := make([]timeline.Event, n)
		for i := range ev {
			// Few distinct instants, so that stability is exercised; the
			// text records the input position.
			ev[i] = timeline.Event{Time: int64(rng.IntN(1 + n/3)), Text: strconv.Itoa(i)}
			if round%5 == 0 {
				ev[i].Time = int64(i) // already sorted: the no-allocation path
			}
		}
		want := make([]timeline.Event, n)
		copy(want, ev)
		insertionSortEvents(want)
		sortEvents(ev)
		require.Equal(t, want, ev, "round %d", round)
	}
}

func TestLegListMatchesAddLeg(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	roles := []string{"", "", "first_mile", "last_mile"}
	carriers := []string{"", "", "USPS", "Correos"}
	for round := range 500 {
		var want []timeline.Leg
		var got legList
		for range rng.IntN(100) {
			l := timeline.Leg{Role: roles[rng.IntN(len(roles))], Carrier: carriers[rng.IntN(len(carriers))], Source: Cainiao}
			if k := rng.IntN(30); k > 0 { // 0: an empty number, which is skipped
				l.Number = "N" + strconv.Itoa(k)
			}
			want = appendLeg(want, l)
			got.add(l)
		}
		require.Equal(t, want, got.legs, "round %d", round)
	}
}
