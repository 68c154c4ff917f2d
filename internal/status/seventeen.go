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

func seventeenCode(code string) (Class, match) { return lookup(seventeenCodes, code) }

var seventeenCodes = []codeEntry{
	{"0", kNotFoundOther},
	{"10", kInTransitOtherShippedWeak},
	{"20", kExpiredOther},
	{"30", kPickupOtherDest},
	{"35", kFailedOtherDest},
	{"40", kDeliveredOtherDelivered},
	{"5", kInfoReceivedLabelCreatedShipped},
	{"50", kExceptionOtherWeak},
	{"arrival", kInTransitArrivedDest},
	{"availableforpickup", kPickupOtherDest},
	{"availableforpickup_other", kPickupOtherDest},
	{"delivered", kDeliveredOtherDelivered},
	{"delivered_other", kDeliveredOtherDelivered},
	{"deliveryfailure", kFailedOtherDest},
	{"deliveryfailure_invalidaddress", kFailedAddressDest},
	{"deliveryfailure_nobody", kFailedNoOneHomeDest},
	{"deliveryfailure_other", kFailedOtherDest},
	{"deliveryfailure_rejected", kFailedRefusedDest},
	{"deliveryfailure_security", kFailedSecurityDest},
	{"departure", kInTransitDepartedOriginIntl},
	{"exception", kExceptionOtherWeak},
	{"exception_cancel", kExceptionCancelled},
	{"exception_damage", kExceptionDamaged},
	{"exception_damaged", kExceptionDamaged},
	{"exception_delayed", kExceptionDelayed},
	{"exception_destroyed", kExceptionDestroyed},
	{"exception_lost", kExceptionLost},
	{"exception_nobody", kExceptionRecipient},
	{"exception_other", kExceptionOtherWeak},
	{"exception_rejected", kExceptionRefused},
	{"exception_returned", kReturnedOther},
	{"exception_returning", kReturningOther},
	{"exception_security", kExceptionCustoms},
	{"expired", kExpiredOther},
	{"expired_other", kExpiredOther},
	{"inforeceived", kInfoReceivedLabelCreatedShipped},
	{"intransit", kInTransitOtherShippedWeak},
	{"intransit_arrival", kInTransitArrivedDest},
	{"intransit_customsprocessing", kInTransitCustomsShipped},
	{"intransit_customsreleased", kInTransitCustomsClearedShipped},
	{"intransit_customsrequiringinformation", kInTransitCustomsInfoShipped},
	{"intransit_departure", kInTransitDepartedOriginIntl},
	{"intransit_other", kInTransitOtherShippedWeak},
	{"intransit_pickedup", kInTransitPickedUpShipped},
	{"intransit_transportarrived", kInTransitOtherShippedWeak},
	{"intransit_transportdeparted", kInTransitOtherShippedWeak},
	{"notfound", kNotFoundOther},
	{"notfound_invalidcode", kNotFoundInvalidNumber},
	{"notfound_other", kNotFoundOther},
	{"outfordelivery", kOutForDeliveryOtherDest},
	{"outfordelivery_other", kOutForDeliveryOtherDest},
	{"pickedup", kInTransitPickedUpShipped},
	{"returned", kReturnedOther},
	{"returning", kReturningOther},
}
