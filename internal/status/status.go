// Package status is Waybill's one status model: the main statuses of
// contract 1 (DESIGN.md), sub-statuses that name the reason (sub.go), the
// progress stages, and one mapping table per source, each the single home
// of its facts:
//
//   - cainiao.go: Cainiao actionCodes, module status tokens, group nodeCodes;
//   - seventeen.go: 17TRACK v2 statuses, sub-statuses, key stages, v1 codes;
//   - aliexpress.go: AliExpress AE_* tracking codes, fulfillStage, order
//     statuses (Open-Platform enum, numeric orderStatus, tabs, .ru tags);
//   - phrases.go: free text (carrier events, AliExpress page statuses) in
//     the 19 languages AliExpress serves, as ordered phrase rules.
//
// Classify is the one entry point. Nothing is built at package init: the
// code tables are sorted literals and the phrase index is built on the
// first text classification.
package status

// Status is a parcel's main status. The spellings are contract 1's.
type Status string

const (
	Pending            Status = "pending"       // order exists, no carrier has it yet
	InfoReceived       Status = "info_received" // a carrier has the data, no scan yet
	InTransit          Status = "in_transit"
	OutForDelivery     Status = "out_for_delivery"
	AvailableForPickup Status = "available_for_pickup"
	DeliveryFailed     Status = "delivery_failed"
	Delivered          Status = "delivered"
	Exception          Status = "exception"
	Returning          Status = "returning"
	Returned           Status = "returned"
	Cancelled          Status = "cancelled" // the order axis's end
	Expired            Status = "expired"
	NotFound           Status = "not_found"
	Unknown            Status = "unknown"
)

// All lists every status in contract order.
var All = []Status{Pending, InfoReceived, InTransit, OutForDelivery, AvailableForPickup,
	DeliveryFailed, Delivered, Exception, Returning, Returned, Cancelled, Expired, NotFound, Unknown}

// Stage is the progress bar position: 1 ordered … 5 delivered (0 = unknown).
// An event's stage is the least progress it proves: a customs event of
// unknown direction proves "shipped", not "international".
type Stage int

const (
	StageUnknown       Stage = 0
	StageOrdered       Stage = 1
	StageShipped       Stage = 2
	StageInternational Stage = 3
	StageDestination   Stage = 4
	StageDelivered     Stage = 5
	StageCount               = 5
)

// String returns the stage's contract name.
func (s Stage) String() string {
	switch s {
	case StageOrdered:
		return "ordered"
	case StageShipped:
		return "shipped"
	case StageInternational:
		return "international"
	case StageDestination:
		return "destination"
	case StageDelivered:
		return "delivered"
	}
	return "unknown"
}
