// Package timeline merges partial timelines from several sources into one
// truthful story: deduplicated events, an overall status, conflicts,
// staleness, progress and advice.
package timeline

import "github.com/waybill/waybill/internal/status"

// Event is one scan or milestone as one source reported it, already
// classified. Decoders in internal/source produce these; Merge consumes them.
type Event struct {
	_        [0]func() // not comparable: no generated equality function in core.wasm
	Time     int64     // the instant, Unix milliseconds; 0 = unknown
	Text     string    // the source's own wording, never HTML
	Location string
	Code     string // the source's raw code (actionCode, AE_*, 17TRACK sub_status), if any
	Status   status.Status
	Sub      string       // sub-status, e.g. "delivered_pickup_point"
	Stage    status.Stage // milestone for the progress bar
	Source   string       // "aliexpress", "cainiao", "17track", "text"
	Number   string       // the tracking number the source reported it under
}

// Leg is one tracking number of a parcel and the role it plays.
type Leg struct {
	_       [0]func() // not comparable: no generated equality function in core.wasm
	Number  string
	Role    string // "first_mile", "line_haul", "last_mile", "" if unknown
	Carrier string
	Source  string
}

// Contact is what a source tells about a carrier, for advice actions.
type Contact struct {
	_                [0]func() // not comparable: no generated equality function in core.wasm
	Name, Phone, URL string
}

// SourceTimeline is everything one source said about one number.
type SourceTimeline struct {
	Source   string
	Number   string
	Carrier  string
	Status   status.Status // the source's own overall status, fallback only
	Events   []Event
	Legs     []Leg
	ETAMin   int64 // Unix milliseconds; 0 when the source gave no ETA
	ETAMax   int64
	Contacts []Contact
	ErrCode  string // non-empty when the source failed
	ErrMsg   string
	// NoTracking is set when the source knows the shipping method has no
	// tracking (e.g. an untracked economy line), so advice can say so.
	NoTracking bool
}

// SortEvents orders events oldest first; events with the same instant keep
// their order. It is O(n log n) (decoders meet hostile payloads of tens of
// thousands of events) and does not allocate when ev is already sorted,
// the usual case.
func SortEvents(ev []Event) {
	sorted := true
	for i := 1; i < len(ev) && sorted; i++ {
		sorted = ev[i-1].Time <= ev[i].Time
	}
	if sorted {
		return
	}
	idx := sortedIndex(len(ev), func(a, b int32) bool { return ev[a].Time < ev[b].Time })
	out := make([]Event, len(ev))
	for i, k := range idx {
		out[i] = ev[k]
	}
	copy(ev, out)
}
