package status

// aliexpress is the one table of AliExpress codes (aliexpress-pages.md
// §3.2, §6; trackers.md §4.6, §6.1). code is normalised (upper case, '_'):
//   - mtop.ae.ld.querydetail tracking codes AE_*: AE-only codes here, the
//     rest are Cainiao actionCodes behind an "AE_" prefix (the second code
//     sometimes repeats "_SUCCESS": AE_LH_DEPART_SUCCESS, AE_CC_EX_SUCCESS_SUCCESS);
//   - fulfillStage "1100"…"1700";
//   - order statuses: the Open-Platform enum (PLACE_ORDER_SUCCESS …),
//     the buyer UI's numeric orderStatus (8, 9), the order-list tab codes
//     and aliexpress.ru order-list tags.
func aliexpress(code string) (Class, match) {
	if c, m := aliexpressCode(code); m != noMatch {
		return c, m
	}
	if !hasPrefix(code, "AE_") {
		return Class{}, noMatch
	}
	action := code[3:]
	for {
		if c, m := cainiaoAction(action); m != noMatch {
			if hasPrefix(action, "GWMS_") && c.Status == InTransit {
				// AE_GWMS_* is the fulfilment warehouse: never "shipped".
				c = kinds[kInfoReceivedWarehouseOrdered].c
			}
			return c, m
		}
		if !hasSuffix(action, "_SUCCESS") {
			return Class{}, noMatch
		}
		action = action[:len(action)-len("_SUCCESS")]
	}
}

func aliexpressCode(code string) (Class, match) { return lookup(aliexpressCodes, code) }

var aliexpressCodes = []codeEntry{
	{"1100", kInTransitPickedUpShippedWeak},
	{"1200", kInTransitOriginFacilityShippedWeak},
	{"1300", kInTransitOtherShippedWeak},
	{"1400", kInTransitOtherShippedWeak},
	{"1600", kInTransitCustomsShippedWeak},
	{"1700", kUnknownDestWeak}, // last mile: where, not what
	{"8", kInTransitShippedShipped},
	{"9", kDeliveredOrderDelivered},
	{"AE_GTMS_ORDER_INFO_UPDATE", kInTransitOtherDest},
	{"AE_LAST_MILE_HO_SUCCESS", kInTransitLastMileDest},
	{"AE_ORDER_PAID", kPendingAwaitingShipmentOrdered},
	{"AE_ORDER_PLACED", kPendingOrderReceivedOrdered},
	{"AE_PICK_UP", kInTransitPickedUpShipped},
	{"AE_PICK_UP_SUCCESS", kInTransitPickedUpShipped},
	{"CANCELED", kCancelledOther},
	{"CANCELLED", kCancelledOther},
	{"COMPLETED", kDeliveredOrderDelivered},
	{"FINISH", kDeliveredOrderDeliveredWeak}, // completed, or closed: the page text tells which
	{"FUND_PROCESSING", kExceptionRefund},
	{"IN_CANCEL", kPendingCancelRequestedOrdered},
	{"IN_FROZEN", kExceptionFrozen},
	{"IN_ISSUE", kExceptionDispute},
	{"IN_PRESELL_PROMOTION", kPendingOtherOrdered},
	{"IN_TRANSIT", kInTransitOtherShipped},
	{"PICKUP", kPickupOtherDest},
	{"PLACE_ORDER_SUCCESS", kPendingAwaitingPaymentOrdered},
	{"PROCESSING", kPendingAwaitingShipmentOrdered},
	{"READY", kPickupOtherDest},
	{"READY_FOR_PICKUP", kPickupOtherDest},
	{"RISK_CONTROL", kPendingPaymentVerifyingOrdered},
	{"SELLER_PART_SEND_GOODS", kInTransitPartiallyShippedShipped},
	{"SHIPPED", kInTransitShippedShipped},
	{"TIME_FOR_PAYMENT", kPendingAwaitingPaymentOrdered},
	{"TRANSIT", kInTransitOtherShipped},
	{"UNPAID", kPendingAwaitingPaymentOrdered},
	{"WAIT_BUYER_ACCEPT_GOODS", kInTransitShippedShipped},
	{"WAIT_GROUP_SUCCESS", kPendingOtherOrdered},
	{"WAIT_SELLER_EXAMINE_MONEY", kPendingPaymentVerifyingOrdered},
	{"WAIT_SELLER_SEND_GOODS", kPendingAwaitingShipmentOrdered},
}

// AliExpressFulfillStage returns the progress stage an mtop detailList
// entry's fulfillStage proves ("1100" pick-up … "1700" last mile), or
// StageUnknown. Pre-shipment entries have no fulfillStage.
func AliExpressFulfillStage(fulfillStage string) Stage {
	switch fulfillStage {
	case "1100", "1200", "1300", "1400", "1600":
		return StageShipped
	case "1700":
		return StageDestination
	}
	return StageUnknown
}
