package timeline

import (
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/waybill/waybill/internal/status"
)

// step is one real-world scan of a generated parcel.
type step struct {
	status status.Status
	sub    string
	stage  status.Stage
	texts  [2]string // two wordings of the same step
	code   string
}

var route = []step{
	{status.InfoReceived, "info_received_label", 2, [2]string{"Shipment information received", "Electronic information submitted"}, "GWMS_ACCEPT"},
	{status.InTransit, "in_transit_picked_up", 2, [2]string{"Accepted by carrier", "Picked up"}, "PU_PICKUP_SUCCESS"},
	{status.InTransit, "in_transit_origin_facility", 2, [2]string{"Departed from sorting center", "Sorting center outbound"}, "SC_OUTBOUND_SUCCESS"},
	{status.InTransit, "in_transit_export_customs", 3, [2]string{"Export customs clearance complete", "Export clearance success"}, "CC_EX_SUCCESS"},
	{status.InTransit, "in_transit_departed_origin", 3, [2]string{"Left from departure country", "Departed origin country"}, "LH_DEPART"},
	{status.InTransit, "in_transit_arrived_destination", 4, [2]string{"Arrived at destination country", "Arrival at destination"}, "LH_ARRIVE"},
	{status.InTransit, "in_transit_customs_released", 4, [2]string{"Import customs clearance complete", "Released by customs"}, "CC_IM_SUCCESS"},
	{status.InTransit, "in_transit_local_facility", 4, [2]string{"Arrived at local facility", "Processed at delivery office"}, "GTMS_DO_ARRIVE"},
	{status.OutForDelivery, "", 4, [2]string{"Out for delivery", "With courier for delivery"}, "GTMS_DO_DEPART"},
	{status.Delivered, "", 5, [2]string{"Delivered", "Delivered to addressee"}, "GTMS_SIGNED"},
}

// genParcel makes the timelines three sources would give for one parcel:
// random subsets of the route, different wording, Cainiao's zone mistakes,
// repeated scans, and an unknown event or two.
func genParcel(rng *rand.Rand, scans int) []SourceTimeline {
	start := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).UnixMilli() + int64(rng.Intn(1000))*minute
	type truth struct {
		at int64
		st step
		n  int
	}
	var ts []truth
	t := start
	// Transit steps repeat (hub after hub); the last mile happens once,
	// a day after the last hub, as it does for a real parcel.
	transit := len(route) - 2
	for i := 0; i < scans; i++ {
		k := i * transit / scans
		t = (t + int64(30+rng.Intn(3000))*minute)
		ts = append(ts, truth{at: t, st: route[k], n: i})
	}
	for _, st := range route[transit:] {
		t = (t + int64(20+rng.Intn(10))*hour)
		ts = append(ts, truth{at: t, st: st, n: len(ts)})
	}
	names := []string{"cainiao", "17track", "aliexpress"}
	numbers := []string{"LP00123456789012", "RC000000003EE", "AA000000000BR"}
	var out []SourceTimeline
	for si, name := range names {
		s := SourceTimeline{Source: name, Number: numbers[si]}
		shift := int64(0)
		if name == "cainiao" {
			shift = int64(rng.Intn(3)*3) * hour
		}
		for _, x := range ts {
			if rng.Intn(4) == 0 {
				continue
			}
			e := Event{Time: x.at, Status: x.st.status, Sub: x.st.sub, Stage: x.st.stage,
				Text: x.st.texts[0] + " #" + strconv.Itoa(x.n)}
			switch name {
			case "cainiao":
				e.Time = (e.Time + -shift)
				e.Code = x.st.code
			case "aliexpress":
				e.Code = "AE_" + x.st.code
				e.Location = "Hub " + strconv.Itoa(x.n%5)
			case "17track":
				if rng.Intn(2) == 0 {
					e.Text = x.st.texts[1]
					e.Sub = ""
				}
				e.Time = (e.Time + int64(rng.Intn(5))*minute)
			}
			s.Events = append(s.Events, e)
			if rng.Intn(20) == 0 {
				s.Events = append(s.Events, Event{Time: (e.Time + minute), Status: status.Unknown, Text: "包裹已出库"})
			}
		}
		out = append(out, s)
	}
	return out
}

func shuffled(rng *rand.Rand, srcs []SourceTimeline) []SourceTimeline {
	out := make([]SourceTimeline, len(srcs))
	for i, j := range rng.Perm(len(srcs)) {
		s := srcs[j]
		evs := make([]Event, len(s.Events))
		for a, b := range rng.Perm(len(s.Events)) {
			evs[a] = s.Events[b]
		}
		s.Events = evs
		out[i] = s
	}
	return out
}

func TestMergeIndependentOfOrder(t *testing.T) {
	for seed := int64(1); seed <= 60; seed++ {
		rng := rand.New(rand.NewSource(seed))
		srcs := genParcel(rng, 5+rng.Intn(30))
		now := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
		want := Merge(Input{Now: now, Sources: srcs})
		for k := 0; k < 3; k++ {
			got := Merge(Input{Now: now, Sources: shuffled(rng, srcs)})
			require.Equal(t, want, got, "seed %d", seed)
		}
	}
}

func TestMergeWithItselfChangesNothing(t *testing.T) {
	for seed := int64(1); seed <= 60; seed++ {
		rng := rand.New(rand.NewSource(seed))
		srcs := genParcel(rng, 5+rng.Intn(30))
		now := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
		want := Merge(Input{Now: now, Sources: srcs})
		twice := append(append([]SourceTimeline{}, srcs...), shuffled(rng, srcs)...)
		require.Equal(t, want, Merge(Input{Now: now, Sources: twice}), "seed %d", seed)
		for _, s := range srcs {
			one := Merge(Input{Now: now, Sources: []SourceTimeline{s}})
			double := Merge(Input{Now: now, Sources: []SourceTimeline{s, s}})
			require.Equal(t, one, double, "seed %d source %s", seed, s.Source)
		}
	}
}

// expand turns a merged result back into one timeline per source, as if
// every source had reported the merged events exactly.
func expand(r Result, srcs []SourceTimeline) []SourceTimeline {
	var out []SourceTimeline
	for _, s := range srcs {
		x := SourceTimeline{Source: s.Source, Number: s.Number}
		for _, e := range r.Events {
			for _, name := range e.Sources {
				if name == s.Source {
					x.Events = append(x.Events, Event{Time: e.Time, Text: e.Text, Location: e.Location, Code: e.Code,
						Status: e.Status, Sub: e.Sub, Stage: e.Stage})
				}
			}
		}
		out = append(out, x)
	}
	return out
}

func TestMergeIsIdempotent(t *testing.T) {
	for seed := int64(1); seed <= 60; seed++ {
		rng := rand.New(rand.NewSource(seed))
		srcs := genParcel(rng, 5+rng.Intn(30))
		now := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
		first := Merge(Input{Now: now, Sources: srcs})
		again := Merge(Input{Now: now, Sources: expand(first, srcs)})
		require.Equal(t, len(first.Events), len(again.Events), "seed %d", seed)
		for i := range first.Events {
			a, b := first.Events[i], again.Events[i]
			assert.Equal(t, a.Time, b.Time, "seed %d event %d", seed, i)
			assert.Equal(t, a.Status, b.Status)
			assert.Equal(t, a.Text, b.Text)
			assert.Equal(t, a.Sources, b.Sources)
		}
		assert.Equal(t, first.Status, again.Status)
		assert.Equal(t, first.Stage, again.Stage)
		assert.Equal(t, first.Conflicts, again.Conflicts)
		assert.Equal(t, first.LastEventAt, again.LastEventAt)
	}
}

// TestGeneratedParcelsDedupe checks the generator's truth: every scan that
// two sources reported with the same wording is one event.
func TestGeneratedParcelsDedupe(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	srcs := genParcel(rng, 40)
	r := Merge(Input{Now: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC).UnixMilli(), Sources: srcs})
	seen := map[string]int{}
	for _, e := range r.Events {
		if strings.Contains(e.Text, "#") {
			seen[e.Text]++
		}
	}
	for text, n := range seen {
		assert.Equal(t, 1, n, "%q appears %d times", text, n)
	}
	for i := 1; i < len(r.Events); i++ {
		assert.False(t, r.Events[i].Time < r.Events[i-1].Time, "oldest first")
	}
	assert.Equal(t, status.Delivered, r.Status)
	assert.Equal(t, status.StageDelivered, r.Stage)
}

// bench10k is a parcel history of about 10,000 events from three sources.
func bench10k() []SourceTimeline {
	return genParcel(rand.New(rand.NewSource(42)), 4400)
}

func BenchmarkMerge10k(b *testing.B) {
	srcs := bench10k()
	n := 0
	for _, s := range srcs {
		n += len(s.Events)
	}
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	b.ReportMetric(float64(n), "events")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Merge(Input{Now: now, Sources: srcs})
	}
}

// hostile is input built to defeat the bounds: many sources, every event at
// one instant with one wording, alternating statuses, a number per event.
func hostile(n int) []SourceTimeline {
	var out []SourceTimeline
	at := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	sts := []status.Status{status.Delivered, status.AvailableForPickup, status.DeliveryFailed, status.InTransit}
	for s := 0; s < 64; s++ {
		st := SourceTimeline{Source: "s" + strconv.Itoa(s), Number: "N" + strconv.Itoa(s)}
		for i := 0; i < n/64; i++ {
			st.Events = append(st.Events, Event{Time: (at + int64(i%3)*hour), Text: "Same text",
				Status: sts[i%len(sts)], Number: "E" + strconv.Itoa(s*n+i), Code: "X"})
		}
		out = append(out, st)
	}
	return out
}

func TestMergeHostileInputIsBounded(t *testing.T) {
	r := Merge(Input{Now: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC).UnixMilli(), Sources: hostile(20000)})
	require.NotEmpty(t, r.Events)
	codes := map[string]int{}
	for _, c := range r.Conflicts {
		codes[c.Code]++
	}
	for code, n := range codes {
		assert.Equal(t, 1, n, "conflict %s reported %d times", code, n)
	}
	for _, e := range r.Events {
		assert.LessOrEqual(t, len(e.Sources), 64)
	}
}

func BenchmarkMergeHostile20k(b *testing.B) {
	srcs := hostile(20000)
	now := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Merge(Input{Now: now, Sources: srcs})
	}
}
