package timeline

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/waybill/waybill/internal/ascii"
	"github.com/waybill/waybill/internal/status"
)

// Dedupe tolerances. Two reports of one scan agree to within a few minutes,
// or differ by a whole number of hours when one source read a local time as
// UTC+8 (Cainiao) or dropped the zone (trackers.md §5.4).
const (
	sameScanWindow = 15 * minute // |Δt| for "the same instant", ms
	zoneSlack      = 5 * minute  // |Δt − k·1h| for a zone mistake, ms
	maxZoneHours   = 14          // UTC−12 … UTC+14
	probeLimit     = 48          // earlier events of one key looked at per event (bounds hostile input)
	tryLimit       = 16          // candidates tried per event
)

// Match strengths, strongest first. Clustering runs one pass per strength
// so that a weak match never steals an event a strong one would have taken
// (same-instant passes for every strength first, then zone-shifted ones).
const (
	matchText   = iota // same normalised wording
	matchCode          // the same raw code family (AliExpress "AE_LH_DEPART" = Cainiao "LH_DEPART")
	matchSub           // same status and specific sub-status, different wording
	matchStatus        // same once-per-parcel status and stage (delivered, …)
	matchKinds
)

// cluster groups raw events that are one physical scan. Each group holds at
// most one event per (source, number): a source never reports one scan
// twice, so two of its events at one instant are two steps (Cainiao often
// stamps two steps with one time). A zone-shifted match never joins groups
// that share a source name either: one source's reports of one scan (under
// two numbers) agree on its instant, so its events hours apart are two scans.
func (m *merger) cluster() {
	n := len(m.raw)
	m.parent = make([]int32, n)
	// Each root's set of origins and of source names, as rows of bitsets:
	// no allocation per event, and disjointness is an AND. Origins are
	// sorted by source, so a source's index grows with its origins'.
	sourceOf := make([]int32, len(m.originNames))
	for o := 1; o < len(sourceOf); o++ {
		sourceOf[o] = sourceOf[o-1]
		if m.originNames[o].source[0] != m.originNames[o-1].source[0] {
			sourceOf[o]++
		}
	}
	m.words = (len(m.originNames) + 63) / 64
	m.sourceWords = m.words
	if len(sourceOf) > 0 {
		m.sourceWords = (int(sourceOf[len(sourceOf)-1]) + 64) / 64
	}
	m.origins = make([]uint64, n*m.words)
	m.names = make([]uint64, n*m.sourceWords)
	for i := range m.parent {
		m.parent[i] = int32(i)
		o := int(m.raw[i].origin)
		m.origins[i*m.words+o/64] |= 1 << (o % 64)
		sn := int(sourceOf[o])
		m.names[i*m.sourceWords+sn/64] |= 1 << (sn % 64)
	}
	var cands []candidate
	// Per pass, each event's key is a slice of one string (one allocation
	// per pass; a map with a struct key would link the generic map code
	// into core.wasm), and the events of each key are laid out in index
	// order in flat: the earlier events of i's key are flat[first[g] :
	// first[g]+rank[i]], what a growing per-key list would hold at i.
	var arena []byte
	ends := make([]int32, n)
	group := make([]int32, n)
	rank := make([]int32, n)
	first := make([]int32, n+1)
	flat := make([]int32, n)
	index := make(map[string]int, n) // int, not int32: a map type core.wasm already has
	// Every same-instant pair is made before any zone-shifted one: two scans
	// of one step 6 h apart must each keep their own partner, and a shifted
	// match taken first would claim the partner of the exact one (whose
	// group may hold one event per origin) and lose the other scan.
	for pass := 0; pass < 2*matchKinds; pass++ {
		kind, shifted := pass%matchKinds, pass >= matchKinds
		arena = arena[:0]
		for i := 0; i < n; i++ {
			k, ok := matchKey(&m.raw[i], kind)
			if !ok {
				ends[i] = -1
				continue
			}
			// The pass, then length-prefixed: no two passes or (a, b) pairs
			// share a key (one map for all passes; clear(map) would cost
			// core.wasm 4.5 KB).
			la := len(k.a)
			arena = append(arena, byte(pass), byte(la>>24), byte(la>>16), byte(la>>8), byte(la), byte(k.stage))
			arena = append(append(arena, k.a...), k.b...)
			ends[i] = int32(len(arena))
		}
		if len(arena) == 0 {
			continue
		}
		keys := string(arena)
		groups := int32(0)
		clear(first)
		prev := int32(0)
		for i := 0; i < n; i++ {
			end := ends[i]
			if end < 0 {
				continue
			}
			key := keys[prev:end]
			prev = end
			gi, seen := index[key]
			g := int32(gi)
			if !seen {
				g = groups
				groups++
				index[key] = int(g)
			}
			group[i] = g
			rank[i] = first[g+1]
			first[g+1]++
		}
		for g := int32(1); g <= groups; g++ {
			first[g] += first[g-1]
		}
		for i := 0; i < n; i++ {
			if ends[i] >= 0 {
				flat[first[group[i]]+rank[i]] = int32(i)
			}
		}
		for i := 0; i < n; i++ {
			if ends[i] < 0 {
				continue
			}
			e := &m.raw[i]
			at := first[group[i]]
			cands = probe(cands[:0], m.raw, flat[at:at+rank[i]], e.Time, shifted)
			if len(cands) == 0 {
				continue
			}
			sortCandidates(cands)
			for tries, c := range cands {
				if tries == tryLimit || m.tryUnion(int32(i), c.j, shifted) {
					break
				}
			}
		}
	}
}

// candidate is an earlier event that may be the same scan.
type candidate struct {
	_        [0]func() // not comparable: no generated equality function in core.wasm
	j        int32
	residual int64 // distance from a whole-hour shift, ms (0 within the same-instant window)
	hours    int64
}

// sortCandidates is an insertion sort: the list is short (≤ probeLimit)
// and sort.Slice would allocate per event.
func sortCandidates(cs []candidate) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].less(cs[j-1]); j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

func (c candidate) less(d candidate) bool {
	if c.residual != d.residual {
		return c.residual < d.residual
	}
	if c.hours != d.hours {
		return c.hours < d.hours
	}
	return c.j > d.j // nearer in the canonical order
}

// Milliseconds, the unit of Event.Time.
const (
	msHour   = hour
	msSame   = sameScanWindow
	msSlack  = zoneSlack
	msWindow = maxZoneHours*msHour + msSlack
)

// probe appends the events of list (time-sorted indices into raw) that lie
// at t (shifted false), or a whole number of hours before t (shifted true).
// Looking back is enough: the later event of a pair finds the earlier one.
// It walks back from t, nearest first, and stops after probeLimit entries
// so that hostile input stays linear.
func probe(cands []candidate, raw []rawEvent, list []int32, t int64, shifted bool) []candidate {
	// first index with time > t + sameScanWindow
	hi := t + msSame
	lo, up := 0, len(list)
	for lo < up {
		mid := int(uint(lo+up) >> 1)
		if raw[list[mid]].Time <= hi {
			lo = mid + 1
		} else {
			up = mid
		}
	}
	window := int64(msSame)
	if shifted {
		window = msWindow
	}
	limit := probeLimit
	for k := lo - 1; k >= 0 && limit > 0; k, limit = k-1, limit-1 {
		d := t - raw[list[k]].Time
		if d > window {
			break
		}
		if d < 0 {
			d = -d
		}
		if d <= msSame {
			if !shifted {
				cands = append(cands, candidate{j: list[k]})
			}
			continue
		}
		h := (d + msHour/2) / msHour
		res := d - h*msHour
		if res < 0 {
			res = -res
		}
		if res <= msSlack {
			cands = append(cands, candidate{j: list[k], residual: res, hours: h})
		}
	}
	return cands
}

// matchKeyT is an index key: what two events must share to be compared.
type matchKeyT struct {
	a, b  string
	stage status.Stage
}

// matchKey is the index key of e for one match kind; ok is false when e
// has nothing to match on for that kind.
func matchKey(e *rawEvent, kind int) (k matchKeyT, ok bool) {
	switch kind {
	case matchText:
		return matchKeyT{a: e.norm}, e.norm != ""
	case matchCode:
		c := codeFamily(e.Code)
		return matchKeyT{a: c}, c != ""
	case matchSub:
		if e.Sub != "" && !strings.HasSuffix(e.Sub, "_other") && known(e.Status) {
			return matchKeyT{a: string(e.Status), b: e.Sub, stage: e.Stage}, true
		}
	case matchStatus:
		if oncePerParcel(e.Status) {
			return matchKeyT{a: string(e.Status), stage: e.Stage}, true
		}
	}
	return k, false
}

// oncePerParcel reports the statuses that happen about once per delivery,
// so two sources reporting one of them near the same time mean one event
// even when worded differently.
func oncePerParcel(s status.Status) bool {
	switch s {
	case status.Delivered, status.Returned, status.AvailableForPickup,
		status.OutForDelivery, status.DeliveryFailed, status.Returning:
		return true
	}
	return false
}

func known(s status.Status) bool {
	return s != "" && s != status.Unknown
}

// codeFamily maps a raw code to the family several sources share:
// AliExpress prefixes Cainiao's action codes with "AE_".
func codeFamily(c string) string {
	c = ascii.Upper(strings.TrimSpace(c))
	c = strings.TrimPrefix(c, "AE_")
	return c
}

// find is union-find's root lookup with path halving.
func (m *merger) find(i int32) int32 {
	for m.parent[i] != i {
		m.parent[i] = m.parent[m.parent[i]]
		i = m.parent[i]
	}
	return i
}

// tryUnion joins the groups of a and b unless that would put two events of
// one origin together (or, for a zone-shifted match, of one source) or mix
// a terminal status with a different one.
func (m *merger) tryUnion(a, b int32, shifted bool) bool {
	ra, rb := m.find(a), m.find(b)
	if ra == rb {
		return true
	}
	if !compatible(&m.raw[a], &m.raw[b]) {
		return false
	}
	x := m.origins[int(ra)*m.words : int(ra+1)*m.words]
	y := m.origins[int(rb)*m.words : int(rb+1)*m.words]
	if overlap(x, y) {
		return false
	}
	sx := m.names[int(ra)*m.sourceWords : int(ra+1)*m.sourceWords]
	sy := m.names[int(rb)*m.sourceWords : int(rb+1)*m.sourceWords]
	if shifted && overlap(sx, sy) {
		return false
	}
	if rb < ra {
		ra, rb, x, y, sx, sy = rb, ra, y, x, sy, sx
	}
	m.parent[rb] = ra
	for w := range x {
		x[w] |= y[w]
	}
	for w := range sx {
		sx[w] |= sy[w]
	}
	return true
}

// overlap reports whether two bitset rows share a bit.
func overlap(x, y []uint64) bool {
	for w := range x {
		if x[w]&y[w] != 0 {
			return true
		}
	}
	return false
}

// compatible refuses to merge "delivered" with anything that is not
// delivered (a pickup-point signing must stay visible as a conflict), and
// likewise for the other terminal statuses (status.IsTerminal).
func compatible(a, b *rawEvent) bool {
	if !known(a.Status) || !known(b.Status) || a.Status == b.Status {
		return true
	}
	return !status.IsTerminal(a.Status) && !status.IsTerminal(b.Status)
}

// normText makes wording comparable: lower case, no "[Town]" prefix,
// punctuation dropped, spaces collapsed.
func normText(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "[") {
		if k := strings.IndexByte(s, ']'); k > 0 {
			s = s[k+1:]
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // ASCII, the common case
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			default:
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
