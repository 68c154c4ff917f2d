package status

// match says how much a code table's answer can be trusted.
type match uint8

const (
	noMatch match = iota
	strong        // the code says what happened
	weak          // generic code ("carrier update", "*_OTHER"): known text refines it
)

// A kind is one Class plus how far a code table trusts it. The code tables
// are sorted slices of {code, kind} (a switch of ~300 string cases costs
// about 60 KB of core.wasm; these slices cost a few KB).
type kind uint8

const (
	kNone kind = iota
	kInfoReceivedLabelCreatedShipped
	kInfoReceivedWarehouseOrdered
	kInfoReceivedWarehouseOrderedWeak
	kInfoReceivedPackedOrdered
	kExceptionCancelled
	kExceptionOther
	kInTransitPickedUpShipped
	kInTransitOriginFacilityShipped
	kInTransitDelayedShipped
	kExceptionOtherShipped
	kInTransitExportCustomsShipped
	kInTransitExportClearedShipped
	kExceptionCustomsShipped
	kInTransitHandedToAirlineShipped
	kInTransitDepartedOriginIntl
	kInTransitTransitCountryIntl
	kExceptionCustomsIntl
	kInTransitArrivedDest
	kInTransitOtherIntl
	kExceptionOtherIntl
	kInTransitOtherShippedWeak
	kInTransitOtherWeak
	kInTransitCustomsIntl
	kInTransitCustomsDest
	kInTransitCustomsClearedDest
	kExceptionCustomsDest
	kExceptionPaymentDest
	kInTransitLastMileDest
	kInTransitLastMileIntl
	kInTransitLocalFacilityDest
	kInTransitForwardedDest
	kExceptionAddressDest
	kInTransitOtherDestWeak
	kOutForDeliveryOtherDest
	kOutForDeliveryRedeliveryDest
	kPickupPointDest
	kPickupOtherDest
	kPickupNoticeSentDest
	kPickupLockerDest
	kPickupOtherDestWeak
	kExceptionUnclaimedDest
	kDeliveredOtherDelivered
	kDeliveredPickupDelivered
	kFailedOtherDest
	kExceptionOtherDest
	kExceptionRefused
	kExceptionOtherWeak
	kReturningOther
	kReturnedOther
	kExceptionDestroyed
	kPendingAwaitingShipmentOrdered
	kInTransitOriginFacilityShippedWeak
	kInTransitCustomsShippedWeak
	kInTransitCustomsIntlWeak
	kInTransitLocalFacilityDestWeak
	kExpiredOther
	kNotFoundOther
	kNotFoundInvalidNumber
	kInTransitCustomsShipped
	kInTransitCustomsClearedShipped
	kInTransitCustomsInfoShipped
	kFailedNoOneHomeDest
	kFailedSecurityDest
	kFailedRefusedDest
	kFailedAddressDest
	kExceptionRecipient
	kExceptionCustoms
	kExceptionDamaged
	kExceptionDelayed
	kExceptionLost
	kPendingOrderReceivedOrdered
	kInTransitOtherDest
	kInTransitPickedUpShippedWeak
	kUnknownDestWeak
	kPendingAwaitingPaymentOrdered
	kPendingPaymentVerifyingOrdered
	kPendingCancelRequestedOrdered
	kInTransitPartiallyShippedShipped
	kInTransitShippedShipped
	kPendingOtherOrdered
	kExceptionRefund
	kExceptionDispute
	kExceptionFrozen
	kDeliveredOrderDeliveredWeak
	kDeliveredOrderDelivered
	kInTransitOtherShipped
	kCancelledOther
)

var kinds = [...]struct {
	c Class
	m match
}{
	kInfoReceivedLabelCreatedShipped:    {Class{InfoReceived, SubInfoReceivedLabelCreated, StageShipped}, strong},
	kInfoReceivedWarehouseOrdered:       {Class{InfoReceived, SubInfoReceivedWarehouse, StageOrdered}, strong},
	kInfoReceivedWarehouseOrderedWeak:   {Class{InfoReceived, SubInfoReceivedWarehouse, StageOrdered}, weak},
	kInfoReceivedPackedOrdered:          {Class{InfoReceived, SubInfoReceivedPacked, StageOrdered}, strong},
	kExceptionCancelled:                 {Class{Exception, SubExceptionCancelled, StageUnknown}, strong},
	kExceptionOther:                     {Class{Exception, SubExceptionOther, StageUnknown}, strong},
	kInTransitPickedUpShipped:           {Class{InTransit, SubInTransitPickedUp, StageShipped}, strong},
	kInTransitOriginFacilityShipped:     {Class{InTransit, SubInTransitOriginFacility, StageShipped}, strong},
	kInTransitDelayedShipped:            {Class{InTransit, SubInTransitDelayed, StageShipped}, strong},
	kExceptionOtherShipped:              {Class{Exception, SubExceptionOther, StageShipped}, strong},
	kInTransitExportCustomsShipped:      {Class{InTransit, SubInTransitExportCustoms, StageShipped}, strong},
	kInTransitExportClearedShipped:      {Class{InTransit, SubInTransitExportCleared, StageShipped}, strong},
	kExceptionCustomsShipped:            {Class{Exception, SubExceptionCustoms, StageShipped}, strong},
	kInTransitHandedToAirlineShipped:    {Class{InTransit, SubInTransitHandedToAirline, StageShipped}, strong},
	kInTransitDepartedOriginIntl:        {Class{InTransit, SubInTransitDepartedOrigin, StageInternational}, strong},
	kInTransitTransitCountryIntl:        {Class{InTransit, SubInTransitTransitCountry, StageInternational}, strong},
	kExceptionCustomsIntl:               {Class{Exception, SubExceptionCustoms, StageInternational}, strong},
	kInTransitArrivedDest:               {Class{InTransit, SubInTransitArrived, StageDestination}, strong},
	kInTransitOtherIntl:                 {Class{InTransit, SubInTransitOther, StageInternational}, strong},
	kExceptionOtherIntl:                 {Class{Exception, SubExceptionOther, StageInternational}, strong},
	kInTransitOtherShippedWeak:          {Class{InTransit, SubInTransitOther, StageShipped}, weak},
	kInTransitOtherWeak:                 {Class{InTransit, SubInTransitOther, StageUnknown}, weak},
	kInTransitCustomsIntl:               {Class{InTransit, SubInTransitCustoms, StageInternational}, strong},
	kInTransitCustomsDest:               {Class{InTransit, SubInTransitCustoms, StageDestination}, strong},
	kInTransitCustomsClearedDest:        {Class{InTransit, SubInTransitCustomsCleared, StageDestination}, strong},
	kExceptionCustomsDest:               {Class{Exception, SubExceptionCustoms, StageDestination}, strong},
	kExceptionPaymentDest:               {Class{Exception, SubExceptionPayment, StageDestination}, strong},
	kInTransitLastMileDest:              {Class{InTransit, SubInTransitLastMile, StageDestination}, strong},
	kInTransitLastMileIntl:              {Class{InTransit, SubInTransitLastMile, StageInternational}, strong},
	kInTransitLocalFacilityDest:         {Class{InTransit, SubInTransitLocalFacility, StageDestination}, strong},
	kInTransitForwardedDest:             {Class{InTransit, SubInTransitForwarded, StageDestination}, strong},
	kExceptionAddressDest:               {Class{Exception, SubExceptionAddress, StageDestination}, strong},
	kInTransitOtherDestWeak:             {Class{InTransit, SubInTransitOther, StageDestination}, weak},
	kOutForDeliveryOtherDest:            {Class{OutForDelivery, SubOutForDeliveryOther, StageDestination}, strong},
	kOutForDeliveryRedeliveryDest:       {Class{OutForDelivery, SubOutForDeliveryRedelivery, StageDestination}, strong},
	kPickupPointDest:                    {Class{AvailableForPickup, SubPickupPoint, StageDestination}, strong},
	kPickupOtherDest:                    {Class{AvailableForPickup, SubPickupOther, StageDestination}, strong},
	kPickupNoticeSentDest:               {Class{AvailableForPickup, SubPickupNoticeSent, StageDestination}, strong},
	kPickupLockerDest:                   {Class{AvailableForPickup, SubPickupLocker, StageDestination}, strong},
	kPickupOtherDestWeak:                {Class{AvailableForPickup, SubPickupOther, StageDestination}, weak},
	kExceptionUnclaimedDest:             {Class{Exception, SubExceptionUnclaimed, StageDestination}, strong},
	kDeliveredOtherDelivered:            {Class{Delivered, SubDeliveredOther, StageDelivered}, strong},
	kDeliveredPickupDelivered:           {Class{Delivered, SubDeliveredPickup, StageDelivered}, strong},
	kFailedOtherDest:                    {Class{DeliveryFailed, SubFailedOther, StageDestination}, strong},
	kExceptionOtherDest:                 {Class{Exception, SubExceptionOther, StageDestination}, strong},
	kExceptionRefused:                   {Class{Exception, SubExceptionRefused, StageUnknown}, strong},
	kExceptionOtherWeak:                 {Class{Exception, SubExceptionOther, StageUnknown}, weak},
	kReturningOther:                     {Class{Returning, SubReturningOther, StageUnknown}, strong},
	kReturnedOther:                      {Class{Returned, SubReturnedOther, StageUnknown}, strong},
	kExceptionDestroyed:                 {Class{Exception, SubExceptionDestroyed, StageUnknown}, strong},
	kPendingAwaitingShipmentOrdered:     {Class{Pending, SubPendingAwaitingShipment, StageOrdered}, strong},
	kInTransitOriginFacilityShippedWeak: {Class{InTransit, SubInTransitOriginFacility, StageShipped}, weak},
	kInTransitCustomsShippedWeak:        {Class{InTransit, SubInTransitCustoms, StageShipped}, weak},
	kInTransitCustomsIntlWeak:           {Class{InTransit, SubInTransitCustoms, StageInternational}, weak},
	kInTransitLocalFacilityDestWeak:     {Class{InTransit, SubInTransitLocalFacility, StageDestination}, weak},
	kExpiredOther:                       {Class{Expired, SubExpiredOther, StageUnknown}, strong},
	kNotFoundOther:                      {Class{NotFound, SubNotFoundOther, StageUnknown}, strong},
	kNotFoundInvalidNumber:              {Class{NotFound, SubNotFoundInvalidNumber, StageUnknown}, strong},
	kInTransitCustomsShipped:            {Class{InTransit, SubInTransitCustoms, StageShipped}, strong},
	kInTransitCustomsClearedShipped:     {Class{InTransit, SubInTransitCustomsCleared, StageShipped}, strong},
	kInTransitCustomsInfoShipped:        {Class{InTransit, SubInTransitCustomsInfo, StageShipped}, strong},
	kFailedNoOneHomeDest:                {Class{DeliveryFailed, SubFailedNoOneHome, StageDestination}, strong},
	kFailedSecurityDest:                 {Class{DeliveryFailed, SubFailedSecurity, StageDestination}, strong},
	kFailedRefusedDest:                  {Class{DeliveryFailed, SubFailedRefused, StageDestination}, strong},
	kFailedAddressDest:                  {Class{DeliveryFailed, SubFailedAddress, StageDestination}, strong},
	kExceptionRecipient:                 {Class{Exception, SubExceptionRecipient, StageUnknown}, strong},
	kExceptionCustoms:                   {Class{Exception, SubExceptionCustoms, StageUnknown}, strong},
	kExceptionDamaged:                   {Class{Exception, SubExceptionDamaged, StageUnknown}, strong},
	kExceptionDelayed:                   {Class{Exception, SubExceptionDelayed, StageUnknown}, strong},
	kExceptionLost:                      {Class{Exception, SubExceptionLost, StageUnknown}, strong},
	kPendingOrderReceivedOrdered:        {Class{Pending, SubPendingOrderReceived, StageOrdered}, strong},
	kInTransitOtherDest:                 {Class{InTransit, SubInTransitOther, StageDestination}, strong},
	kInTransitPickedUpShippedWeak:       {Class{InTransit, SubInTransitPickedUp, StageShipped}, weak},
	kUnknownDestWeak:                    {Class{Unknown, "", StageDestination}, weak},
	kPendingAwaitingPaymentOrdered:      {Class{Pending, SubPendingAwaitingPayment, StageOrdered}, strong},
	kPendingPaymentVerifyingOrdered:     {Class{Pending, SubPendingPaymentVerifying, StageOrdered}, strong},
	kPendingCancelRequestedOrdered:      {Class{Pending, SubPendingCancelRequested, StageOrdered}, strong},
	kInTransitPartiallyShippedShipped:   {Class{InTransit, SubInTransitPartiallyShipped, StageShipped}, strong},
	kInTransitShippedShipped:            {Class{InTransit, SubInTransitShipped, StageShipped}, strong},
	kPendingOtherOrdered:                {Class{Pending, SubPendingOther, StageOrdered}, strong},
	kExceptionRefund:                    {Class{Exception, SubExceptionRefund, StageUnknown}, strong},
	kExceptionDispute:                   {Class{Exception, SubExceptionDispute, StageUnknown}, strong},
	kExceptionFrozen:                    {Class{Exception, SubExceptionFrozen, StageUnknown}, strong},
	kDeliveredOrderDeliveredWeak:        {Class{Delivered, SubDeliveredOrder, StageDelivered}, weak},
	kDeliveredOrderDelivered:            {Class{Delivered, SubDeliveredOrder, StageDelivered}, strong},
	kInTransitOtherShipped:              {Class{InTransit, SubInTransitOther, StageShipped}, strong},
	kCancelledOther:                     {Class{Cancelled, SubCancelledOther, StageUnknown}, strong},
}

// codeEntry is one row of a code table.
type codeEntry struct {
	code string
	k    kind
}

// lookup finds code in tab, which is sorted by code (a test checks). Not
// inlined: one copy serves every source's table (smaller core.wasm).
//
//go:noinline
func lookup(tab []codeEntry, code string) (Class, match) {
	lo, hi := 0, len(tab)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if tab[m].code < code {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(tab) && tab[lo].code == code {
		k := kinds[tab[lo].k]
		return k.c, k.m
	}
	return Class{}, noMatch
}
