package status

// seventeenTrack is the one table of 17TRACK codes (trackers.md §1.8, §1.10,
// §4.4): v2 main statuses, sub-statuses and event key stages, and the v1 /
// web numeric package state `e`. code is lower case with '_' kept
// ("intransit_pickedup"). An unknown sub-status falls back on its prefix
// before '_', which is always its main status.
func seventeenTrack(code string) (Class, match) {
	if c, m := seventeenCode(code); m != noMatch {
		return c, m
	}
	for i := 0; i < len(code); i++ {
		if code[i] == '_' {
			if c, m := seventeenCode(code[:i]); m != noMatch {
				return c, weak
			}
			break
		}
	}
	return Class{}, noMatch
}

func seventeenCode(code string) (Class, match) {
	switch code {
	case "notfound", "notfound_other", "0":
		return cls(NotFound, SubNotFoundOther, StageUnknown), strong
	case "notfound_invalidcode":
		return cls(NotFound, SubNotFoundInvalidNumber, StageUnknown), strong
	case "inforeceived", "5":
		return cls(InfoReceived, SubInfoReceivedLabelCreated, StageShipped), strong
	case "intransit", "intransit_other", "intransit_transportarrived", "intransit_transportdeparted", "10":
		return cls(InTransit, SubInTransitOther, StageShipped), weak
	case "intransit_pickedup", "pickedup":
		return cls(InTransit, SubInTransitPickedUp, StageShipped), strong
	case "intransit_departure", "departure":
		return cls(InTransit, SubInTransitDepartedOrigin, StageInternational), strong
	case "intransit_arrival", "arrival":
		return cls(InTransit, SubInTransitArrived, StageDestination), strong
	case "intransit_customsprocessing": // export or import: 17TRACK does not say
		return cls(InTransit, SubInTransitCustoms, StageShipped), strong
	case "intransit_customsreleased":
		return cls(InTransit, SubInTransitCustomsCleared, StageShipped), strong
	case "intransit_customsrequiringinformation":
		return cls(InTransit, SubInTransitCustomsInfo, StageShipped), strong
	case "expired", "expired_other", "20":
		return cls(Expired, SubExpiredOther, StageUnknown), strong
	case "availableforpickup", "availableforpickup_other", "30":
		return cls(AvailableForPickup, SubPickupOther, StageDestination), strong
	case "outfordelivery", "outfordelivery_other":
		return cls(OutForDelivery, SubOutForDeliveryOther, StageDestination), strong
	case "deliveryfailure", "deliveryfailure_other", "35":
		return cls(DeliveryFailed, SubFailedOther, StageDestination), strong
	case "deliveryfailure_nobody":
		return cls(DeliveryFailed, SubFailedNoOneHome, StageDestination), strong
	case "deliveryfailure_security":
		return cls(DeliveryFailed, SubFailedSecurity, StageDestination), strong
	case "deliveryfailure_rejected":
		return cls(DeliveryFailed, SubFailedRefused, StageDestination), strong
	case "deliveryfailure_invalidaddress":
		return cls(DeliveryFailed, SubFailedAddress, StageDestination), strong
	case "delivered", "delivered_other", "40":
		return cls(Delivered, SubDeliveredOther, StageDelivered), strong
	case "exception", "exception_other", "50":
		return cls(Exception, SubExceptionOther, StageUnknown), weak
	case "exception_returning", "returning":
		return cls(Returning, SubReturningOther, StageUnknown), strong
	case "exception_returned", "returned":
		return cls(Returned, SubReturnedOther, StageUnknown), strong
	case "exception_nobody":
		return cls(Exception, SubExceptionRecipient, StageUnknown), strong
	case "exception_security":
		return cls(Exception, SubExceptionCustoms, StageUnknown), strong
	case "exception_damage", "exception_damaged":
		return cls(Exception, SubExceptionDamaged, StageUnknown), strong
	case "exception_rejected":
		return cls(Exception, SubExceptionRefused, StageUnknown), strong
	case "exception_delayed":
		return cls(Exception, SubExceptionDelayed, StageUnknown), strong
	case "exception_lost":
		return cls(Exception, SubExceptionLost, StageUnknown), strong
	case "exception_destroyed":
		return cls(Exception, SubExceptionDestroyed, StageUnknown), strong
	case "exception_cancel":
		return cls(Exception, SubExceptionCancelled, StageUnknown), strong
	}
	return Class{}, noMatch
}
