package status

// cainiaoAction is the one table of Cainiao actionCodes (trackers.md §2.4:
// the TOP API enum, the codes seen in real detail.json payloads and those
// reported by client authors). code is normalised (upper case, '_').
//
// Stage is the least progress the event proves: CC_IM_START can precede
// departure (pre-declaration), so it proves only international transit.
// GTMS_STA_SIGNED and STA_SIGN mean a pickup point / station signed for the
// parcel: available for pickup, never delivered.
func cainiaoAction(code string) (Class, match) { return lookup(cainiaoActions, code) }

var cainiaoActions = []codeEntry{
	{"ARRIVAL", kInTransitLocalFacilityDest},
	{"ARRIVED_AT_DEST_COUNTRY_EXC", kExceptionCustomsDest},
	{"CC_EX_FAILURE", kExceptionCustomsShipped},
	{"CC_EX_START", kInTransitExportCustomsShipped},
	{"CC_EX_SUCCESS", kInTransitExportClearedShipped},
	{"CC_HO_IN_FAILURE", kExceptionCustomsDest},
	{"CC_HO_IN_SUCCESS", kInTransitCustomsDest},
	{"CC_HO_OUT_FAILURE", kExceptionCustomsDest},
	{"CC_HO_OUT_SUCCESS", kInTransitCustomsClearedDest},
	{"CC_IM_EXCEPTION", kExceptionCustomsDest},
	{"CC_IM_FAILURE", kExceptionCustomsDest},
	{"CC_IM_PROCESS", kInTransitCustomsDest},
	{"CC_IM_START", kInTransitCustomsIntl}, // may precede departure (pre-declaration)
	{"CC_IM_SUCCESS", kInTransitCustomsClearedDest},
	{"CC_TRANS_FAILURE", kExceptionCustomsIntl},
	{"CC_TRANS_START", kInTransitTransitCountryIntl},
	{"CC_TRANS_SUCCESS", kInTransitTransitCountryIntl},
	{"CIQ_FAILURE", kExceptionCustomsDest},
	{"CIQ_SUCCESS", kInTransitCustomsClearedDest},
	{"COMMON_INTRANSIT", kInTransitOtherWeak},
	{"CONSIGN", kInfoReceivedLabelCreatedShipped},
	{"CUSTOMS_ARRIVED_IN_AREA_CALLBACK", kInTransitCustomsDest},
	{"CUS_DECLARE", kInTransitCustomsIntl}, // may precede departure
	{"CUS_FAILURE", kExceptionCustomsDest},
	{"CUS_SUCCESS", kInTransitCustomsClearedDest},
	{"CUS_TAX", kExceptionPaymentDest}, // duties assessed: the buyer must pay
	{"CWS_OUTBOUND", kInTransitOriginFacilityShipped},
	{"CWS_WHCACCEPT", kInfoReceivedWarehouseOrdered},
	{"CW_COMMON_PROCESSING1", kInTransitOriginFacilityShipped},
	{"CW_INBOUND", kInTransitOriginFacilityShipped},
	{"CW_OUTBOUND", kInTransitOriginFacilityShipped},
	{"DEPARTURE", kInTransitLocalFacilityDest},
	{"DEPART_FROM_ORIGINAL_COUNTRY_EXC", kExceptionOtherShipped},
	{"EXCEPTION", kExceptionOtherWeak},
	{"FAILED", kFailedOtherDest},
	{"GOT", kInTransitPickedUpShipped},
	{"GSTAHUB_INBOUND", kInTransitLocalFacilityDest},
	{"GSTAHUB_INBOUND_FAIL", kExceptionOtherDest},
	{"GSTA_BUYER_SIGN", kDeliveredPickupDelivered},
	{"GSTA_BUYER_SIGN_FAIL", kExceptionOtherDest},
	{"GSTA_INBOUND", kPickupPointDest},
	{"GSTA_INBOUND_FAIL", kExceptionOtherDest},
	{"GSTA_INFORM_BUYER", kPickupNoticeSentDest},
	{"GSTA_OTHER", kPickupOtherDestWeak},
	{"GSTA_SIGN", kDeliveredPickupDelivered},
	{"GSTA_SIGN_FAIL", kExceptionOtherDest},
	{"GTMS_ACCEPT", kInTransitLastMileDest},
	{"GTMS_ASN", kInfoReceivedLabelCreatedShipped},
	{"GTMS_DELIVERING", kOutForDeliveryOtherDest},
	{"GTMS_DEL_FAILURE", kFailedOtherDest},
	{"GTMS_DO_ARRIVE", kInTransitLocalFacilityDest},
	{"GTMS_DO_DEPART", kOutForDeliveryOtherDest},
	{"GTMS_FAILURE", kExceptionOtherDest},
	{"GTMS_OE_DEPART", kInTransitLocalFacilityDest},
	{"GTMS_OTHER", kInTransitOtherDestWeak},
	{"GTMS_PUDO_INBOUND", kPickupPointDest},
	{"GTMS_PUDO_OVERDUE", kExceptionUnclaimedDest},
	{"GTMS_PUDO_SIGNED", kDeliveredPickupDelivered},
	{"GTMS_RELABEL", kInTransitForwardedDest},
	{"GTMS_RE_DELIVERING", kOutForDeliveryRedeliveryDest},
	{"GTMS_SC_ARRIVE", kInTransitLocalFacilityDest},
	{"GTMS_SC_ARRIVE_FAILURE", kExceptionOtherDest},
	{"GTMS_SC_DEPART", kInTransitLocalFacilityDest},
	{"GTMS_SIGNED", kDeliveredOtherDelivered},
	{"GTMS_SIGN_FAILURE", kFailedOtherDest},
	{"GTMS_STATION_IN", kInTransitLocalFacilityDest},
	{"GTMS_STATION_OUT", kInTransitLocalFacilityDest},
	{"GTMS_STA_CHANGE", kInTransitForwardedDest},
	{"GTMS_STA_CNCP_CHANGE", kInTransitForwardedDest},
	{"GTMS_STA_CNCP_TO_DOOR", kInTransitForwardedDest},
	{"GTMS_STA_CN_CHANGE", kInTransitForwardedDest},
	{"GTMS_STA_CN_TO_DOOR", kInTransitForwardedDest},
	{"GTMS_STA_CUST_TO_DOOR", kInTransitForwardedDest},
	{"GTMS_STA_SIGNED", kPickupPointDest}, // a pickup point signed: not delivered
	{"GTMS_STA_SIGN_FAILURE", kExceptionOtherDest},
	{"GTMS_STA_WAIT_CUST_CHANGE_ADDRESS", kExceptionAddressDest},
	{"GTMS_WAIT_SELF_PICK", kPickupOtherDest},
	{"GWMS_ACCEPT", kInfoReceivedWarehouseOrdered},
	{"GWMS_CANCEL", kExceptionCancelled},
	{"GWMS_EXCEPTION", kExceptionOther},
	{"GWMS_HANDOVER", kInfoReceivedPackedOrdered},
	{"GWMS_OUTBOUND", kInTransitOriginFacilityShipped},
	{"GWMS_PACKAGE", kInfoReceivedPackedOrdered},
	{"GWMS_PICK", kInfoReceivedWarehouseOrdered},
	{"GWMS_REJECT", kExceptionCancelled},
	{"LAST_MILE_ASN_NOTIFY", kInTransitLastMileIntl}, // data sent ahead; the parcel may still be in the air
	{"LH_ARRIVE", kInTransitArrivedDest},
	{"LH_ARRIVE_FAILURE", kExceptionOtherIntl},
	{"LH_BIGBAG_SHELVE", kInTransitOriginFacilityShipped},
	{"LH_DEPART", kInTransitDepartedOriginIntl},
	{"LH_HO_AIRLINE", kInTransitHandedToAirlineShipped},
	{"LH_HO_AIRLINE_FAILURE", kExceptionOtherShipped},
	{"LH_HO_IN_FAILURE", kExceptionOtherShipped},
	{"LH_HO_IN_SUCCESS", kInTransitOriginFacilityShipped},
	{"LH_HO_OUT_FAILURE", kExceptionOtherIntl},
	{"LH_HO_OUT_SUCCESS", kInTransitOtherIntl},
	{"LH_OTHER", kInTransitOtherShippedWeak},
	{"LH_POST_COLLECTION", kInTransitLastMileDest}, // "Accepted for transportation by postal service"
	{"LH_TRANS_ARRIVE", kInTransitTransitCountryIntl},
	{"LH_TRANS_DEPART", kInTransitTransitCountryIntl},
	{"LM_DELIVERY_DEPART", kOutForDeliveryOtherDest},
	{"LM_SIGN_SUCCESS", kDeliveredOtherDelivered},
	{"LTL_CONSIGN", kInfoReceivedLabelCreatedShipped},
	{"OE_DEPART", kInTransitLocalFacilityDest},
	{"OM_CONSIGN", kInfoReceivedLabelCreatedShipped},
	{"OWS_CPACCEPT", kInTransitPickedUpShipped},
	{"OWS_WHCACCEPT", kInfoReceivedWarehouseOrdered},
	{"OWS_WHCOUTBOUND", kInTransitOriginFacilityShipped},
	{"POSTMAN_POST", kPickupLockerDest},
	{"PRE_READY_TO_SHIP", kInfoReceivedPackedOrdered},
	{"PUDO_INBOUND", kPickupPointDest},
	{"PUDO_OVERDUE", kExceptionUnclaimedDest},
	{"PUDO_SIGN_SUCCESS", kDeliveredPickupDelivered},
	{"PU_PICKUP_FAILURE", kExceptionOther},
	{"PU_PICKUP_SUCCESS", kInTransitPickedUpShipped},
	{"PU_PRE_PICKUP_SUCCESS", kInTransitPickedUpShipped},
	{"PU_SIGN_IN_FAILURE", kExceptionOther},
	{"PU_SIGN_IN_SUCCESS", kInTransitPickedUpShipped},
	{"REJECT", kExceptionRefused},
	{"RETURNED", kReturnedOther},
	{"RT_DESTROY", kExceptionDestroyed},
	{"RT_HO_OUT", kReturningOther},
	{"RT_INBOUND", kReturningOther},
	{"RT_OUTBOUND", kReturningOther},
	{"RT_TMS_ACCEPT", kReturningOther},
	{"RT_TRANSWH_HO_IN", kReturningOther},
	{"RT_TRANSWH_INBOUND", kReturningOther},
	{"RT_TRANSWH_OUTBOUND", kReturningOther},
	{"RT_WH_DESTROY", kExceptionDestroyed},
	{"RT_WH_HO_IN", kReturningOther},
	{"RT_WH_HO_IN_FAIL", kReturningOther},
	{"RT_WH_HO_OUT", kReturningOther},
	{"RT_WH_INBOUND", kReturningOther},
	{"RT_WH_INBOUND_FAILURE", kReturningOther},
	{"RT_WH_OUTBOUND", kReturningOther},
	{"SC_ARRIVE", kInTransitLocalFacilityDest},
	{"SC_DEPART", kInTransitLocalFacilityDest},
	{"SC_HO_OUT_FAILURE", kExceptionOtherShipped},
	{"SC_HO_OUT_SUCCESS", kInTransitOriginFacilityShipped},
	{"SC_INBOUND", kInTransitOriginFacilityShipped},
	{"SC_INBOUND_FAILURE", kExceptionOtherShipped},
	{"SC_INBOUND_SUCCESS", kInTransitOriginFacilityShipped},
	{"SC_OUTBOUND", kInTransitOriginFacilityShipped},
	{"SC_OUTBOUND_FAILURE", kInTransitDelayedShipped}, // "Processing delay at sorting center": a delay, not a fault
	{"SC_OUTBOUND_SUCCESS", kInTransitOriginFacilityShipped},
	{"SC_SIGN_IN_FAILURE", kExceptionOtherShipped},
	{"SC_SIGN_IN_SUCCESS", kInTransitOriginFacilityShipped},
	{"SC_SORTING", kInTransitOriginFacilityShipped},
	{"SC_TRANS_INBOUND_SUCCESS", kInTransitOriginFacilityShipped},
	{"SC_TRANS_OUTBOUND_SUCCESS", kInTransitOriginFacilityShipped},
	{"SENT_SCAN", kOutForDeliveryOtherDest},
	{"SIGNED", kDeliveredOtherDelivered},
	{"SL_ACCEPT", kInTransitLastMileDest},
	{"STA_SIGN", kPickupPointDest}, // a station signed: not delivered
	{"STA_SIGN_FAIL", kExceptionOtherDest},
	{"TD_TRANSWH_OUTBOUND", kInTransitTransitCountryIntl},
	{"TD_TRANS_ARRIVE", kInTransitTransitCountryIntl},
	{"TD_TRANS_ARRIVE_C", kInTransitTransitCountryIntl},
	{"TD_TRANS_ARRIVE_DCP", kInTransitLocalFacilityDest},
	{"TD_TRANS_DEPART", kInTransitTransitCountryIntl},
	{"TD_TRANS_DEPART_C", kInTransitTransitCountryIntl},
	{"TRANSFER_ARRIVE", kInTransitOriginFacilityShipped},
	{"TRANSFER_DEPART", kInTransitOriginFacilityShipped},
	{"TRANSIT_PORT_REROUTE_CALLBACK", kInTransitOtherShippedWeak},
	{"WMS_CONFIRMED", kInfoReceivedWarehouseOrderedWeak}, // "Carrier update": the desc tells more ("包裹已出库")
}

// cainiaoModule is the fallback table for a Cainiao module's `status`
// token (current, other clients' and the legacy detail.htm vocabulary) and
// for `group.nodeCode`. It is consulted only when the actionCode table has
// no answer; note DELIVERING means "in the delivery network", not out for
// delivery (trackers.md §2.3, §4.5).
func cainiaoModule(code string) (Class, match) {
	if c, m := lookup(cainiaoModules, code); m != noMatch {
		return c, m
	}
	if hasSuffix(code, "_EXC") { // legacy CWS_*_EXC and friends
		return kinds[kExceptionOther].c, strong
	}
	return Class{}, noMatch
}

var cainiaoModules = []codeEntry{
	{"AE_GROUP_DELIVERED", kDeliveredOtherDelivered},
	{"AE_GROUP_DELIVERING", kOutForDeliveryOtherDest},
	{"AE_GROUP_DES_PROCESSING", kInTransitLocalFacilityDestWeak},
	{"AE_GROUP_EX_CLEARING_CUSTOMS", kInTransitCustomsShippedWeak},
	{"AE_GROUP_IM_CLEARING_CUSTOMS", kInTransitCustomsIntlWeak},
	{"AE_GROUP_LH_ARRIVE", kInTransitArrivedDest},
	{"AE_GROUP_LH_PROCESSING", kInTransitOtherShippedWeak},
	{"AE_GROUP_PU_PROCESSING", kInTransitPickedUpShipped},
	{"AE_GROUP_SC_PROCESSING", kInTransitOriginFacilityShippedWeak},
	{"AE_GROUP_WH_PROCESSING", kPendingAwaitingShipmentOrdered},
	{"ARRIVED_AT_DEST_COUNTRY", kInTransitArrivedDest},
	{"CLEAR_CUSTOMS", kInTransitCustomsShippedWeak},
	{"CWS_ARRIVED_AT_DEST_COUNTRY", kInTransitArrivedDest},
	{"CWS_DEPART_FROM_ORIGINAL_COUNTRY", kInTransitDepartedOriginIntl},
	{"CWS_SIGNIN", kDeliveredOtherDelivered},
	{"CWS_SIGNIN_EXC", kFailedOtherDest},
	{"CWS_WAIT4SIGNIN", kPickupOtherDest},
	{"DELIVERED", kDeliveredOtherDelivered},
	{"DELIVERING", kInTransitOtherShippedWeak}, // in the delivery network, not out for delivery
	{"DEPART_FROM_ORIGINAL_COUNTRY", kInTransitDepartedOriginIntl},
	{"LTL_DELIVERING", kOutForDeliveryOtherDest},
	{"LTL_DELIVER_FAIL", kFailedOtherDest},
	{"LTL_SHIPPING", kInTransitOtherShippedWeak},
	{"LTL_SIGNIN", kDeliveredOtherDelivered},
	{"LTL_WAIT4SIGNIN", kPickupOtherDest},
	{"NOT_LAZADA_ORDER", kNotFoundOther},
	{"ORDER_NOT_EXISTS", kNotFoundOther},
	{"OWS_DELIVERING", kOutForDeliveryOtherDest},
	{"OWS_DELIVER_FAIL", kFailedOtherDest},
	{"OWS_SIGNIN", kDeliveredOtherDelivered},
	{"OWS_WAIT4SIGNIN", kPickupOtherDest},
	{"PICKEDUP", kInTransitPickedUpShipped},
	{"PICKUP", kPickupOtherDest},
	{"RDESTORYED_STAGE_END", kExceptionDestroyed}, // (sic)
	{"RDESTORYED_STAGE_MIDDLE", kExceptionDestroyed},
	{"RDESTORYED_STAGE_START", kExceptionDestroyed},
	{"RETURN", kReturningOther},
	{"RETURNED_STAGE_END", kReturnedOther},
	{"RETURNED_STAGE_MIDDLE", kReturningOther},
	{"RETURNED_STAGE_START", kReturningOther},
	{"SELLER_PREPARING", kPendingAwaitingShipmentOrdered},
	{"SELLER_SEND_GOODS", kInfoReceivedLabelCreatedShipped},
	{"SHIPPING", kInTransitOtherShippedWeak},
	{"SHIPPING_OVER_TIME", kExpiredOther},
	{"SIGN", kDeliveredOtherDelivered},
	{"SIGNIN", kDeliveredOtherDelivered},
	{"SIGNIN_EXC", kFailedOtherDest},
	{"TRANSPORT", kInTransitOtherShippedWeak},
	{"WAIT4PICKUP", kPickupOtherDest},
	{"WAIT4SIGNIN", kPickupOtherDest},
	{"WAIT_BUYER_ACCEPT_GOODS", kInTransitOtherShippedWeak},
	{"WAIT_SELLER_SEND_GOODS", kPendingAwaitingShipmentOrdered},
}

func hasSuffix(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}

func hasPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && s[:len(prefix)] == prefix
}
