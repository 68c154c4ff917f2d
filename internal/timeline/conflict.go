package timeline

import "github.com/waybill/waybill/internal/status"

// Conflict codes: disagreements a buyer cares about.
const (
	ConflictDeliveredThenFailed   = "delivered_then_failed"   // a failed attempt after "delivered"
	ConflictDeliveredThenReturned = "delivered_then_returned" // a return after "delivered"
	ConflictDeliveryDates         = "delivery_dates_differ"   // sources give different delivery times
	ConflictDeliveredOneSource    = "delivered_one_source"    // only one source saw the delivery
	ConflictPickupAsDelivered     = "pickup_point_as_delivered"
)

// conflicts finds the disagreements between sources and, for a pickup-point
// signing reported as delivered, corrects the parcel's status.
func (m *merger) conflicts(r *Result) {
	var delivered []*MergedEvent
	for i := range m.events {
		if m.events[i].Status == status.Delivered {
			delivered = append(delivered, &m.events[i])
		}
	}
	if len(delivered) == 0 {
		return
	}
	first := delivered[0]

	// Delivered, then a failed attempt or a return.
	var failed, returned *MergedEvent
	for i := range m.events {
		e := &m.events[i]
		if e.Time <= first.Time {
			continue
		}
		switch e.Status {
		case status.DeliveryFailed:
			if failed == nil {
				failed = e
			}
		case status.Returning, status.Returned:
			if returned == nil {
				returned = e
			}
		}
	}
	if failed != nil {
		r.Conflicts = append(r.Conflicts, pairConflict(ConflictDeliveredThenFailed,
			"A delivery attempt failed after the parcel was reported delivered.", first, failed))
	}
	if returned != nil {
		r.Conflicts = append(r.Conflicts, pairConflict(ConflictDeliveredThenReturned,
			"The parcel is reported as returning after it was reported delivered.", first, returned))
	}

	// Different delivery times from different sources.
	for _, d := range delivered[1:] {
		if !sameSourceSet(first, d) && d.Time-first.Time > sameScanWindow {
			r.Conflicts = append(r.Conflicts, pairConflict(ConflictDeliveryDates,
				"Sources give different delivery times.", first, d))
			break
		}
	}

	// A pickup-point arrival from one source next to "delivered" from
	// another: the parcel most likely waits at the pickup point.
	var deliverers []string
	for _, d := range delivered {
		for _, s := range d.Sources {
			deliverers = addSorted(deliverers, s)
		}
	}
	var pickups []*MergedEvent // time-sorted, like m.events
	for i := range m.events {
		if m.events[i].Status == status.AvailableForPickup {
			pickups = append(pickups, &m.events[i])
		}
	}
	pickupExplains := 0
	for _, d := range delivered {
		// Only pickups within a zone mistake of d can be the same hand-over;
		// look at a bounded number of them so hostile input stays linear.
		lo := d.Time - maxZoneHours*hour - zoneSlack
		k, hi := 0, len(pickups) // first pickup at or after lo
		for k < hi {
			if mid := int(uint(k+hi) >> 1); pickups[mid].Time < lo {
				k = mid + 1
			} else {
				hi = mid
			}
		}
		for n := 0; k < len(pickups) && n < probeLimit; k, n = k+1, n+1 {
			p := pickups[k]
			if p.Time-d.Time > maxZoneHours*hour+zoneSlack {
				break
			}
			if !sameInstant(p.Time, d.Time) || intersects(p.Sources, deliverers) {
				continue
			}
			if pickupExplains == 0 { // one conflict per kind, whatever the input
				r.Conflicts = append(r.Conflicts, pairConflict(ConflictPickupAsDelivered,
					"One source reports the parcel delivered while another reports it waiting at a pickup point.", p, d))
			}
			pickupExplains++
			if r.Status == status.Delivered && pickupExplains == len(delivered) {
				r.Status, r.Sub, r.Stage = status.AvailableForPickup, p.Sub, status.StageDestination
			}
			break
		}
	}

	// Only one source saw the delivery, although another follows the parcel
	// to the door (it reported the courier, the pickup point or an attempt)
	// or keeps reporting after it. A source that stopped at the hand-over to
	// the last mile is only lagging, not disagreeing.
	if len(deliverers) == 1 && pickupExplains == 0 {
		var silent []string
		for i := range m.events {
			e := &m.events[i]
			if e.Status == status.Delivered {
				continue
			}
			doorstep := e.Status == status.OutForDelivery || e.Status == status.AvailableForPickup ||
				e.Status == status.DeliveryFailed
			if !doorstep && e.Time < first.Time {
				continue
			}
			for _, s := range e.Sources {
				if s != deliverers[0] {
					silent = addSorted(silent, s)
				}
			}
		}
		if len(silent) > 0 {
			var numbers []string
			for _, d := range delivered {
				for _, n := range d.Numbers {
					numbers = addSorted(numbers, n)
				}
			}
			srcs := append([]string{deliverers[0]}, silent...)
			r.Conflicts = append(r.Conflicts, Conflict{Code: ConflictDeliveredOneSource,
				Message: "Only " + deliverers[0] + " reports the delivery; " + joinWords(silent) + " does not.",
				Sources: srcs, Numbers: numbers, Times: []int64{first.Time}})
		}
	}
}

func pairConflict(code, msg string, a, b *MergedEvent) Conflict {
	c := Conflict{Code: code, Message: msg, Times: []int64{a.Time, b.Time}}
	for _, e := range [...]*MergedEvent{a, b} {
		for _, s := range e.Sources {
			c.Sources = addSorted(c.Sources, s)
		}
		for _, n := range e.Numbers {
			c.Numbers = addSorted(c.Numbers, n)
		}
	}
	return c
}

func sameSourceSet(a, b *MergedEvent) bool {
	if len(a.Sources) != len(b.Sources) {
		return false
	}
	for i := range a.Sources {
		if a.Sources[i] != b.Sources[i] {
			return false
		}
	}
	return true
}

func intersects(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// sameInstant reports whether two times can be one moment reported by two
// sources: within the same-scan window, or a whole-hour zone mistake apart.
func sameInstant(a, b int64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	if d <= sameScanWindow {
		return true
	}
	h := (d + 30*minute) / hour
	if h < 1 || h > maxZoneHours {
		return false
	}
	res := d - h*hour
	if res < 0 {
		res = -res
	}
	return res <= zoneSlack
}

func joinWords(xs []string) string {
	s := ""
	for i, x := range xs {
		switch {
		case i == 0:
		case i == len(xs)-1:
			s += " and "
		default:
			s += ", "
		}
		s += x
	}
	return s
}
