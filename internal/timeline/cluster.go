package timeline

import (
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/waybill/waybill/internal/status"
)

// Dedupe tolerances. Two reports of one scan agree to within a few minutes,
// or differ by a whole number of hours when one source read a local time as
// UTC+8 (Cainiao) or dropped the zone (trackers.md §5.4).
const (
	sameScanWindow = 15 * time.Minute // |Δt| for "the same instant"
	zoneSlack      = 5 * time.Minute  // |Δt − k·1h| for a zone mistake
	maxZoneHours   = 14               // UTC−12 … UTC+14
	probeLimit     = 8                // candidates looked at per probe (bounds hostile input)
)

// Match strengths, strongest first. Clustering runs one pass per strength
// so that a weak match never steals an event a strong one would have taken.
const (
	matchText   = iota // same normalised wording, or the same raw code family
	matchSub           // same status and specific sub-status, different wording
	matchStatus        // same once-per-parcel status and stage (delivered, …)
	matchKinds
)

// cluster groups raw events that are one physical scan. Each group holds at
// most one event per (source, number): a source never reports one scan
// twice, so two of its events at one instant are two steps (Cainiao often
// stamps two steps with one time).
func (m *merger) cluster() {
	n := len(m.raw)
	m.parent = make([]int32, n)
	origins := make([][]int32, n) // origins in each root's group, sorted
	for i := range m.parent {
		m.parent[i] = int32(i)
		origins[i] = []int32{m.raw[i].origin}
	}
	var cands []candidate
	for kind := 0; kind < matchKinds; kind++ {
		index := make(map[string][]int32)
		for i := 0; i < n; i++ {
			e := &m.raw[i]
			keys := matchKeys(e, kind)
			cands = cands[:0]
			for _, k := range keys {
				list := index[k]
				cands = probe(cands, m.raw, list, e.Time)
				index[k] = append(list, int32(i))
			}
			if len(cands) == 0 {
				continue
			}
			sort.Slice(cands, func(a, b int) bool { return cands[a].less(cands[b]) })
			for _, c := range cands {
				if m.tryUnion(int32(i), c.j, origins) {
					break
				}
			}
		}
	}
}

// candidate is an earlier event that may be the same scan.
type candidate struct {
	j        int32
	residual time.Duration // distance from a whole-hour shift
	hours    int
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

// probe appends the events of list (time-sorted indices into raw) that lie
// at t, or a whole number of hours before t. Looking back is enough: the
// later event of a pair finds the earlier one.
func probe(cands []candidate, raw []rawEvent, list []int32, t time.Time) []candidate {
	if len(list) == 0 {
		return cands
	}
	for h := 0; h <= maxZoneHours; h++ {
		slack := zoneSlack
		if h == 0 {
			slack = sameScanWindow
		}
		lo := t.Add(-time.Duration(h)*time.Hour - slack)
		hi := t.Add(-time.Duration(h)*time.Hour + slack)
		// first index with time >= lo
		k := sort.Search(len(list), func(x int) bool { return !raw[list[x]].Time.Before(lo) })
		for seen := 0; k < len(list) && seen < probeLimit; k, seen = k+1, seen+1 {
			et := raw[list[k]].Time
			if et.After(hi) {
				break
			}
			d := t.Sub(et)
			res := d - time.Duration(h)*time.Hour
			if res < 0 {
				res = -res
			}
			if h == 0 {
				res = 0 // within the same-instant window every distance is as good
			}
			cands = append(cands, candidate{j: list[k], residual: res, hours: h})
		}
	}
	return cands
}

// matchKeys lists the index keys of e for one match kind.
func matchKeys(e *rawEvent, kind int) []string {
	switch kind {
	case matchText:
		var ks []string
		if e.norm != "" {
			ks = append(ks, "t\x00"+e.norm)
		}
		if c := codeFamily(e.Code); c != "" {
			ks = append(ks, "c\x00"+c)
		}
		return ks
	case matchSub:
		if e.Sub != "" && !strings.HasSuffix(e.Sub, "_other") && known(e.Status) {
			return []string{string(e.Status) + "\x00" + e.Sub + "\x00" + stageKey(e.Stage)}
		}
	case matchStatus:
		if oncePerParcel(e.Status) {
			return []string{string(e.Status) + "\x00" + stageKey(e.Stage)}
		}
	}
	return nil
}

func stageKey(s status.Stage) string { return string(rune('0' + s)) }

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
	c = strings.ToUpper(strings.TrimSpace(c))
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
// one origin together or mix a terminal status with a different one.
func (m *merger) tryUnion(a, b int32, origins [][]int32) bool {
	ra, rb := m.find(a), m.find(b)
	if ra == rb {
		return true
	}
	if !disjoint(origins[ra], origins[rb]) || !compatible(&m.raw[a], &m.raw[b]) {
		return false
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	m.parent[rb] = ra
	origins[ra] = unionSorted(origins[ra], origins[rb])
	origins[rb] = nil
	return true
}

// compatible refuses to merge "delivered" with anything that is not
// delivered (a pickup-point signing must stay visible as a conflict), and
// likewise for returned.
func compatible(a, b *rawEvent) bool {
	if !known(a.Status) || !known(b.Status) || a.Status == b.Status {
		return true
	}
	return !terminal(a.Status) && !terminal(b.Status)
}

func terminal(s status.Status) bool {
	return s == status.Delivered || s == status.Returned
}

func disjoint(a, b []int32) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			return false
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return true
}

func unionSorted(a, b []int32) []int32 {
	out := make([]int32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
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
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}
