package timeline

import (
	"strings"

	"github.com/waybill/waybill/internal/status"
	"github.com/waybill/waybill/internal/timeutil"
)

// Order is what the AliExpress order page says, when the caller knows it.
// Times are Unix milliseconds; 0 means "unknown".
type Order struct {
	_                [0]func() // not comparable: no generated equality function in core.wasm
	ID               string
	Status           status.Status // the order axis, already classified
	Sub              string
	PlacedAt         int64
	ShippedAt        int64
	ProtectionEndsAt int64
}

// Input is everything Merge needs. Now is the instant the answer is for
// (the caller's clock in Unix milliseconds, so Merge stays pure and testable).
type Input struct {
	Now     int64
	Order   *Order
	Sources []SourceTimeline
}

// MergedEvent is one real-world event, reported by one or more sources.
// Sources and Numbers may share memory between events: read-only.
type MergedEvent struct {
	Time     int64 // Unix milliseconds
	Status   status.Status
	Sub      string
	Stage    status.Stage
	Text     string
	Location string
	Code     string
	Sources  []string // source names, sorted, unique
	Numbers  []string // tracking numbers the sources reported it under, sorted, unique
}

// Number is one tracking number of the parcel and the leg it covers.
type Number struct {
	Number  string
	Role    string // "first_mile", "line_haul", "last_mile" or ""
	Carrier string
	Sources []string
}

// Conflict is a disagreement between sources that a buyer cares about.
type Conflict struct {
	Code    string
	Message string
	Sources []string
	Numbers []string
	Times   []int64 // the instants of the events that disagree (Unix ms)
}

// ETA is the delivery estimate the sources gave, widest range.
type ETA struct {
	Min, Max        int64 // Unix milliseconds
	Sources         []string
	AfterProtection bool // Max is later than the end of buyer protection
}

// Protection is the buyer-protection window.
type Protection struct {
	_           [0]func() // not comparable: no generated equality function in core.wasm
	EndsAt      int64     // Unix milliseconds
	Estimated   bool      // no date from AliExpress: ShippedAt + defaultProtection
	DaysLeft    int       // whole days from Now to EndsAt (negative once over)
	DisputeFrom int64
}

// SourceError is a source that failed, passed through for the caller.
type SourceError struct {
	_                             [0]func() // not comparable: no generated equality function in core.wasm
	Source, Number, Code, Message string
}

// Result is the merged story of one parcel.
type Result struct {
	Status          status.Status
	Sub             string
	Events          []MergedEvent // oldest first
	Numbers         []Number
	Conflicts       []Conflict
	Advice          []Advice
	LastEventAt     int64 // Unix milliseconds; 0 when there are no events
	DaysSinceUpdate int
	Stale           bool
	StaleAfterDays  int // the threshold that applied; 0 = never stale in this state
	Stage           status.Stage
	ETA             *ETA
	Protection      *Protection
	Errors          []SourceError
}

// Durations in milliseconds, the unit of every instant here.
const (
	minute = timeutil.Minute
	hour   = timeutil.Hour
	day    = timeutil.Day
)

// Merge turns several partial timelines into one. It never fails: odd
// input (no sources, zero times) gives a result that says so. Events with
// a zero Time are left out of the timeline.
func Merge(in Input) Result {
	m := merger{now: in.Now, order: in.Order}
	m.collect(in.Sources)
	m.cluster()
	m.build()
	var r Result
	r.Events = m.events
	r.Numbers = collectNumbers(m.sources)
	r.Errors = m.errors
	m.summarize(&r)
	m.conflicts(&r)
	m.freshness(&r)
	m.plan(&r)
	m.advise(&r)
	return r
}

// merger holds the working state of one Merge call.
type merger struct {
	now         int64
	order       *Order
	sources     []SourceTimeline // canonical order, exact duplicates removed
	raw         []rawEvent       // every input event, canonical order
	parent      []int32          // union-find over raw
	origins     []uint64         // per root, the bitset of its group's origins (words per row)
	words       int
	names       []uint64 // per root, the bitset of its group's source names (sourceWords per row)
	sourceWords int
	events      []MergedEvent
	members     [][]int32 // raw indices of each merged event, same order as events
	// originNames holds, per origin, its source and number as one-element
	// slices for single-source events.
	originNames []struct{ source, number []string }
	errors      []SourceError
}

// rawEvent is an input event plus what clustering needs.
type rawEvent struct {
	Event
	origin int32  // index of its (source, number) pair
	norm   string // normalised text
}

// collect copies the events of every source into one canonically sorted
// slice, so that nothing later depends on the order of the input.
func (m *merger) collect(srcs []SourceTimeline) {
	trimmed := make([]SourceTimeline, len(srcs))
	copy(trimmed, srcs)
	for i := range trimmed {
		trimmed[i].Source = strings.TrimSpace(trimmed[i].Source)
		trimmed[i].Number = strings.TrimSpace(trimmed[i].Number)
	}
	ss := make([]SourceTimeline, len(srcs))
	for i, k := range sortedIndex(len(ss), func(i, j int32) bool { return lessSource(&trimmed[i], &trimmed[j]) }) {
		ss[i] = trimmed[k]
	}
	n := 0
	for _, s := range ss {
		if s.ErrCode != "" || s.ErrMsg != "" {
			m.errors = appendError(m.errors, SourceError{Source: s.Source, Number: s.Number, Code: s.ErrCode, Message: s.ErrMsg})
		}
		n += len(s.Events)
	}
	m.sources = ss
	origins := make([]string, 0, len(ss))
	m.raw = make([]rawEvent, 0, n)
	for _, s := range ss {
		key := s.Source + "\x00" + s.Number
		o := len(origins)
		if o == 0 || origins[o-1] != key {
			origins = append(origins, key)
			m.originNames = append(m.originNames, struct{ source, number []string }{
				[]string{s.Source}, []string{s.Number}})
		} else {
			o--
		}
		for _, e := range s.Events {
			if e.Time == 0 {
				continue
			}
			e.Source = s.Source // the timeline's own name wins: it is what the caller asked
			if e.Number == "" {
				e.Number = s.Number
			}
			if e.Stage == status.StageUnknown {
				e.Stage = stageOf(e.Status)
			}
			m.raw = append(m.raw, rawEvent{Event: e, origin: int32(o), norm: normText(e.Text)})
		}
	}
	// Sort indices, not the (large) events, then copy once. Exact duplicates
	// (the same timeline sent twice, two captures of one source) collapse.
	idx := sortedIndex(len(m.raw), func(i, j int32) bool { return lessRaw(&m.raw[i], &m.raw[j]) })
	out := make([]rawEvent, 0, len(idx))
	for _, i := range idx {
		if len(out) > 0 && sameRaw(&out[len(out)-1], &m.raw[i]) {
			continue
		}
		out = append(out, m.raw[i])
	}
	m.raw = out
}

func appendError(errs []SourceError, e SourceError) []SourceError {
	for _, x := range errs {
		if x.Source == e.Source && x.Number == e.Number && x.Code == e.Code && x.Message == e.Message {
			return errs
		}
	}
	return append(errs, e)
}

func lessSource(a, b *SourceTimeline) bool {
	if a.Source != b.Source {
		return a.Source < b.Source
	}
	return a.Number < b.Number
}

func lessRaw(a, b *rawEvent) bool {
	if a.Time != b.Time {
		return a.Time < b.Time
	}
	if a.Source != b.Source {
		return a.Source < b.Source
	}
	if a.Number != b.Number {
		return a.Number < b.Number
	}
	if a.Code != b.Code {
		return a.Code < b.Code
	}
	if a.Text != b.Text {
		return a.Text < b.Text
	}
	if a.Location != b.Location {
		return a.Location < b.Location
	}
	if a.Status != b.Status {
		return a.Status < b.Status
	}
	if a.Sub != b.Sub {
		return a.Sub < b.Sub
	}
	return a.Stage < b.Stage
}

func sameRaw(a, b *rawEvent) bool {
	return a.Time == b.Time && a.Source == b.Source && a.Number == b.Number &&
		a.Code == b.Code && a.Text == b.Text && a.Location == b.Location &&
		a.Status == b.Status && a.Sub == b.Sub && a.Stage == b.Stage
}

// stageOf is the progress stage a status implies when the classifier gave
// none.
func stageOf(s status.Status) status.Stage {
	switch s {
	case status.Pending:
		return status.StageOrdered
	case status.InfoReceived:
		return status.StageShipped
	case status.InTransit:
		return status.StageInternational
	case status.OutForDelivery, status.AvailableForPickup, status.DeliveryFailed:
		return status.StageDestination
	case status.Delivered:
		return status.StageDelivered
	}
	return status.StageUnknown
}

// sourceRank orders sources by how much their clock can be trusted:
// 17TRACK gives explicit UTC, AliExpress and Cainiao read local times as
// UTC+8, free text has no zone at all.
func sourceRank(s string) int {
	switch s {
	case "17track":
		return 0
	case "aliexpress":
		return 1
	case "cainiao":
		return 2
	case "text":
		return 4
	}
	return 3
}

// build turns the clusters into merged events, oldest first.
func (m *merger) build() {
	group := make([]int32, len(m.raw)) // root → group number + 1
	for i := range m.raw {
		root := m.find(int32(i))
		if group[root] == 0 {
			m.members = append(m.members, nil)
			group[root] = int32(len(m.members))
		}
		g := group[root] - 1
		m.members[g] = append(m.members[g], int32(i))
	}
	m.events = make([]MergedEvent, len(m.members))
	for g, mem := range m.members {
		m.events[g] = m.mergeGroup(mem)
	}
	idx := sortedIndex(len(m.events), func(i, j int32) bool { return lessMerged(&m.events[i], &m.events[j]) })
	evs := make([]MergedEvent, len(idx))
	mem := make([][]int32, len(idx))
	for i, k := range idx {
		evs[i], mem[i] = m.events[k], m.members[k]
	}
	m.events, m.members = evs, mem
}

// mergeGroup picks the representative of one cluster: the time of the most
// trustworthy clock, the richest location, and all sources and numbers.
func (m *merger) mergeGroup(mem []int32) MergedEvent {
	best := &m.raw[mem[0]]
	for _, i := range mem[1:] {
		e := &m.raw[i]
		if r, rb := sourceRank(e.Source), sourceRank(best.Source); r < rb || (r == rb && lessRaw(e, best)) {
			best = e
		}
	}
	me := MergedEvent{Time: best.Time, Status: best.Status, Sub: best.Sub, Stage: best.Stage,
		Text: best.Text, Location: best.Location, Code: best.Code}
	if len(mem) == 1 {
		// Most events have one source: share its origin's one-element
		// slices (capacity 1, so an append elsewhere copies).
		o := &m.originNames[best.origin]
		me.Sources, me.Numbers = o.source, o.number
		if best.Number != o.number[0] {
			me.Numbers = []string{best.Number}
		}
		if me.Status == "" {
			me.Status = status.Unknown
		}
		return me
	}
	for _, i := range mem {
		e := &m.raw[i]
		me.Sources = addSorted(me.Sources, e.Source)
		me.Numbers = addSorted(me.Numbers, e.Number)
		if me.Status == status.Unknown || me.Status == "" {
			if e.Status != status.Unknown && e.Status != "" {
				me.Status, me.Sub, me.Stage = e.Status, e.Sub, e.Stage
			}
		}
		if me.Text == "" {
			me.Text = e.Text
		}
		if me.Code == "" {
			me.Code = e.Code
		}
		if len(e.Location) > len(me.Location) || (len(e.Location) == len(me.Location) && e.Location < me.Location) {
			me.Location = e.Location
		}
	}
	if me.Status == "" {
		me.Status = status.Unknown
	}
	return me
}

func lessMerged(a, b *MergedEvent) bool {
	if a.Time != b.Time {
		return a.Time < b.Time
	}
	if a.Stage != b.Stage {
		return a.Stage < b.Stage
	}
	if ra, rb := progressRank(a.Status), progressRank(b.Status); ra != rb {
		return ra < rb
	}
	if ra, rb := sourceRank(a.Sources[0]), sourceRank(b.Sources[0]); ra != rb {
		return ra < rb
	}
	if a.Code != b.Code {
		return a.Code < b.Code
	}
	if a.Text != b.Text {
		return a.Text < b.Text
	}
	if a.Location != b.Location {
		return a.Location < b.Location
	}
	if a.Sub != b.Sub {
		return a.Sub < b.Sub
	}
	if c := compareStrings(a.Sources, b.Sources); c != 0 {
		return c < 0
	}
	return compareStrings(a.Numbers, b.Numbers) < 0
}

// compareStrings orders string slices lexicographically.
func compareStrings(a, b []string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

// addSorted inserts s into the sorted set xs.
func addSorted(xs []string, s string) []string {
	i, hi := 0, len(xs)
	for i < hi {
		if mid := int(uint(i+hi) >> 1); xs[mid] < s {
			i = mid + 1
		} else {
			hi = mid
		}
	}
	if i < len(xs) && xs[i] == s {
		return xs
	}
	xs = append(xs, "")
	copy(xs[i+1:], xs[i:])
	xs[i] = s
	return xs
}

// sortedIndex returns the indices 0…n-1 stably sorted by less: one
// non-generic merge sort for every ordering here (each sort.Slice or
// slices.SortFunc instantiation costs core.wasm 5–15 KB), O(n log n) for
// the thousands of events of a hostile input. Sorting indices, not the
// large structs, also keeps the moves cheap.
func sortedIndex(n int, less func(a, b int32) bool) []int32 {
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	if n < 2 {
		return idx
	}
	orig, tmp := idx, make([]int32, n)
	for width := 1; width < len(idx); width *= 2 {
		for lo := 0; lo < len(idx); lo += 2 * width {
			mid, hi := min(lo+width, len(idx)), min(lo+2*width, len(idx))
			i, j, k := lo, mid, lo
			for i < mid && j < hi {
				if less(idx[j], idx[i]) {
					tmp[k] = idx[j]
					j++
				} else {
					tmp[k] = idx[i]
					i++
				}
				k++
			}
			k += copy(tmp[k:], idx[i:mid])
			copy(tmp[k:], idx[j:hi])
		}
		idx, tmp = tmp, idx
	}
	if &idx[0] != &orig[0] { // an odd number of passes ended in tmp
		copy(orig, idx)
	}
	return orig
}
