package timeline

import "github.com/waybill/waybill/internal/status"

// lastMileSkew is how much newer a non-terminal event from another source
// must be to move a parcel off a state it already reached: less than this
// is clock skew between Cainiao and the last-mile carrier (trackers.md §5.2).
const lastMileSkew = 6 * hour

// progressRank orders statuses along a normal delivery, for sorting events
// that share an instant and for telling forward from backward inside a
// stage. Statuses off the delivery path rank 0.
func progressRank(s status.Status) int {
	switch s {
	case status.Pending:
		return 1
	case status.InfoReceived:
		return 2
	case status.InTransit:
		return 3
	case status.OutForDelivery:
		return 4
	case status.DeliveryFailed:
		return 5
	case status.AvailableForPickup:
		return 6
	case status.Delivered:
		return 7
	case status.Returning:
		return 8
	case status.Returned:
		return 9
	}
	return 0
}

// classifiable reports whether an event's status can drive the parcel's
// status. Unknown wording keeps the previous status; "expired" and "not
// found" are verdicts about a source, not about the parcel.
func classifiable(s status.Status) bool {
	switch s {
	case "", status.Unknown, status.Expired, status.NotFound:
		return false
	}
	return true
}

// summarize walks the merged events oldest first and keeps the parcel's
// status: terminal states take precedence, progress is monotonic, and a
// source lagging behind cannot move the parcel backwards.
func (m *merger) summarize(r *Result) {
	var cur *MergedEvent
	maxStage := status.StageUnknown
	accept := func(e *MergedEvent) {
		cur = e
		if e.Status != status.Exception && e.Status != status.Cancelled && e.Stage > maxStage {
			maxStage = e.Stage
		}
	}
	for i := range m.events {
		e := &m.events[i]
		if !classifiable(e.Status) {
			continue
		}
		if cur == nil {
			accept(e)
			continue
		}
		newer := e.Time-cur.Time > lastMileSkew
		switch {
		case cur.Status == status.Returned:
			// The end of the return branch; nothing later moves it.
		case cur.Status == status.Delivered:
			switch e.Status {
			case status.Delivered:
				accept(e)
			case status.Returning, status.Returned:
				// A real return after delivery: follow it (and conflicts()
				// reports it); within the skew window it is noise.
				if newer {
					accept(e)
				}
			}
		case e.Status == status.Returning || e.Status == status.Returned:
			accept(e)
		case cur.Status == status.Returning:
			// On the way back; forward scans are the return trip.
		case e.Status == status.Exception || e.Status == status.Cancelled:
			accept(e)
		case e.Stage > maxStage:
			accept(e)
		case e.Stage == maxStage:
			if progressRank(e.Status) >= progressRank(cur.Status) || sameSource(e, cur) || newer {
				accept(e)
			}
		}
	}
	if cur != nil {
		r.Status, r.Sub, r.Stage = cur.Status, cur.Sub, maxStage
		if r.Status == status.Delivered {
			r.Stage = status.StageDelivered
		}
	} else {
		r.Status = m.fallbackStatus()
		r.Stage = stageOf(r.Status)
		if o := m.order; o != nil && r.Status == o.Status {
			r.Sub = o.Sub
		}
	}
	if o := m.order; o != nil {
		if o.Status == status.Cancelled && progressRank(r.Status) <= progressRank(status.InfoReceived) {
			r.Status, r.Sub = status.Cancelled, ""
		}
		if r.Stage < status.StageShipped && o.ShippedAt != 0 {
			r.Stage = status.StageShipped
		}
		if r.Stage < status.StageOrdered && (o.PlacedAt != 0 || o.ID != "") {
			r.Stage = status.StageOrdered
		}
	}
}

// fallbackStatus is the status when no event says anything: the sources'
// own overall statuses, then the order, then "not found" if some tracker
// answered with no events, else "unknown".
func (m *merger) fallbackStatus() status.Status {
	best := status.Status("")
	for _, s := range m.sources {
		if classifiable(s.Status) && (best == "" || progressRank(s.Status) > progressRank(best)) {
			best = s.Status
		}
	}
	if best != "" {
		return best
	}
	if o := m.order; o != nil {
		if classifiable(o.Status) {
			return o.Status
		}
		if o.ShippedAt != 0 {
			return status.InfoReceived
		}
		if o.PlacedAt != 0 {
			return status.Pending
		}
	}
	answered, notFound := false, false
	for _, s := range m.sources {
		if len(s.Events) > 0 {
			// Events exist, but none of them says anything we know: that is
			// "we cannot tell", not "no tracker knows this number".
			return status.Unknown
		}
		// A "text" source is the buyer's own input, not a tracker's answer.
		if s.ErrCode == "" && s.ErrMsg == "" && s.Source != "text" {
			answered = true
		}
		if s.Status == status.NotFound {
			notFound = true
		}
	}
	if answered || notFound {
		return status.NotFound
	}
	return status.Unknown
}

// sameSource reports whether two merged events share a source: a source's
// own sequence is authoritative even when it goes back within a stage (a
// failed attempt, then out for delivery again).
func sameSource(a, b *MergedEvent) bool {
	for _, x := range a.Sources {
		for _, y := range b.Sources {
			if x == y {
				return true
			}
		}
	}
	return false
}
