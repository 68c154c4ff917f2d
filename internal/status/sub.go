package status

// Sub-statuses are spelled <main>_<reason>; <main>_other is always valid.
// They refine a main status for display and advice and never change it.
const (
	SubNotFoundOther           = "not_found_other"
	SubNotFoundInvalidNumber   = "not_found_invalid_number"
	SubNotFoundAwaitingScan    = "not_found_awaiting_first_scan" // registered, nothing scanned yet
	SubPendingOther            = "pending_other"
	SubPendingOrderReceived    = "pending_order_received" // placed / created / received
	SubPendingAwaitingPayment  = "pending_awaiting_payment"
	SubPendingPaymentVerifying = "pending_payment_verifying"
	SubPendingClarification    = "pending_awaiting_clarification" // the seller asks the buyer something
	SubPendingAwaitingShipment = "pending_awaiting_shipment"      // paid; seller preparing / processing
	SubPendingPurchased        = "pending_purchased"
	SubPendingPacked           = "pending_packed"
	SubPendingConsolidated     = "pending_consolidated"
	SubPendingInvoiced         = "pending_invoiced"
	SubPendingCancelRequested  = "pending_cancel_requested"

	SubInfoReceivedOther        = "info_received_other"
	SubInfoReceivedLabelCreated = "info_received_label_created" // the carrier has the data (declared, dispatched notice)
	SubInfoReceivedWarehouse    = "info_received_warehouse"     // a logistics warehouse has the order
	SubInfoReceivedPacked       = "info_received_packed"        // packed in that warehouse, not yet handed over

	SubInTransitOther            = "in_transit_other"
	SubInTransitShipped          = "in_transit_shipped"           // order axis: the seller shipped
	SubInTransitPartiallyShipped = "in_transit_partially_shipped" // order axis: part of the order shipped
	SubInTransitPickedUp         = "in_transit_picked_up"
	SubInTransitOriginFacility   = "in_transit_origin_facility"
	SubInTransitDelayed          = "in_transit_delayed" // a processing delay, not a fault
	SubInTransitExportCustoms    = "in_transit_export_customs"
	SubInTransitExportCleared    = "in_transit_export_cleared"
	SubInTransitHandedToAirline  = "in_transit_handed_to_airline"
	SubInTransitDepartedOrigin   = "in_transit_departed_origin"
	SubInTransitTransitCountry   = "in_transit_transit_country"
	SubInTransitArrived          = "in_transit_arrived_destination"
	SubInTransitCustoms          = "in_transit_customs" // import, or direction unknown
	SubInTransitCustomsCleared   = "in_transit_customs_cleared"
	SubInTransitCustomsInfo      = "in_transit_customs_info_required"
	SubInTransitLastMile         = "in_transit_handed_to_last_mile"
	SubInTransitLocalFacility    = "in_transit_local_facility"
	SubInTransitForwarded        = "in_transit_forwarded" // re-routed, relabelled, address changed

	SubOutForDeliveryOther      = "out_for_delivery_other"
	SubOutForDeliveryRedelivery = "out_for_delivery_redelivery"
	SubOutForDeliveryContacted  = "out_for_delivery_customer_contacted"
	SubOutForDeliveryAppointed  = "out_for_delivery_appointment"

	SubPickupOther       = "available_for_pickup_other"
	SubPickupPoint       = "available_for_pickup_point" // a pickup point / parcel shop signed for it
	SubPickupLocker      = "available_for_pickup_locker"
	SubPickupPostOffice  = "available_for_pickup_post_office"
	SubPickupNoticeSent  = "available_for_pickup_notice_sent"
	SubFailedOther       = "delivery_failed_other"
	SubFailedNoOneHome   = "delivery_failed_no_one_home"
	SubFailedAddress     = "delivery_failed_address"
	SubFailedRefused     = "delivery_failed_refused"
	SubFailedSecurity    = "delivery_failed_fees_or_security"
	SubFailedClosed      = "delivery_failed_business_closed"
	SubDeliveredOther    = "delivered_other"
	SubDeliveredSigned   = "delivered_signed"
	SubDeliveredPickup   = "delivered_pickup_point" // collected by the buyer from a pickup point or locker
	SubDeliveredNeighbor = "delivered_neighbor"
	SubDeliveredSafe     = "delivered_safe_place" // mailbox, door, reception
	SubDeliveredCOD      = "delivered_cod"
	SubDeliveredOrder    = "delivered_order_completed" // order axis: completed, maybe by protection expiry

	SubExceptionOther          = "exception_other"
	SubExceptionDelayed        = "exception_delayed"
	SubExceptionCustoms        = "exception_customs" // held, failed or inspected by customs
	SubExceptionPayment        = "exception_payment_required"
	SubExceptionDocuments      = "exception_documents_required"
	SubExceptionAddress        = "exception_address"
	SubExceptionRecipient      = "exception_recipient_unknown"
	SubExceptionRefused        = "exception_refused"
	SubExceptionUnclaimed      = "exception_unclaimed"
	SubExceptionDamaged        = "exception_damaged"
	SubExceptionLost           = "exception_lost"
	SubExceptionDestroyed      = "exception_destroyed"
	SubExceptionCancelled      = "exception_cancelled" // the shipment (not the order) was cancelled
	SubExceptionDispute        = "exception_dispute"
	SubExceptionFrozen         = "exception_order_frozen"
	SubExceptionRefund         = "exception_refund_processing"
	SubExceptionUnfulfillable  = "exception_unfulfillable"
	SubReturningOther          = "returning_other"
	SubReturnedOther           = "returned_other"
	SubCancelledOther          = "cancelled_other"
	SubCancelledPaymentExpired = "cancelled_payment_expired"
	SubCancelledAbandoned      = "cancelled_abandoned"
	SubCancelledClosed         = "cancelled_closed"
	SubExpiredOther            = "expired_other"
)

// AllSubs lists every sub-status the tables produce, grouped by main status.
var AllSubs = []string{
	SubNotFoundOther, SubNotFoundInvalidNumber, SubNotFoundAwaitingScan,
	SubPendingOther, SubPendingOrderReceived, SubPendingAwaitingPayment, SubPendingPaymentVerifying,
	SubPendingClarification, SubPendingAwaitingShipment, SubPendingPurchased, SubPendingPacked,
	SubPendingConsolidated, SubPendingInvoiced, SubPendingCancelRequested,
	SubInfoReceivedOther, SubInfoReceivedLabelCreated, SubInfoReceivedWarehouse, SubInfoReceivedPacked,
	SubInTransitOther, SubInTransitShipped, SubInTransitPartiallyShipped, SubInTransitPickedUp,
	SubInTransitOriginFacility, SubInTransitDelayed, SubInTransitExportCustoms, SubInTransitExportCleared,
	SubInTransitHandedToAirline, SubInTransitDepartedOrigin, SubInTransitTransitCountry, SubInTransitArrived,
	SubInTransitCustoms, SubInTransitCustomsCleared, SubInTransitCustomsInfo, SubInTransitLastMile,
	SubInTransitLocalFacility, SubInTransitForwarded,
	SubOutForDeliveryOther, SubOutForDeliveryRedelivery, SubOutForDeliveryContacted, SubOutForDeliveryAppointed,
	SubPickupOther, SubPickupPoint, SubPickupLocker, SubPickupPostOffice, SubPickupNoticeSent,
	SubFailedOther, SubFailedNoOneHome, SubFailedAddress, SubFailedRefused, SubFailedSecurity, SubFailedClosed,
	SubDeliveredOther, SubDeliveredSigned, SubDeliveredPickup, SubDeliveredNeighbor, SubDeliveredSafe,
	SubDeliveredCOD, SubDeliveredOrder,
	SubExceptionOther, SubExceptionDelayed, SubExceptionCustoms, SubExceptionPayment, SubExceptionDocuments,
	SubExceptionAddress, SubExceptionRecipient, SubExceptionRefused, SubExceptionUnclaimed, SubExceptionDamaged,
	SubExceptionLost, SubExceptionDestroyed, SubExceptionCancelled, SubExceptionDispute, SubExceptionFrozen,
	SubExceptionRefund, SubExceptionUnfulfillable,
	SubReturningOther, SubReturnedOther,
	SubCancelledOther, SubCancelledPaymentExpired, SubCancelledAbandoned, SubCancelledClosed,
	SubExpiredOther,
}

// MainOf returns the main status a sub-status refines (the longest status
// name that prefixes it, followed by '_'), or Unknown.
func MainOf(sub string) Status {
	best := Unknown
	bestLen := 0
	for _, s := range All {
		n := len(s)
		if len(sub) > n && sub[n] == '_' && sub[:n] == string(s) && n > bestLen {
			best, bestLen = s, n
		}
	}
	return best
}

// IsTerminal reports whether s ends a parcel's story: delivered, returned
// or cancelled. (Lost and destroyed are exceptions; see Class.Final.)
func IsTerminal(s Status) bool {
	return s == Delivered || s == Returned || s == Cancelled
}

// Final reports whether c can never be followed by progress: a terminal
// status, or an exception that says the parcel is gone.
func (c Class) Final() bool {
	if IsTerminal(c.Status) {
		return true
	}
	return c.Sub == SubExceptionLost || c.Sub == SubExceptionDestroyed || c.Sub == SubExceptionCancelled
}

// Rank orders statuses along the forward path of a parcel, for "never move
// backwards" decisions: 0 for unknown, not_found and the side branches
// (exception, expired, returning, returned, cancelled), then pending 1 …
// delivered 6. A failed attempt ranks with out_for_delivery: the parcel was
// at the door.
func Rank(s Status) int {
	switch s {
	case Pending:
		return 1
	case InfoReceived:
		return 2
	case InTransit:
		return 3
	case OutForDelivery, DeliveryFailed:
		return 4
	case AvailableForPickup:
		return 5
	case Delivered:
		return 6
	}
	return 0
}
