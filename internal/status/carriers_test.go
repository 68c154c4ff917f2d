package status

import "testing"

// TestBigCarrierScans: the English scan texts of UPS, USPS, FedEx and DHL
// that 17TRACK relays word for word.
func TestBigCarrierScans(t *testing.T) {
	tests := []struct {
		carrier, text string
		want          want
	}{
		{"UPS", "Order Processed: Ready for UPS", "info_received/info_received_label_created"},
		{"UPS", "Origin Scan", "in_transit/in_transit_picked_up"},
		{"UPS", "Departure Scan", "in_transit"},
		{"UPS", "Arrival Scan", "in_transit"},
		{"UPS", "Destination Scan", "in_transit/in_transit_local_facility/destination"},
		{"UPS", "Out For Delivery Today", "out_for_delivery"},
		{"UPS", "Delivered", "delivered"},
		{"USPS", "Shipping Label Created, USPS Awaiting Item", "info_received/info_received_label_created"},
		{"USPS", "Arrived at USPS Regional Facility", "in_transit"},
		{"USPS", "In Transit to Next Facility", "in_transit"},
		{"USPS", "Out for Delivery", "out_for_delivery"},
		{"USPS", "Delivered, In/At Mailbox", "delivered"},
		{"FedEx", "Shipment information sent to FedEx", "info_received/info_received_label_created"},
		{"FedEx", "Picked up", "in_transit/in_transit_picked_up"},
		{"FedEx", "At local FedEx facility", "in_transit/in_transit_local_facility/destination"},
		{"FedEx", "On FedEx vehicle for delivery", "out_for_delivery"},
		{"DHL", "Shipment information received", "info_received/info_received_label_created"},
		{"DHL", "Shipment picked up", "in_transit/in_transit_picked_up"},
		{"DHL", "Processed at", "in_transit"},
		{"DHL", "Processed at LEIPZIG - GERMANY", "in_transit"},
		{"DHL", "Arrived at Sort Facility", "in_transit"},
		{"DHL", "Arrived at Sort Facility HONG KONG - HONG KONG", "in_transit"},
		{"DHL", "With delivery courier", "out_for_delivery"},
	}
	for _, tc := range tests {
		t.Run(tc.carrier+"/"+tc.text, func(t *testing.T) {
			tc.want.check(t, Classify("text", "", tc.text, "en"), tc.text)
			// 17TRACK relays them with no code of its own.
			tc.want.check(t, Classify("17track", "", tc.text, "en"), "17track: "+tc.text)
		})
	}
}
