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
				c = cls(InfoReceived, SubInfoReceivedWarehouse, StageOrdered)
			}
			return c, m
		}
		if !hasSuffix(action, "_SUCCESS") {
			return Class{}, noMatch
		}
		action = action[:len(action)-len("_SUCCESS")]
	}
}

func aliexpressCode(code string) (Class, match) {
	switch code {
	// Tracking codes that exist only on AliExpress.
	case "AE_ORDER_PLACED":
		return cls(Pending, SubPendingOrderReceived, StageOrdered), strong
	case "AE_ORDER_PAID":
		return cls(Pending, SubPendingAwaitingShipment, StageOrdered), strong
	case "AE_PICK_UP_SUCCESS", "AE_PICK_UP":
		return cls(InTransit, SubInTransitPickedUp, StageShipped), strong
	case "AE_GTMS_ORDER_INFO_UPDATE":
		return cls(InTransit, SubInTransitOther, StageDestination), strong
	case "AE_LAST_MILE_HO_SUCCESS":
		return cls(InTransit, SubInTransitLastMile, StageDestination), strong

	// fulfillStage: where the parcel is, weakly what happened. 1700 (last
	// mile) covers everything from the local carrier to delivered, so it
	// has no status of its own.
	case "1100":
		return cls(InTransit, SubInTransitPickedUp, StageShipped), weak
	case "1200":
		return cls(InTransit, SubInTransitOriginFacility, StageShipped), weak
	case "1300", "1400":
		return cls(InTransit, SubInTransitOther, StageShipped), weak
	case "1600":
		return cls(InTransit, SubInTransitCustoms, StageShipped), weak
	case "1700":
		return cls(Unknown, "", StageDestination), weak

	// Order axis: Open-Platform order_status enum.
	case "PLACE_ORDER_SUCCESS":
		return cls(Pending, SubPendingAwaitingPayment, StageOrdered), strong
	case "RISK_CONTROL", "WAIT_SELLER_EXAMINE_MONEY":
		return cls(Pending, SubPendingPaymentVerifying, StageOrdered), strong
	case "IN_CANCEL":
		return cls(Pending, SubPendingCancelRequested, StageOrdered), strong
	case "WAIT_SELLER_SEND_GOODS":
		return cls(Pending, SubPendingAwaitingShipment, StageOrdered), strong
	case "SELLER_PART_SEND_GOODS":
		return cls(InTransit, SubInTransitPartiallyShipped, StageShipped), strong
	case "WAIT_BUYER_ACCEPT_GOODS":
		return cls(InTransit, SubInTransitShipped, StageShipped), strong
	case "WAIT_GROUP_SUCCESS", "IN_PRESELL_PROMOTION":
		return cls(Pending, SubPendingOther, StageOrdered), strong
	case "FUND_PROCESSING":
		return cls(Exception, SubExceptionRefund, StageUnknown), strong
	case "IN_ISSUE":
		return cls(Exception, SubExceptionDispute, StageUnknown), strong
	case "IN_FROZEN":
		return cls(Exception, SubExceptionFrozen, StageUnknown), strong
	case "FINISH": // completed, or closed: the page text tells which
		return cls(Delivered, SubDeliveredOrder, StageDelivered), weak

	// Order axis: numeric orderStatus of the buyer pages (8 and 9 are the
	// only values observed).
	case "8":
		return cls(InTransit, SubInTransitShipped, StageShipped), strong
	case "9":
		return cls(Delivered, SubDeliveredOrder, StageDelivered), strong

	// Order-list tab codes (statusTab); "all" and "recycle" say nothing.
	case "UNPAID":
		return cls(Pending, SubPendingAwaitingPayment, StageOrdered), strong
	case "PROCESSING":
		return cls(Pending, SubPendingAwaitingShipment, StageOrdered), strong
	case "SHIPPED":
		return cls(InTransit, SubInTransitShipped, StageShipped), strong
	case "COMPLETED":
		return cls(Delivered, SubDeliveredOrder, StageDelivered), strong

	// aliexpress.ru order-list tags.
	case "READY", "PICKUP", "READY_FOR_PICKUP":
		return cls(AvailableForPickup, SubPickupOther, StageDestination), strong
	case "TRANSIT", "IN_TRANSIT":
		return cls(InTransit, SubInTransitOther, StageShipped), strong
	case "CANCELLED", "CANCELED":
		return cls(Cancelled, SubCancelledOther, StageUnknown), strong
	case "TIME_FOR_PAYMENT":
		return cls(Pending, SubPendingAwaitingPayment, StageOrdered), strong
	}
	return Class{}, noMatch
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
