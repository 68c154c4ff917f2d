package status

// match says how much a code table's answer can be trusted.
type match uint8

const (
	noMatch match = iota
	strong        // the code says what happened
	weak          // generic code ("carrier update", "*_OTHER"): known text refines it
)

func cls(st Status, sub string, stage Stage) Class { return Class{Status: st, Sub: sub, Stage: stage} }

// cainiaoAction is the one table of Cainiao actionCodes (trackers.md §2.4:
// the TOP API enum, the codes seen in real detail.json payloads and those
// reported by client authors). code is normalised (upper case, '_').
//
// Stage is the least progress the event proves: CC_IM_START can precede
// departure (pre-declaration), so it proves only international transit.
// GTMS_STA_SIGNED and STA_SIGN mean a pickup point / station signed for the
// parcel: available for pickup, never delivered.
func cainiaoAction(code string) (Class, match) {
	switch code {
	// Origin / dispatch: the carrier has the data.
	case "CONSIGN", "OM_CONSIGN", "GTMS_ASN", "LTL_CONSIGN":
		return cls(InfoReceived, SubInfoReceivedLabelCreated, StageShipped), strong
	// Cainiao warehouse (fulfilment): not yet shipped.
	case "GWMS_ACCEPT", "GWMS_PICK", "OWS_WHCACCEPT", "CWS_WHCACCEPT":
		return cls(InfoReceived, SubInfoReceivedWarehouse, StageOrdered), strong
	case "WMS_CONFIRMED": // "Carrier update"; desc tells more ("包裹已出库")
		return cls(InfoReceived, SubInfoReceivedWarehouse, StageOrdered), weak
	case "GWMS_PACKAGE", "GWMS_HANDOVER", "PRE_READY_TO_SHIP":
		return cls(InfoReceived, SubInfoReceivedPacked, StageOrdered), strong
	case "GWMS_REJECT", "GWMS_CANCEL":
		return cls(Exception, SubExceptionCancelled, StageUnknown), strong
	case "GWMS_EXCEPTION":
		return cls(Exception, SubExceptionOther, StageUnknown), strong

	// First-mile pickup.
	case "PU_PICKUP_SUCCESS", "PU_PRE_PICKUP_SUCCESS", "PU_SIGN_IN_SUCCESS", "GOT", "OWS_CPACCEPT":
		return cls(InTransit, SubInTransitPickedUp, StageShipped), strong
	case "PU_PICKUP_FAILURE", "PU_SIGN_IN_FAILURE":
		return cls(Exception, SubExceptionOther, StageUnknown), strong

	// Origin warehouse and sorting.
	case "GWMS_OUTBOUND", "CW_INBOUND", "CW_OUTBOUND", "CW_COMMON_PROCESSING1",
		"SC_INBOUND_SUCCESS", "SC_OUTBOUND_SUCCESS", "SC_HO_OUT_SUCCESS", "SC_SIGN_IN_SUCCESS",
		"SC_INBOUND", "SC_SORTING", "SC_OUTBOUND", "SC_TRANS_INBOUND_SUCCESS", "SC_TRANS_OUTBOUND_SUCCESS",
		"TRANSFER_DEPART", "TRANSFER_ARRIVE", "LH_HO_IN_SUCCESS", "LH_BIGBAG_SHELVE",
		"OWS_WHCOUTBOUND", "CWS_OUTBOUND":
		return cls(InTransit, SubInTransitOriginFacility, StageShipped), strong
	case "SC_OUTBOUND_FAILURE": // "Processing delay at sorting center": a delay, not a fault
		return cls(InTransit, SubInTransitDelayed, StageShipped), strong
	case "SC_INBOUND_FAILURE", "SC_HO_OUT_FAILURE", "SC_SIGN_IN_FAILURE", "LH_HO_IN_FAILURE",
		"LH_HO_AIRLINE_FAILURE", "DEPART_FROM_ORIGINAL_COUNTRY_EXC":
		return cls(Exception, SubExceptionOther, StageShipped), strong

	// Export customs.
	case "CC_EX_START":
		return cls(InTransit, SubInTransitExportCustoms, StageShipped), strong
	case "CC_EX_SUCCESS":
		return cls(InTransit, SubInTransitExportCleared, StageShipped), strong
	case "CC_EX_FAILURE":
		return cls(Exception, SubExceptionCustoms, StageShipped), strong

	// Line-haul.
	case "LH_HO_AIRLINE":
		return cls(InTransit, SubInTransitHandedToAirline, StageShipped), strong
	case "LH_DEPART":
		return cls(InTransit, SubInTransitDepartedOrigin, StageInternational), strong
	case "TD_TRANS_ARRIVE", "TD_TRANS_DEPART", "TD_TRANS_DEPART_C", "TD_TRANS_ARRIVE_C", "TD_TRANSWH_OUTBOUND",
		"LH_TRANS_ARRIVE", "LH_TRANS_DEPART", "CC_TRANS_START", "CC_TRANS_SUCCESS":
		return cls(InTransit, SubInTransitTransitCountry, StageInternational), strong
	case "CC_TRANS_FAILURE":
		return cls(Exception, SubExceptionCustoms, StageInternational), strong
	case "LH_ARRIVE":
		return cls(InTransit, SubInTransitArrived, StageDestination), strong
	case "LH_HO_OUT_SUCCESS":
		return cls(InTransit, SubInTransitOther, StageInternational), strong
	case "LH_ARRIVE_FAILURE", "LH_HO_OUT_FAILURE":
		return cls(Exception, SubExceptionOther, StageInternational), strong
	case "LH_OTHER", "TRANSIT_PORT_REROUTE_CALLBACK":
		return cls(InTransit, SubInTransitOther, StageShipped), weak
	case "COMMON_INTRANSIT":
		return cls(InTransit, SubInTransitOther, StageUnknown), weak

	// Import customs.
	case "CC_IM_START", "CUS_DECLARE": // may precede departure
		return cls(InTransit, SubInTransitCustoms, StageInternational), strong
	case "CC_IM_PROCESS", "CC_HO_IN_SUCCESS", "CUSTOMS_ARRIVED_IN_AREA_CALLBACK":
		return cls(InTransit, SubInTransitCustoms, StageDestination), strong
	case "CC_IM_SUCCESS", "CC_HO_OUT_SUCCESS", "CUS_SUCCESS", "CIQ_SUCCESS":
		return cls(InTransit, SubInTransitCustomsCleared, StageDestination), strong
	case "CC_IM_FAILURE", "CC_IM_EXCEPTION", "CC_HO_IN_FAILURE", "CC_HO_OUT_FAILURE", "CUS_FAILURE",
		"CIQ_FAILURE", "ARRIVED_AT_DEST_COUNTRY_EXC":
		return cls(Exception, SubExceptionCustoms, StageDestination), strong
	case "CUS_TAX": // duties assessed: the buyer must pay
		return cls(Exception, SubExceptionPayment, StageDestination), strong

	// Destination: last-mile carrier.
	case "GTMS_ACCEPT", "SL_ACCEPT", "LH_POST_COLLECTION":
		return cls(InTransit, SubInTransitLastMile, StageDestination), strong
	case "LAST_MILE_ASN_NOTIFY": // data sent ahead; the parcel may still be in the air
		return cls(InTransit, SubInTransitLastMile, StageInternational), strong
	case "GTMS_SC_ARRIVE", "GTMS_SC_DEPART", "GTMS_DO_ARRIVE", "GTMS_STATION_IN", "GTMS_STATION_OUT",
		"GTMS_OE_DEPART", "OE_DEPART", "SC_ARRIVE", "SC_DEPART", "TD_TRANS_ARRIVE_DCP", "DEPARTURE", "ARRIVAL",
		"GSTAHUB_INBOUND":
		return cls(InTransit, SubInTransitLocalFacility, StageDestination), strong
	case "GTMS_RELABEL", "GTMS_STA_CUST_TO_DOOR", "GTMS_STA_CHANGE", "GTMS_STA_CN_TO_DOOR", "GTMS_STA_CN_CHANGE",
		"GTMS_STA_CNCP_TO_DOOR", "GTMS_STA_CNCP_CHANGE":
		return cls(InTransit, SubInTransitForwarded, StageDestination), strong
	case "GTMS_STA_WAIT_CUST_CHANGE_ADDRESS":
		return cls(Exception, SubExceptionAddress, StageDestination), strong
	case "GTMS_OTHER":
		return cls(InTransit, SubInTransitOther, StageDestination), weak
	case "GTMS_DO_DEPART", "GTMS_DELIVERING", "LM_DELIVERY_DEPART", "SENT_SCAN":
		return cls(OutForDelivery, SubOutForDeliveryOther, StageDestination), strong
	case "GTMS_RE_DELIVERING":
		return cls(OutForDelivery, SubOutForDeliveryRedelivery, StageDestination), strong

	// Pickup points and lockers: waiting for the buyer.
	case "GTMS_STA_SIGNED", "STA_SIGN", "GSTA_INBOUND", "GTMS_PUDO_INBOUND", "PUDO_INBOUND":
		return cls(AvailableForPickup, SubPickupPoint, StageDestination), strong
	case "GTMS_WAIT_SELF_PICK":
		return cls(AvailableForPickup, SubPickupOther, StageDestination), strong
	case "GSTA_INFORM_BUYER":
		return cls(AvailableForPickup, SubPickupNoticeSent, StageDestination), strong
	case "POSTMAN_POST":
		return cls(AvailableForPickup, SubPickupLocker, StageDestination), strong
	case "GSTA_OTHER":
		return cls(AvailableForPickup, SubPickupOther, StageDestination), weak
	case "GTMS_PUDO_OVERDUE", "PUDO_OVERDUE":
		return cls(Exception, SubExceptionUnclaimed, StageDestination), strong

	// Delivered: the recipient has it.
	case "GTMS_SIGNED", "LM_SIGN_SUCCESS", "SIGNED":
		return cls(Delivered, SubDeliveredOther, StageDelivered), strong
	case "GSTA_SIGN", "GSTA_BUYER_SIGN", "GTMS_PUDO_SIGNED", "PUDO_SIGN_SUCCESS":
		return cls(Delivered, SubDeliveredPickup, StageDelivered), strong

	// Failures at the destination.
	case "GTMS_DEL_FAILURE", "GTMS_SIGN_FAILURE", "FAILED":
		return cls(DeliveryFailed, SubFailedOther, StageDestination), strong
	case "GTMS_STA_SIGN_FAILURE", "STA_SIGN_FAIL", "GSTA_SIGN_FAIL", "GSTA_INBOUND_FAIL", "GSTAHUB_INBOUND_FAIL",
		"GSTA_BUYER_SIGN_FAIL", "GTMS_FAILURE", "GTMS_SC_ARRIVE_FAILURE":
		return cls(Exception, SubExceptionOther, StageDestination), strong
	case "REJECT":
		return cls(Exception, SubExceptionRefused, StageUnknown), strong
	case "EXCEPTION":
		return cls(Exception, SubExceptionOther, StageUnknown), weak

	// Returns.
	case "RT_INBOUND", "RT_OUTBOUND", "RT_HO_OUT", "RT_WH_HO_IN", "RT_WH_HO_IN_FAIL", "RT_WH_INBOUND",
		"RT_WH_INBOUND_FAILURE", "RT_WH_OUTBOUND", "RT_WH_HO_OUT", "RT_TRANSWH_HO_IN", "RT_TRANSWH_INBOUND",
		"RT_TRANSWH_OUTBOUND", "RT_TMS_ACCEPT":
		return cls(Returning, SubReturningOther, StageUnknown), strong
	case "RETURNED":
		return cls(Returned, SubReturnedOther, StageUnknown), strong
	case "RT_DESTROY", "RT_WH_DESTROY":
		return cls(Exception, SubExceptionDestroyed, StageUnknown), strong
	}
	return Class{}, noMatch
}

// cainiaoModule is the fallback table for a Cainiao module's `status`
// token (current, other clients' and the legacy detail.htm vocabulary) and
// for `group.nodeCode`. It is consulted only when the actionCode table has
// no answer; note DELIVERING means "in the delivery network", not out for
// delivery (trackers.md §2.3, §4.5).
func cainiaoModule(code string) (Class, match) {
	switch code {
	case "SELLER_PREPARING", "WAIT_SELLER_SEND_GOODS", "AE_GROUP_WH_PROCESSING":
		return cls(Pending, SubPendingAwaitingShipment, StageOrdered), strong
	case "SELLER_SEND_GOODS":
		return cls(InfoReceived, SubInfoReceivedLabelCreated, StageShipped), strong
	case "PICKEDUP", "AE_GROUP_PU_PROCESSING":
		return cls(InTransit, SubInTransitPickedUp, StageShipped), strong
	case "AE_GROUP_SC_PROCESSING":
		return cls(InTransit, SubInTransitOriginFacility, StageShipped), weak
	case "TRANSPORT", "DELIVERING", "WAIT_BUYER_ACCEPT_GOODS", "SHIPPING", "LTL_SHIPPING", "AE_GROUP_LH_PROCESSING":
		return cls(InTransit, SubInTransitOther, StageShipped), weak
	case "CLEAR_CUSTOMS", "AE_GROUP_EX_CLEARING_CUSTOMS": // direction unknown (nodeCode is inconsistent)
		return cls(InTransit, SubInTransitCustoms, StageShipped), weak
	case "AE_GROUP_IM_CLEARING_CUSTOMS":
		return cls(InTransit, SubInTransitCustoms, StageInternational), weak
	case "DEPART_FROM_ORIGINAL_COUNTRY", "CWS_DEPART_FROM_ORIGINAL_COUNTRY":
		return cls(InTransit, SubInTransitDepartedOrigin, StageInternational), strong
	case "ARRIVED_AT_DEST_COUNTRY", "CWS_ARRIVED_AT_DEST_COUNTRY", "AE_GROUP_LH_ARRIVE":
		return cls(InTransit, SubInTransitArrived, StageDestination), strong
	case "AE_GROUP_DES_PROCESSING":
		return cls(InTransit, SubInTransitLocalFacility, StageDestination), weak
	case "AE_GROUP_DELIVERING", "OWS_DELIVERING", "LTL_DELIVERING":
		return cls(OutForDelivery, SubOutForDeliveryOther, StageDestination), strong
	case "PICKUP", "WAIT4PICKUP", "WAIT4SIGNIN", "OWS_WAIT4SIGNIN", "LTL_WAIT4SIGNIN", "CWS_WAIT4SIGNIN":
		return cls(AvailableForPickup, SubPickupOther, StageDestination), strong
	case "SIGNIN_EXC", "OWS_DELIVER_FAIL", "LTL_DELIVER_FAIL", "CWS_SIGNIN_EXC":
		return cls(DeliveryFailed, SubFailedOther, StageDestination), strong
	case "DELIVERED", "SIGN", "SIGNIN", "OWS_SIGNIN", "LTL_SIGNIN", "CWS_SIGNIN", "AE_GROUP_DELIVERED":
		return cls(Delivered, SubDeliveredOther, StageDelivered), strong
	case "RETURN", "RETURNED_STAGE_START", "RETURNED_STAGE_MIDDLE":
		return cls(Returning, SubReturningOther, StageUnknown), strong
	case "RETURNED_STAGE_END":
		return cls(Returned, SubReturnedOther, StageUnknown), strong
	case "RDESTORYED_STAGE_START", "RDESTORYED_STAGE_MIDDLE", "RDESTORYED_STAGE_END": // (sic)
		return cls(Exception, SubExceptionDestroyed, StageUnknown), strong
	case "SHIPPING_OVER_TIME":
		return cls(Expired, SubExpiredOther, StageUnknown), strong
	case "ORDER_NOT_EXISTS", "NOT_LAZADA_ORDER":
		return cls(NotFound, SubNotFoundOther, StageUnknown), strong
	}
	if hasSuffix(code, "_EXC") { // legacy CWS_*_EXC and friends
		return cls(Exception, SubExceptionOther, StageUnknown), strong
	}
	return Class{}, noMatch
}

func hasSuffix(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}

func hasPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && s[:len(prefix)] == prefix
}
