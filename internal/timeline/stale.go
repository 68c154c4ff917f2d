package timeline

import "github.com/waybill/waybill/internal/status"

// staleRules says how many days without a new event make a parcel stale,
// by status and stage. The first matching row wins; "" and StageUnknown
// match anything; 0 days means "never stale" (the story has ended).
// Waiting is normal between export and import (flights, consolidation,
// customs queues); it is not normal once a last-mile carrier has the parcel.
var staleRules = [...]struct {
	status status.Status
	stage  status.Stage
	days   int
}{
	{status.Delivered, status.StageUnknown, 0},
	{status.Returned, status.StageUnknown, 0},
	{status.Cancelled, status.StageUnknown, 0},
	{status.OutForDelivery, status.StageUnknown, 3},     // a van round takes a day
	{status.DeliveryFailed, status.StageUnknown, 5},     // carriers retry within days
	{status.AvailableForPickup, status.StageUnknown, 7}, // pickup points hold ~7–15 days
	{status.Pending, status.StageUnknown, 10},           // seller's processing time
	{status.InfoReceived, status.StageUnknown, 7},       // label made, never scanned
	{"", status.StageShipped, 7},                        // handed over, not yet exported
	{"", status.StageInternational, 20},                 // export → import: long gaps are normal
	{"", status.StageDestination, 7},                    // a week without a last-mile scan
	{status.Returning, status.StageUnknown, 30},         // returns are slow
	{"", status.StageUnknown, 30},                       // anything else
}

// staleAfter returns the threshold in days for a status at a stage.
func staleAfter(s status.Status, st status.Stage) int {
	for _, r := range staleRules {
		if (r.status == "" || r.status == s) && (r.stage == status.StageUnknown || r.stage == st) {
			return r.days
		}
	}
	return 0
}

// freshness fills LastEventAt, DaysSinceUpdate, Stale and StaleAfterDays.
func (m *merger) freshness(r *Result) {
	if len(m.events) == 0 {
		return
	}
	r.LastEventAt = m.events[len(m.events)-1].Time
	r.DaysSinceUpdate = wholeDays(m.now - r.LastEventAt)
	r.StaleAfterDays = staleAfter(r.Status, r.Stage)
	r.Stale = r.StaleAfterDays > 0 && r.DaysSinceUpdate >= r.StaleAfterDays
}

// wholeDays rounds a duration (ms) down to whole days, never below zero (an
// event "in the future" is a clock problem, not negative staleness).
func wholeDays(d int64) int {
	if d <= 0 {
		return 0
	}
	return int(d / day)
}
